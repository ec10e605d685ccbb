package org.ccm.monthend.billing;

/** How a time entry counts (ccm-rules.md section 3). */
public enum CountedAs {
    STAFF, PRACTITIONER, NOT_COUNTED
}
