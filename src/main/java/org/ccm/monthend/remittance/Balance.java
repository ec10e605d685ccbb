package org.ccm.monthend.remittance;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The three balancing rules of an 835 (claim-lifecycle.md, "Posting remittances"), checked as a
 * {@link Remittance835Reader.Listener}: per service line, charge − paid = the line's adjustments; per claim, CLP03 −
 * CLP04 = the claim's and its lines' adjustments; per transaction, BPR02 = the sum of CLP04 − the provider-level
 * adjustments. The first difference is kept, named by transaction, claim ordinal, segment and line, never by claim id.
 */
public final class Balance implements Remittance835Reader.Listener {

    private BigDecimal paidInTransaction;
    private BigDecimal providerAdjustments;
    private String firstDifference;
    private int transactions;
    private long claims;

    /** The first difference found, if any. */
    public Optional<String> firstDifference() {
        return Optional.ofNullable(firstDifference);
    }

    public int transactions() {
        return transactions;
    }

    public long claims() {
        return claims;
    }

    @Override
    public void transaction(Era835.Header header) {
        transactions++;
        paidInTransaction = BigDecimal.ZERO;
        providerAdjustments = BigDecimal.ZERO;
    }

    @Override
    public void claim(Era835.Header header, Era835.ClaimPayment claim) {
        claims++;
        paidInTransaction = paidInTransaction.add(claim.paid());
        BigDecimal adjusted = claim.adjustments().stream().map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (Era835.ServicePayment line : claim.lines()) {
            BigDecimal lineAdjusted = line.adjusted();
            if (line.charge().subtract(line.paid()).compareTo(lineAdjusted) != 0) {
                difference(where(header, claim) + ", service line " + line.ordinal() + ": charge " + line.charge() + " - paid "
                        + line.paid() + " = " + line.charge().subtract(line.paid()) + " but its adjustments (CAS) total " + lineAdjusted);
            }
            adjusted = adjusted.add(lineAdjusted);
        }
        if (claim.charge().subtract(claim.paid()).compareTo(adjusted) != 0) {
            difference(where(header, claim) + ": CLP03 " + claim.charge() + " - CLP04 " + claim.paid() + " = "
                    + claim.charge().subtract(claim.paid()) + " but its claim and line adjustments total " + adjusted);
        }
    }

    @Override
    public void providerAdjustment(Era835.Header header, Era835.ProviderAdjustment adjustment) {
        providerAdjustments = providerAdjustments.add(adjustment.amount());
    }

    @Override
    public void endTransaction(Era835.Header header) {
        BigDecimal expected = paidInTransaction.subtract(providerAdjustments);
        if (header.paymentAmount().compareTo(expected) != 0) {
            difference("transaction " + header.transaction() + " (ST02 " + header.st02() + "): BPR02 " + header.paymentAmount()
                    + " but its claims' CLP04 total " + paidInTransaction + " less provider adjustments (PLB) " + providerAdjustments
                    + " = " + expected);
        }
    }

    private void difference(String text) {
        if (firstDifference == null) {
            firstDifference = text;
        }
    }

    private static String where(Era835.Header header, Era835.ClaimPayment claim) {
        return "transaction " + header.transaction() + " (ST02 " + header.st02() + "), claim " + claim.ordinal() + " at segment "
                + claim.segment();
    }
}
