package org.ccm.monthend.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.billing.Attestation;
import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.BillingSettings;
import org.ccm.monthend.billing.Condition;
import org.ccm.monthend.billing.Enrollment;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.Patient;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.Practitioner;
import org.ccm.monthend.billing.ReasonCode;
import org.ccm.monthend.billing.TimeEntry;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The preview line of a patient, October 2026 (31 days) under ccm-2026, "today" given by hand. */
class PreviewCalculatorTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final RuleSetCatalog CATALOG = RuleSetCatalog.load(Path.of("config/rules"), null);
    private static final LocalDate OCTOBER_10 = LocalDate.of(2026, 10, 10);

    @Test
    void fiveMinutesInTenDaysIsAtRisk() {
        // pace 0.5 a day x 21 days left = 10.5 more: 15.5 by the 31st, under 20
        PreviewRow row = preview(OCTOBER_10, patient().staff("5.00", 3));
        assertThat(row.atRisk()).isTrue();
        assertThat(row.reachableFamily()).isNull();
        assertThat(row.currentLines()).isEmpty();
        assertThat(row.nextFamily()).isEqualTo(Family.NON_COMPLEX);
        assertThat(row.nextThreshold()).isEqualByComparingTo("20");
        assertThat(row.minutesToNext()).isEqualByComparingTo("15");
        assertThat(row.firstFailingGate()).isNull();
        assertThat(row.expectedPayment()).isEqualByComparingTo("0");
    }

    @Test
    void twelveMinutesInTenDaysIsNotAtRisk() {
        // pace 1.2 a day x 21 days left = 25.2 more: 37.2 by the 31st
        PreviewRow row = preview(OCTOBER_10, patient().staff("12.00", 4));
        assertThat(row.atRisk()).isFalse();
        assertThat(row.minutesToNext()).isEqualByComparingTo("8");
    }

    @Test
    void twentyMinutesReachesNonComplexAndIsNotAtRisk() {
        PreviewRow row = preview(OCTOBER_10, patient().staff("12.00", 2).staff("8.00", 9));
        assertThat(row.atRisk()).isFalse();
        assertThat(row.reachableFamily()).isEqualTo(Family.NON_COMPLEX);
        assertThat(row.currentLines()).isEqualTo("99490");
        assertThat(row.nextThreshold()).isEqualByComparingTo("40");
        assertThat(row.minutesToNext()).isEqualByComparingTo("20");
        assertThat(row.expectedPayment()).isEqualByComparingTo("66.13");
    }

    @Test
    void fortyFiveMinutesHasOneAddOnAndSixtyIsNext() {
        PreviewRow row = preview(OCTOBER_10, patient().staff("45.00", 5));
        assertThat(row.currentLines()).isEqualTo("99490+99439");
        assertThat(row.nextThreshold()).isEqualByComparingTo("60");
        assertThat(row.minutesToNext()).isEqualByComparingTo("15");
        // 66.13 + 48.10
        assertThat(row.expectedPayment()).isEqualByComparingTo("114.23");
    }

    @Test
    void nonComplexWithBothAddOnsHasNoNextThreshold() {
        PreviewRow row = preview(OCTOBER_10, patient().staff("65.00", 5));
        assertThat(row.currentLines()).isEqualTo("99490+99439x2");
        assertThat(row.nextThreshold()).isNull();
        assertThat(row.minutesToNext()).isNull();
        assertThat(row.nextFamily()).isNull();
        // 66.13 + 2 x 48.10
        assertThat(row.expectedPayment()).isEqualByComparingTo("162.33");
    }

    @Test
    void attestedComplexNextThresholdIsTheNextThirtyMinutes() {
        // 95 minutes attested complex: 99487 + 99489 (222.45) beats 99490 + 99439 x2 (162.33); the next unit is at 120
        PreviewRow row = preview(OCTOBER_10, patient().staff("50.00", 2).staff("45.00", 3).attested("HIGH", "ESTABLISHED"));
        assertThat(row.reachableFamily()).isEqualTo(Family.COMPLEX);
        assertThat(row.currentLines()).isEqualTo("99487+99489");
        assertThat(row.nextThreshold()).isEqualByComparingTo("120");
        assertThat(row.minutesToNext()).isEqualByComparingTo("25");
    }

    @Test
    void aFailingGateIsShownAndTheNearestThresholdStillComputed() {
        PreviewRow row = preview(OCTOBER_10, patient().staff("30.00", 5).notEnrolled());
        assertThat(row.firstFailingGate()).isEqualTo(ReasonCode.NOT_ENROLLED);
        assertThat(row.reachableFamily()).isNull();
        // non-complex at 30: next is 40 (10 to go); 99491 would need 30 practitioner minutes: non-complex is nearer
        assertThat(row.nextFamily()).isEqualTo(Family.NON_COMPLEX);
        assertThat(row.nextThreshold()).isEqualByComparingTo("40");
        assertThat(row.minutesToNext()).isEqualByComparingTo("10");
        assertThat(row.atRisk()).isFalse();
    }

    @Test
    void belowThresholdIsNotReportedAsAGate() {
        assertThat(preview(OCTOBER_10, patient().staff("5.00", 3)).firstFailingGate()).isNull();
        assertThat(preview(OCTOBER_10, patient()).firstFailingGate()).isNull();
    }

    @Test
    void practitionerMinutesCountTowardsTheTotalAndThePace() {
        // 4 staff + 3 practitioner = 7: 7 x 31 = 217 >= 20 x 10 = 200, not at risk
        PreviewRow row = preview(OCTOBER_10, patient().staff("4.00", 2).practitioner("3.00", 3));
        assertThat(row.staffMinutes()).isEqualByComparingTo("4");
        assertThat(row.practitionerMinutes()).isEqualByComparingTo("3");
        assertThat(row.atRisk()).isFalse();
        assertThat(row.minutesToNext()).isEqualByComparingTo("13");
    }

    /** total x 31 >= 20 x elapsed is the line; October 10th: 200 / 31 = 6.4516... */
    @ParameterizedTest(name = "{1} minutes by {0}: at risk {2}")
    @CsvSource({
            "2026-10-10, 6.45, true",   // 6.45 x 31 = 199.95 < 200
            "2026-10-10, 6.46, false",  // 6.46 x 31 = 200.26
            "2026-10-10, 0.00, true",   // no time at all, a third of the month gone
            "2026-10-01, 0.65, false",  // day 1: 0.65 x 31 = 20.15 >= 20 x 1
            "2026-10-01, 0.64, true",   // 19.84 < 20
            "2026-10-31, 19.99, true",  // the month is over: no days left
            "2026-11-02, 19.99, true",  // after the month: the same
            "2026-11-02, 20.00, false",
            "2026-09-30, 0.00, false",  // the month has not begun: no pace yet
    })
    void atRiskComparesThePaceWithTheDaysLeft(LocalDate today, BigDecimal total, boolean atRisk) {
        PreviewCalculator calculator = calculator(today);
        assertThat(calculator.atRisk(OCTOBER, total, new BigDecimal("20"))).isEqualTo(atRisk);
    }

    @ParameterizedTest
    @CsvSource({"2026-09-30, 0", "2026-10-01, 1", "2026-10-10, 10", "2026-10-31, 31", "2027-01-01, 31"})
    void elapsedDaysCountTodayAndStayInsideTheMonth(LocalDate today, long elapsed) {
        assertThat(calculator(today).elapsedDays(OCTOBER)).isEqualTo(elapsed);
    }

    @Test
    void csvValuesAreThePreviewColumnsInOrder() {
        PreviewRow row = preview(OCTOBER_10, patient().staff("5.00", 3));
        assertThat(row.values()).containsExactly("P1", "5.00", "0.00", "", "", "20", "15", true, "", "NON_COMPLEX", "0.00");
        assertThat(PreviewRow.HEADER).startsWith("patient_id", "staff_minutes", "practitioner_minutes", "reachable_family",
                "current_lines", "next_threshold", "minutes_to_next", "at_risk", "first_failing_gate");
    }

    private static PreviewCalculator calculator(LocalDate today) {
        return new PreviewCalculator(new BillingRules(CATALOG.forMonth(OCTOBER), BillingSettings.defaults()), today);
    }

    private static PreviewRow preview(LocalDate today, PatientBuilder patient) {
        return calculator(today).preview(patient.build());
    }

    private static PatientBuilder patient() {
        return new PatientBuilder();
    }

    /** A patient who passes every gate but the minutes one: enrolled, consented, two chronic conditions, care plan, visit, MD. */
    private static final class PatientBuilder {
        private final List<TimeEntry> entries = new ArrayList<>();
        private List<Enrollment> enrollments = List.of(new Enrollment(LocalDate.of(2026, 1, 1), null));
        private Attestation attestation;

        PatientBuilder staff(String minutes, int day) {
            return entry("M-RN", "RN", minutes, day);
        }

        PatientBuilder practitioner(String minutes, int day) {
            return entry("M-MD", "MD", minutes, day);
        }

        private PatientBuilder entry(String member, String credential, String minutes, int day) {
            entries.add(new TimeEntry("E" + (entries.size() + 1), member, credential, OCTOBER.atDay(day).atTime(10, 0),
                    new BigDecimal(minutes), "CARE_COORDINATION", "CCM"));
            return this;
        }

        PatientBuilder notEnrolled() {
            enrollments = List.of();
            return this;
        }

        PatientBuilder attested(String mdm, String carePlanChange) {
            attestation = new Attestation(mdm, carePlanChange);
            return this;
        }

        PatientMonth build() {
            LocalDate before = LocalDate.of(2026, 1, 5);
            Patient patient = new Patient("P1", "1EG4TE5MK73", "M-MD", before, "VERBAL", before, before, "11");
            return new PatientMonth(OCTOBER, patient, new Practitioner("M-MD", "MD", "1234567893"), enrollments,
                    List.of(new Condition("E11.9", true, LocalDate.of(2018, 1, 1), null), new Condition("I10", true, LocalDate.of(2016, 1, 1), null)),
                    attestation, List.of(), List.of(), entries, null);
        }
    }
}
