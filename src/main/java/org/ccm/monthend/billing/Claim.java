package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * One billable patient-month.
 *
 * @param minutesCounted the minutes of the billed family: the sum of the evidence rows on this claim
 * @param diagnoses two to four active chronic ICD-10-CM codes, by onset date then code
 * @param runnerUpFamily the next-best candidate family, or null when there was none
 * @param runnerUpPayment its expected payment, or null
 */
public record Claim(
        String claimId,
        String patientId,
        String mbi,
        String billingNpi,
        YearMonth serviceMonth,
        LocalDate dateOfService,
        String placeOfService,
        Family family,
        List<ClaimLine> lines,
        List<String> diagnoses,
        BigDecimal minutesCounted,
        Family runnerUpFamily,
        BigDecimal runnerUpPayment,
        String ruleSet) {

    public Claim {
        lines = List.copyOf(lines);
        diagnoses = List.copyOf(diagnoses);
    }

    /** Stable across re-runs and revisions, and sorts like the patient id (claims.csv is sorted by it). */
    public static String idFor(String patientId, YearMonth month) {
        return "CCM-" + month.getYear() + String.format(Locale.ROOT, "%02d", month.getMonthValue()) + "-" + patientId;
    }

    public BigDecimal chargeAmount() {
        return lines.stream().map(ClaimLine::chargeAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal expectedPayment() {
        return lines.stream().map(ClaimLine::expectedPayment).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
