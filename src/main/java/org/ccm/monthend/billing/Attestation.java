package org.ccm.monthend.billing;

/** A month's complexity attestation: medical decision making and what happened to the care plan. */
public record Attestation(String mdm, String carePlanChange) {
}
