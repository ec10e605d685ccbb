package org.ccm.monthend.billing;

import java.math.BigDecimal;

/**
 * How one time entry was counted.
 *
 * @param onClaim whether its minutes are part of the claim's minutes
 * @param reason why it is not on the claim, or null when it is (or when the month has no claim and it counted)
 */
public record EntryEvidence(String entryId, CountedAs countedAs, EntryReason reason, BigDecimal minutes, boolean onClaim) {
}
