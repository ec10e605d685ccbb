package org.ccm.monthend.billing;

/** How one family is chosen among the candidates (ccm-rules.md section 2). */
public enum SelectionPolicy {
    /** The candidate with the highest expected payment; ties go NON_COMPLEX, COMPLEX, PRACTITIONER. */
    HIGHEST_EXPECTED_PAYMENT,
    /** Complex whenever it is attested and its threshold met; otherwise as HIGHEST_EXPECTED_PAYMENT. */
    PREFER_COMPLEX_WHEN_ATTESTED
}
