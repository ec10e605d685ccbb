package org.ccm.monthend.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;

/** What a closed month billed, over all its published revisions. */
public record ClosedMonth(YearMonth month, int revisions, long billedPatientMonths, BigDecimal expectedPayment) {

    /** Expected payment per billed patient-month, or null when nothing was billed. */
    public BigDecimal perBilledPatientMonth() {
        return billedPatientMonths == 0 ? null
                : expectedPayment.divide(BigDecimal.valueOf(billedPatientMonths), 2, RoundingMode.HALF_UP);
    }
}
