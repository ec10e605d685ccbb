package org.ccm.monthend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccm.monthend.billing.PatientMonths.BILLING_NPI;
import static org.ccm.monthend.billing.PatientMonths.OTHER_NPI;
import static org.ccm.monthend.billing.PatientMonths.billable;
import static org.ccm.monthend.billing.PatientMonths.date;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The gates of ccm-rules.md section 4: each one alone, and their order. The month is October 2026. */
class BillingRulesGateTests {

    private static final YearMonth OCT_2026 = YearMonth.of(2026, 10);
    private static final LocalDate FIRST = OCT_2026.atDay(1);
    private static final LocalDate LAST = OCT_2026.atEndOfMonth();
    private static final String BILLED = "billed";

    /** A month that passes every gate: 25 clinical-staff minutes, on the last day so a late consent still covers them. */
    private static PatientMonths.Builder billableOctober() {
        return billable(OCT_2026).withStaffMinutes("25", LAST);
    }

    static Stream<Arguments> gates() {
        List<Arguments> cases = new ArrayList<>();
        // NOT_ENROLLED: an enrollment overlaps the month; an opt-out takes effect at the end of its month
        cases.add(gate("no enrollment at all", b -> b.enrollments(), "NOT_ENROLLED"));
        cases.add(gate("enrollment ended the day before the month", b -> b.enrollments(new Enrollment(date("2026-01-01"), date("2026-09-30"))), "NOT_ENROLLED"));
        cases.add(gate("enrollment ended in an earlier year", b -> b.enrollments(new Enrollment(date("2025-01-01"), date("2025-12-31"))), "NOT_ENROLLED"));
        cases.add(gate("enrollment starts the day after the month", b -> b.enrollments(new Enrollment(date("2026-11-01"), null)), "NOT_ENROLLED"));
        cases.add(gate("opt-out on the first day of the month is still enrolled", b -> b.enrollments(new Enrollment(date("2026-01-01"), FIRST)), BILLED));
        cases.add(gate("opt-out in the middle of the month is still enrolled", b -> b.enrollments(new Enrollment(date("2026-01-01"), date("2026-10-14"))), BILLED));
        cases.add(gate("opt-out on the last day of the month is still enrolled", b -> b.enrollments(new Enrollment(date("2026-01-01"), LAST)), BILLED));
        cases.add(gate("enrollment starting on the last day of the month", b -> b.enrollments(new Enrollment(LAST, null)), BILLED));
        cases.add(gate("enrollment starting on the first day of the month", b -> b.enrollments(new Enrollment(FIRST, null)), BILLED));
        cases.add(gate("an old closed enrollment and a new open one", b -> b.enrollments(
                new Enrollment(date("2024-01-01"), date("2024-06-30")), new Enrollment(date("2026-10-20"), null)), BILLED));
        // NO_CONSENT: recorded on or before the last day of the month
        cases.add(gate("no consent recorded", b -> b.consentOn(null), "NO_CONSENT"));
        cases.add(gate("consent the day after the month", b -> b.consentOn(date("2026-11-01")), "NO_CONSENT"));
        cases.add(gate("consent on the last day of the month", b -> b.consentOn(LAST), BILLED));
        cases.add(gate("consent years before the month", b -> b.consentOn(date("2021-03-03")), BILLED));
        // FEWER_THAN_TWO_CHRONIC_CONDITIONS: distinct ICD-10-CM categories of chronic conditions active in the month
        cases.add(gate("no conditions", b -> b.conditions(), "FEWER_THAN_TWO_CHRONIC_CONDITIONS"));
        cases.add(gate("one chronic condition", b -> b.conditions(chronic("E11.9")), "FEWER_THAN_TWO_CHRONIC_CONDITIONS"));
        cases.add(gate("E11.9 and E11.65 are one category", b -> b.conditions(chronic("E11.9"), chronic("E11.65")), "FEWER_THAN_TWO_CHRONIC_CONDITIONS"));
        cases.add(gate("E11.9, E11.65 and I10 are two categories", b -> b.conditions(chronic("E11.9"), chronic("E11.65"), chronic("I10")), BILLED));
        cases.add(gate("a condition not flagged chronic does not count", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", false, date("2016-01-20"), null)), "FEWER_THAN_TWO_CHRONIC_CONDITIONS"));
        cases.add(gate("a condition resolved the day before the month does not count", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", true, date("2016-01-20"), date("2026-09-30"))), "FEWER_THAN_TWO_CHRONIC_CONDITIONS"));
        cases.add(gate("a condition resolved on the first day was active in the month", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", true, date("2016-01-20"), FIRST)), BILLED));
        cases.add(gate("a condition resolved inside the month was active in it", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", true, date("2016-01-20"), date("2026-10-20"))), BILLED));
        cases.add(gate("a condition with onset after the month does not count", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", true, date("2026-11-01"), null)), "FEWER_THAN_TWO_CHRONIC_CONDITIONS"));
        cases.add(gate("a condition with onset on the last day counts", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", true, LAST, null)), BILLED));
        cases.add(gate("a condition with unknown onset counts", b -> b.conditions(chronic("E11.9"),
                new Condition("I10", true, null, null)), BILLED));
        // NO_CARE_PLAN and NO_INITIATING_VISIT: dated on or before the last day of the month
        cases.add(gate("no care plan", b -> b.carePlanOn(null), "NO_CARE_PLAN"));
        cases.add(gate("care plan dated after the month", b -> b.carePlanOn(date("2026-11-01")), "NO_CARE_PLAN"));
        cases.add(gate("care plan dated on the last day", b -> b.carePlanOn(LAST), BILLED));
        cases.add(gate("no initiating visit", b -> b.initiatingVisitOn(null), "NO_INITIATING_VISIT"));
        cases.add(gate("initiating visit dated after the month", b -> b.initiatingVisitOn(date("2026-11-01")), "NO_INITIATING_VISIT"));
        cases.add(gate("initiating visit dated on the last day", b -> b.initiatingVisitOn(LAST), BILLED));
        // INELIGIBLE_BILLING_PRACTITIONER: exists and has a BILLING_PRACTITIONER credential
        cases.add(gate("no billing practitioner", b -> b.billingPractitioner(null), "INELIGIBLE_BILLING_PRACTITIONER"));
        for (String credential : List.of("RN", "LPN", "MA", "PHARMD", "SCHED")) {
            cases.add(gate("billing practitioner with credential " + credential,
                    b -> b.billingPractitioner(new Practitioner(PatientMonths.BILLING_MD, credential, BILLING_NPI)), "INELIGIBLE_BILLING_PRACTITIONER"));
        }
        cases.add(gate("billing practitioner without a credential",
                b -> b.billingPractitioner(new Practitioner(PatientMonths.BILLING_MD, null, BILLING_NPI)), "INELIGIBLE_BILLING_PRACTITIONER"));
        for (String credential : List.of("MD", "DO", "NP", "PA", "CNS", "CNM")) {
            cases.add(gate("billing practitioner with credential " + credential,
                    b -> b.billingPractitioner(new Practitioner(PatientMonths.BILLING_MD, credential, BILLING_NPI)), BILLED));
        }
        // BILLED_ELSEWHERE: another NPI billed a CCM code for the patient in the month
        for (String cpt : List.of("99490", "99439", "99487", "99489", "99491", "99437")) {
            cases.add(gate(cpt + " by another NPI in the month", b -> b.withOtherService(date("2026-10-10"), cpt, OTHER_NPI), "BILLED_ELSEWHERE"));
        }
        cases.add(gate("99490 by another NPI on the last day", b -> b.withOtherService(LAST, "99490", OTHER_NPI), "BILLED_ELSEWHERE"));
        cases.add(gate("99490 by our own NPI is not elsewhere (it is already billed)", b -> b.withOtherService(date("2026-10-10"), "99490", BILLING_NPI), "ALREADY_BILLED"));
        cases.add(gate("99490 by another NPI the month before", b -> b.withOtherService(date("2026-09-30"), "99490", OTHER_NPI), BILLED));
        cases.add(gate("99490 by another NPI the month after", b -> b.withOtherService(date("2026-11-01"), "99490", OTHER_NPI), BILLED));
        cases.add(gate("an office visit 99213 by another NPI", b -> b.withOtherService(date("2026-10-10"), "99213", OTHER_NPI), BILLED));
        // CONFLICTING_SERVICE: APCM, care-plan oversight, ESRD monthly by anyone; PCM only by our practitioner
        for (String cpt : List.of("G0556", "G0557", "G0558", "G0181", "G0182", "90951", "90960", "90970")) {
            cases.add(gate(cpt + " by another NPI conflicts", b -> b.withOtherService(date("2026-10-10"), cpt, OTHER_NPI), "CONFLICTING_SERVICE"));
        }
        cases.add(gate("G0556 by our own NPI conflicts", b -> b.withOtherService(date("2026-10-10"), "G0556", BILLING_NPI), "CONFLICTING_SERVICE"));
        cases.add(gate("90960 by our own NPI conflicts", b -> b.withOtherService(date("2026-10-10"), "90960", BILLING_NPI), "CONFLICTING_SERVICE"));
        for (String cpt : List.of("99424", "99425", "99426", "99427")) {
            cases.add(gate("PCM " + cpt + " by our practitioner conflicts", b -> b.withOtherService(date("2026-10-10"), cpt, BILLING_NPI), "CONFLICTING_SERVICE"));
            cases.add(gate("PCM " + cpt + " by another NPI does not conflict", b -> b.withOtherService(date("2026-10-10"), cpt, OTHER_NPI), BILLED));
        }
        for (String cpt : List.of("90950", "90971", "G0555", "G0559", "G0180", "G0183", "99423", "99428")) {
            cases.add(gate(cpt + " is outside the conflict list", b -> b.withOtherService(date("2026-10-10"), cpt, OTHER_NPI), BILLED));
        }
        cases.add(gate("G0556 the month before does not conflict", b -> b.withOtherService(date("2026-09-30"), "G0556", OTHER_NPI), BILLED));
        // ALREADY_BILLED: exported by an earlier revision, or a CCM code billed outside this product by our own NPI in the month
        cases.add(gate("exported in an earlier close", b -> b.alreadyBilled(Claim.idFor(PatientMonths.PATIENT_ID, OCT_2026)), "ALREADY_BILLED"));
        for (String cpt : List.of("99490", "99439", "99487", "99489", "99491", "99437")) {
            cases.add(gate(cpt + " billed outside by our own NPI in the month", b -> b.withOtherService(date("2026-10-14"), cpt, BILLING_NPI), "ALREADY_BILLED"));
        }
        cases.add(gate("99490 by our own NPI on the first day", b -> b.withOtherService(FIRST, "99490", BILLING_NPI), "ALREADY_BILLED"));
        cases.add(gate("99490 by our own NPI on the last day", b -> b.withOtherService(LAST, "99490", BILLING_NPI), "ALREADY_BILLED"));
        cases.add(gate("99490 by our own NPI the month before", b -> b.withOtherService(date("2026-09-30"), "99490", BILLING_NPI), BILLED));
        cases.add(gate("99490 by our own NPI the month after", b -> b.withOtherService(date("2026-11-01"), "99490", BILLING_NPI), BILLED));
        cases.add(gate("99491 by our own NPI a year earlier", b -> b.withOtherService(date("2025-10-14"), "99491", BILLING_NPI), BILLED));
        for (String cpt : List.of("99214", "99213", "3074F", "G2211")) {
            cases.add(gate("a non-CCM code " + cpt + " by our own NPI", b -> b.withOtherService(date("2026-10-14"), cpt, BILLING_NPI), BILLED));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("gates")
    void decidesEachGateOnItsOwn(String name, Consumer<PatientMonths.Builder> change, String outcome) {
        PatientMonths.Builder input = billableOctober();
        change.accept(input);

        Decision decision = input.decide();

        if (BILLED.equals(outcome)) {
            assertThat(decision.notBilled()).as("billed").isNull();
            assertThat(decision.claim()).isNotNull();
        }
        else {
            assertThat(decision.claim()).as("not billed").isNull();
            assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.valueOf(outcome));
        }
    }

    @Test
    void billsTheFixtureWhenNoGateFails() {
        Decision decision = billableOctober().decide();

        assertThat(decision.billed()).isTrue();
        assertThat(BillingRulesTableTests.lines(decision.claim())).isEqualTo("99490x1");
    }

    @Test
    void belowThresholdDetailGivesStaffAndPractitionerMinutes() {
        Decision decision = billable(OCT_2026).withStaffMinutes("12").withPractitionerMinutes("5").decide();

        assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.BELOW_THRESHOLD);
        assertThat(decision.notBilled().detail())
                .containsPattern("(?i)staff\\w*\\s*[=:]\\s*12(\\.0+)?(?![\\d.])")
                .containsPattern("(?i)practitioner\\w*\\s*[=:]\\s*5(\\.0+)?(?![\\d.])");
        assertThat(decision.staffMinutes()).isEqualByComparingTo("12");
        assertThat(decision.practitionerMinutes()).isEqualByComparingTo("5");
    }

    @Test
    void isNotBelowThresholdWhenStaffAndPractitionerMinutesTogetherReach20() {
        // 19.99 staff and 29.99 practitioner minutes: each alone is short, but 99490 counts both (49.98 minutes)
        Decision decision = billable(OCT_2026).withStaffMinutes("19.99").withPractitionerMinutes("29.99").decide();

        assertThat(BillingRulesTableTests.lines(decision.claim())).isEqualTo("99490x1 99439x1");
    }

    @Test
    void notBilledDetailStillGivesTheMinutes() {
        Decision decision = billableOctober().enrollments().decide();

        assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.NOT_ENROLLED);
        assertThat(decision.notBilled().detail()).containsPattern("(?i)staff\\w*\\s*[=:]\\s*25(\\.0+)?(?![\\d.])");
    }

    // ---- order: the first failing gate of section 4 is the reason, the others are in the detail ----

    private static final Map<ReasonCode, Consumer<PatientMonths.Builder>> FAILING = failing();

    private static Map<ReasonCode, Consumer<PatientMonths.Builder>> failing() {
        Map<ReasonCode, Consumer<PatientMonths.Builder>> failing = new EnumMap<>(ReasonCode.class);
        failing.put(ReasonCode.NOT_ENROLLED, b -> b.enrollments());
        failing.put(ReasonCode.NO_CONSENT, b -> b.consentOn(date("2026-11-01")));
        failing.put(ReasonCode.FEWER_THAN_TWO_CHRONIC_CONDITIONS, b -> b.conditions(chronic("E11.9"), chronic("E11.65")));
        failing.put(ReasonCode.NO_CARE_PLAN, b -> b.carePlanOn(null));
        failing.put(ReasonCode.NO_INITIATING_VISIT, b -> b.initiatingVisitOn(null));
        failing.put(ReasonCode.INELIGIBLE_BILLING_PRACTITIONER,
                b -> b.billingPractitioner(new Practitioner(PatientMonths.BILLING_MD, "RN", BILLING_NPI)));
        failing.put(ReasonCode.BILLED_ELSEWHERE, b -> b.withOtherService(date("2026-10-05"), "99490", OTHER_NPI));
        failing.put(ReasonCode.CONFLICTING_SERVICE, b -> b.withOtherService(date("2026-10-06"), "G0181", OTHER_NPI));
        failing.put(ReasonCode.ALREADY_BILLED, b -> b.alreadyBilled(Claim.idFor(PatientMonths.PATIENT_ID, OCT_2026)));
        failing.put(ReasonCode.BELOW_THRESHOLD, b -> { }); // no minutes added
        return failing;
    }

    /** The gates in the order of the table in ccm-rules.md section 4, written out rather than taken from the enum. */
    private static final List<ReasonCode> SPEC_ORDER = List.of(ReasonCode.NOT_ENROLLED, ReasonCode.NO_CONSENT,
            ReasonCode.FEWER_THAN_TWO_CHRONIC_CONDITIONS, ReasonCode.NO_CARE_PLAN, ReasonCode.NO_INITIATING_VISIT,
            ReasonCode.INELIGIBLE_BILLING_PRACTITIONER, ReasonCode.BILLED_ELSEWHERE, ReasonCode.CONFLICTING_SERVICE,
            ReasonCode.ALREADY_BILLED, ReasonCode.BELOW_THRESHOLD);

    private static Decision failingOnly(List<ReasonCode> gates) {
        PatientMonths.Builder input = billable(OCT_2026);
        if (!gates.contains(ReasonCode.BELOW_THRESHOLD)) {
            input.withStaffMinutes("25", LAST);
        }
        gates.forEach(gate -> FAILING.get(gate).accept(input));
        return input.decide();
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void eachFailingGateAloneIsTheReason(ReasonCode gate) {
        assertThat(failingOnly(List.of(gate)).notBilled().reasonCode()).isEqualTo(gate);
    }

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int i = 0; i < SPEC_ORDER.size(); i++) {
            for (int j = i + 1; j < SPEC_ORDER.size(); j++) {
                pairs.add(Arguments.of(SPEC_ORDER.get(i), SPEC_ORDER.get(j)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} before {1}")
    @MethodSource("pairs")
    void twoFailingGatesGiveTheEarlierAsReasonAndTheLaterInTheDetail(ReasonCode earlier, ReasonCode later) {
        NotBilled notBilled = failingOnly(List.of(later, earlier)).notBilled();

        assertThat(notBilled.reasonCode()).isEqualTo(earlier);
        assertThat(notBilled.detail()).contains(later.name());
    }

    @Test
    void allGatesFailingGiveNotEnrolledAndListTheOtherNine() {
        NotBilled notBilled = failingOnly(SPEC_ORDER).notBilled();

        assertThat(notBilled.reasonCode()).isEqualTo(ReasonCode.NOT_ENROLLED);
        assertThat(notBilled.detail()).contains(SPEC_ORDER.subList(1, SPEC_ORDER.size()).stream().map(Enum::name).toList());
    }

    // ---- ALREADY_BILLED from outside: the detail names the code, the date and the source ----

    /**
     * Services are {@code date cpt OWN|OTHER} separated by {@code ;}; {@code revision} puts an earlier revision's claim on
     * the month; {@code short} leaves it below the threshold. The detail is matched whole.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            own NPI, CCM code in the month                 | 2026-10-14 99490 OWN                        | -        | ALREADY_BILLED   | staff_minutes=25.00; practitioner_minutes=0.00; billed outside this product: 99490 on 2026-10-14 by NPI 1234567893 (other_services.csv)
            own NPI, the earliest of two CCM codes named   | 2026-10-20 99439 OWN; 2026-10-14 99490 OWN  | -        | ALREADY_BILLED   | staff_minutes=25.00; practitioner_minutes=0.00; billed outside this product: 99490 on 2026-10-14 by NPI 1234567893 (other_services.csv)
            own NPI, an office visit beside the CCM code   | 2026-10-03 99214 OWN; 2026-10-22 99491 OWN  | -        | ALREADY_BILLED   | staff_minutes=25.00; practitioner_minutes=0.00; billed outside this product: 99491 on 2026-10-22 by NPI 1234567893 (other_services.csv)
            own NPI, CCM code the month before             | 2026-09-14 99490 OWN                        | -        | billed           | -
            own NPI, a non-CCM code in the month           | 2026-10-14 99214 OWN                        | -        | billed           | -
            other NPI, CCM code in the month               | 2026-10-14 99490 OTHER                      | -        | BILLED_ELSEWHERE | staff_minutes=25.00; practitioner_minutes=0.00; 99490 billed by NPI 1245319599 on 2026-10-14
            other NPI and own NPI both in the month        | 2026-10-14 99490 OWN; 2026-10-16 99490 OTHER | -       | BILLED_ELSEWHERE | staff_minutes=25.00; practitioner_minutes=0.00; 99490 billed by NPI 1245319599 on 2026-10-16; also_failing=ALREADY_BILLED
            own NPI and a conflicting service              | 2026-10-14 99490 OWN; 2026-10-02 G0181 OTHER | -       | CONFLICTING_SERVICE | staff_minutes=25.00; practitioner_minutes=0.00; G0181 (CARE_PLAN_OVERSIGHT) on 2026-10-02; also_failing=ALREADY_BILLED
            an earlier revision claim only                 | -                                           | revision | ALREADY_BILLED   | staff_minutes=25.00; practitioner_minutes=0.00; claim CLAIM exported by another revision
            an earlier revision claim and an outside bill   | 2026-10-14 99490 OWN                       | revision | ALREADY_BILLED   | staff_minutes=25.00; practitioner_minutes=0.00; claim CLAIM exported by another revision; billed outside this product: 99490 on 2026-10-14 by NPI 1234567893 (other_services.csv)
            own NPI outside bill and below the threshold   | 2026-10-14 99490 OWN                        | short    | ALREADY_BILLED   | staff_minutes=0.00; practitioner_minutes=0.00; billed outside this product: 99490 on 2026-10-14 by NPI 1234567893 (other_services.csv); also_failing=BELOW_THRESHOLD
            """)
    void decidesCcmBilledOutsideByOurOwnPractitioner(String name, String services, String also, String outcome, String detail) {
        PatientMonths.Builder input = "short".equals(also) ? billable(OCT_2026) : billableOctober();
        if (!"-".equals(services)) {
            for (String service : services.split(";")) {
                String[] parts = service.trim().split(" ");
                input.withOtherService(date(parts[0]), parts[1], "OWN".equals(parts[2]) ? BILLING_NPI : OTHER_NPI);
            }
        }
        String claimId = Claim.idFor(PatientMonths.PATIENT_ID, OCT_2026);
        if ("revision".equals(also)) {
            input.alreadyBilled(claimId);
        }

        Decision decision = input.decide();

        if (BILLED.equals(outcome)) {
            assertThat(decision.notBilled()).as("billed").isNull();
            return;
        }
        assertThat(decision.claim()).as("not billed").isNull();
        assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.valueOf(outcome));
        assertThat(decision.notBilled().detail()).isEqualTo(detail.replace("CLAIM", claimId));
    }

    /** The outside half of ALREADY_BILLED keeps the gate's place: after CONFLICTING_SERVICE, before BELOW_THRESHOLD. */
    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = "ALREADY_BILLED", mode = EnumSource.Mode.EXCLUDE)
    void anOutsideBillByOurOwnPractitionerKeepsTheGateOrder(ReasonCode other) {
        PatientMonths.Builder input = billable(OCT_2026);
        if (other != ReasonCode.BELOW_THRESHOLD) {
            input.withStaffMinutes("25", LAST);
        }
        FAILING.get(other).accept(input);
        input.withOtherService(date("2026-10-14"), "99490", BILLING_NPI);

        NotBilled notBilled = input.decide().notBilled();

        boolean earlier = SPEC_ORDER.indexOf(other) < SPEC_ORDER.indexOf(ReasonCode.ALREADY_BILLED);
        assertThat(notBilled.reasonCode()).isEqualTo(earlier ? other : ReasonCode.ALREADY_BILLED);
        assertThat(notBilled.detail()).contains("also_failing=")
                .contains(earlier ? ReasonCode.ALREADY_BILLED.name() : other.name());
    }

    private static Arguments gate(String name, Consumer<PatientMonths.Builder> change, String outcome) {
        return Arguments.of(name, change, outcome);
    }

    private static Condition chronic(String icd10) {
        return new Condition(icd10, true, date("2015-06-01"), null);
    }
}
