package org.ccm.monthend.preview;

import java.math.BigDecimal;

import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.ReasonCode;

/**
 * One line of preview.csv: where a patient stands in the month so far.
 *
 * @param reachableFamily the family the rules would bill now, or null
 * @param currentLines the lines that would be billed now, e.g. {@code 99490+99439x2}, or empty
 * @param nextFamily the family {@code nextThreshold} belongs to, or null when none would pay more
 * @param nextThreshold the next minute count that raises the payment, or null (add-ons capped)
 * @param minutesToNext how many more minutes that takes, or null
 * @param atRisk fewer minutes than the lowest base threshold, and the pace so far does not reach it by month end
 * @param firstFailingGate the first failing gate other than BELOW_THRESHOLD, or null
 * @param expectedPayment what the lines billed now would be expected to pay (zero when none)
 */
public record PreviewRow(
        String patientId,
        BigDecimal staffMinutes,
        BigDecimal practitionerMinutes,
        Family reachableFamily,
        String currentLines,
        BigDecimal nextThreshold,
        BigDecimal minutesToNext,
        boolean atRisk,
        ReasonCode firstFailingGate,
        Family nextFamily,
        BigDecimal expectedPayment) {

    /** The columns of preview.csv, in order. */
    public static final String[] HEADER = {"patient_id", "staff_minutes", "practitioner_minutes", "reachable_family",
            "current_lines", "next_threshold", "minutes_to_next", "at_risk", "first_failing_gate", "next_family", "expected_payment"};

    Object[] values() {
        return new Object[] {patientId, staffMinutes.toPlainString(), practitionerMinutes.toPlainString(), name(reachableFamily),
                currentLines, plain(nextThreshold), plain(minutesToNext), atRisk, name(firstFailingGate), name(nextFamily),
                expectedPayment.toPlainString()};
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
