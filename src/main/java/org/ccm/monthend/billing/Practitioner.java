package org.ccm.monthend.billing;

/** A care-team member as the rules see a patient's billing practitioner. */
public record Practitioner(String memberId, String credential, String npi) {
}
