package org.ccm.monthend.review;

import java.time.Instant;

/**
 * One row of the append-only {@code claim_event} table: a change of a claim's status, who made it, when, and why.
 *
 * @param from null for the claim's first event (its decision by a close)
 * @param submission the interchange that caused the change, or null
 * @param remittance the remittance that caused the change, or null
 */
public record ClaimEvent(String claimId, ClaimStatus from, ClaimStatus to, String actor, Instant at, String reason,
        String submission, String remittance) {
}
