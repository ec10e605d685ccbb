package org.ccm.monthend.receivables;

import java.math.BigDecimal;
import java.util.List;

/**
 * One service month's receivables. Claim buckets are {@link Count}s of claims and their billed charge. They add up:
 * {@code decided = held + ready + submitted} and {@code submitted = answered + outstanding}; {@code answered} splits
 * into paid, partially paid, denied, reversed and corrected (replaced or voided after an answer); {@code overdue} is the
 * part of {@code outstanding} submitted longer ago than {@code ccm.remit.outstanding-days}. Money sums every posted
 * answer except those flagged as a second payment (a reversal's negative amounts net its payment out).
 */
public record MonthReceivables(String month, Count decided, Count held, Count ready, Count submitted, Count answered, Count paid,
        Count partiallyPaid, Count denied, Count reversed, Count corrected, Count outstanding, Count overdue, int outstandingDays,
        BigDecimal paidAmount, BigDecimal patientResponsibility, BigDecimal sequestration,
        List<ProviderAdjustmentTotal> providerAdjustments, int duplicatePayments, List<Denial> denials, List<Remark> remarks,
        List<Variance> variances) {

    public record Count(int claims, BigDecimal amount) {

        public static final Count ZERO = new Count(0, BigDecimal.ZERO.setScale(2));

        public Count plus(Count other) {
            return new Count(claims + other.claims, amount.add(other.amount));
        }
    }

    /** Claims (and lines) whose current answer carries this adjustment group and CARC, and the amount adjusted. */
    public record Denial(String group, String reason, int claims, int lines, BigDecimal amount) {
    }

    /** Claims whose current answer carries this remark code (RARC). */
    public record Remark(String code, int claims) {
    }

    /** A line whose allowed amount differs from its expected payment by more than a cent, with the rule set it was decided under. */
    public record Variance(String claimId, int line, BigDecimal expected, BigDecimal allowed, String ruleSet) {
    }

    /** PLB adjustments of the month's remittances by reason (FB, WO, L6, ...); positive reduces the payment. */
    public record ProviderAdjustmentTotal(String reason, BigDecimal amount) {
    }
}
