package org.ccm.monthend.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;

/**
 * What a closed month billed, over all its published revisions, and what the payer actually paid where remittances
 * exist: {@code answeredPatientMonths} claims with a posted answer, {@code paidAmount} what they were paid (null when
 * no claim of the month was answered yet).
 */
public record ClosedMonth(YearMonth month, int revisions, long billedPatientMonths, BigDecimal expectedPayment, long answeredPatientMonths,
        BigDecimal paidAmount) {

    /** A month no remittance answered yet. */
    public ClosedMonth(YearMonth month, int revisions, long billedPatientMonths, BigDecimal expectedPayment) {
        this(month, revisions, billedPatientMonths, expectedPayment, 0, null);
    }

    /** What the payer paid per answered patient-month, or null when no claim was answered. */
    public BigDecimal paidPerAnsweredPatientMonth() {
        return answeredPatientMonths == 0 || paidAmount == null ? null
                : paidAmount.divide(BigDecimal.valueOf(answeredPatientMonths), 2, RoundingMode.HALF_UP);
    }

    /** Expected payment per billed patient-month, or null when nothing was billed. */
    public BigDecimal perBilledPatientMonth() {
        return billedPatientMonths == 0 ? null
                : expectedPayment.divide(BigDecimal.valueOf(billedPatientMonths), 2, RoundingMode.HALF_UP);
    }
}
