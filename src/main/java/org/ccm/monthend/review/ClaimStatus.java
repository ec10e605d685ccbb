package org.ccm.monthend.review;

/** The statuses of ../shared/claim-lifecycle.md, stored by name in {@code claim.status} and {@code claim_event}. */
public enum ClaimStatus {

    /** Set by a close: in the month's claims.csv, ready to submit unless held. */
    DECIDED,
    /** Kept out of submission by {@code hold}, with the reason on the record. */
    HELD,
    /** Ready again after {@code release}. */
    RELEASED,
    /** Carried by exactly one original interchange. */
    SUBMITTED,
    PAID,
    PARTIALLY_PAID,
    DENIED,
    /**
     * A later 835 took a payment back (CLP02 = 22). When the claim was VOIDED, that is the payer accepting the void
     * ({@code claim.void_accepted_remittance_id}): the claim no longer counts as billed.
     */
    REVERSED,
    /** A corrected claim (frequency 7) went out in a later interchange. */
    REPLACED,
    /** A cancellation (frequency 8) went out in a later interchange. */
    VOIDED;

    /** A hold keeps a claim out of submission, so only a claim no interchange has carried yet can be held. */
    public boolean holdable() {
        return this == DECIDED || this == RELEASED;
    }

    /** Once an interchange carried the claim, only a void or a replacement changes what the payer has. */
    public boolean submitted() {
        return !(this == DECIDED || this == HELD || this == RELEASED);
    }
}
