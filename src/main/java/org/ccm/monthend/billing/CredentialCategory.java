package org.ccm.monthend.billing;

/** What a credential allows (ccm-rules.md section 3); the mapping is rule data. */
public enum CredentialCategory {
    BILLING_PRACTITIONER, CLINICAL_STAFF, NON_CLINICAL
}
