package org.ccm.monthend.billing;

/** Why a patient-month is not billed: the gates of ccm-rules.md section 4, in the order they are checked. */
public enum ReasonCode {
    NOT_ENROLLED,
    NO_CONSENT,
    FEWER_THAN_TWO_CHRONIC_CONDITIONS,
    NO_CARE_PLAN,
    NO_INITIATING_VISIT,
    INELIGIBLE_BILLING_PRACTITIONER,
    BILLED_ELSEWHERE,
    CONFLICTING_SERVICE,
    ALREADY_BILLED,
    BELOW_THRESHOLD
}
