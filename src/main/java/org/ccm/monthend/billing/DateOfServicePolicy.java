package org.ccm.monthend.billing;

/** The claim's date of service (ccm-rules.md section 5). */
public enum DateOfServicePolicy {
    /** The last day of the service month (default). */
    LAST_DAY_OF_MONTH,
    /** The day the billed family's base threshold was reached (the CMS FAQ allows it). */
    THRESHOLD_MET
}
