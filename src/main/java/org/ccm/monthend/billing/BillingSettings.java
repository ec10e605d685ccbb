package org.ccm.monthend.billing;

/** Policy choices that are settings rather than rule data. */
public record BillingSettings(SelectionPolicy selectionPolicy, DateOfServicePolicy dateOfService) {

    public static BillingSettings defaults() {
        return new BillingSettings(SelectionPolicy.HIGHEST_EXPECTED_PAYMENT, DateOfServicePolicy.LAST_DAY_OF_MONTH);
    }
}
