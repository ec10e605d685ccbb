package org.ccm.monthend.billing;

/** Why a patient-month gets no claim: the first failing gate, and a detail with minutes and any further failing gates. */
public record NotBilled(ReasonCode reasonCode, String detail) {
}
