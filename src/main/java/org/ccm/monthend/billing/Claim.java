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
 * @param voidedBefore how many earlier claims of the patient-month had a void the payer accepted (0 for the first claim
 *        of a patient-month); part of the claim table's key
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
        String ruleSet,
        int voidedBefore) {

    public Claim {
        lines = List.copyOf(lines);
        diagnoses = List.copyOf(diagnoses);
        if (voidedBefore < 0) {
            throw new IllegalArgumentException("voidedBefore cannot be negative");
        }
    }

    /** The first claim of its patient-month (no earlier claim of it was voided). */
    public Claim(String claimId, String patientId, String mbi, String billingNpi, YearMonth serviceMonth, LocalDate dateOfService,
            String placeOfService, Family family, List<ClaimLine> lines, List<String> diagnoses, BigDecimal minutesCounted,
            Family runnerUpFamily, BigDecimal runnerUpPayment, String ruleSet) {
        this(claimId, patientId, mbi, billingNpi, serviceMonth, dateOfService, placeOfService, family, lines, diagnoses, minutesCounted,
                runnerUpFamily, runnerUpPayment, ruleSet, 0);
    }

    /**
     * The id of the first claim of a patient-month: stable across re-runs and revisions, and sorts like the patient id
     * (claims.csv is sorted by it).
     */
    public static String idFor(String patientId, YearMonth month) {
        return "CCM-" + month.getYear() + String.format(Locale.ROOT, "%02d", month.getMonthValue()) + "-" + patientId;
    }

    /**
     * The id of a claim decided by close revision {@code revision} after {@code voidedBefore} earlier claims of the
     * patient-month had a void the payer accepted: {@link #idFor(String, YearMonth)} for the first claim, that id and
     * {@code -R<revision>} for a claim that bills the month again ({@code CCM-202610-P0001-R2}). A re-run of the same
     * revision sees the same earlier claims, so it gives the same id; two claims of one patient-month never share one
     * (a revision decides a patient-month once).
     */
    public static String idFor(String patientId, YearMonth month, int voidedBefore, int revision) {
        return voidedBefore == 0 ? idFor(patientId, month) : idFor(patientId, month) + "-R" + revision;
    }

    public BigDecimal chargeAmount() {
        return lines.stream().map(ClaimLine::chargeAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal expectedPayment() {
        return lines.stream().map(ClaimLine::expectedPayment).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
