package org.ccm.monthend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccm.monthend.billing.PatientMonths.BILLING_MD;
import static org.ccm.monthend.billing.PatientMonths.NURSE;
import static org.ccm.monthend.billing.PatientMonths.OTHER_MD;
import static org.ccm.monthend.billing.PatientMonths.billable;
import static org.ccm.monthend.billing.PatientMonths.date;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whose time counts (ccm-rules.md section 3), entry by entry, with the evidence row of each. October 2026;
 * consent on 5 October; a stay from 1 to 2 October and one from 12 (admit) to 14 (discharge) October.
 */
class BillingRulesCountingTests {

    private static final YearMonth OCT_2026 = YearMonth.of(2026, 10);
    private static final LocalDate CONSENT = date("2026-10-05");

    /** 25 clinical-staff minutes on 20 October (entry E01) so the month is billed whatever the entry under test does. */
    private static PatientMonths.Builder october() {
        return billable(OCT_2026).consentOn(CONSENT)
                .withStay(date("2026-10-01"), date("2026-10-02"))
                .withStay(date("2026-10-12"), date("2026-10-14"))
                .withStaffMinutes("25", date("2026-10-20"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # case                                              | member | credential | day        | activity           | program | counted_as   | reason
            clinical staff (RN) counts as staff                 | M-RN   | RN         | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            program null is read as CCM                         | M-RN   | RN         | 2026-10-20 | CARE_COORDINATION  | null    | STAFF        | null
            RPM time is another program                         | M-RN   | RN         | 2026-10-20 | CARE_COORDINATION  | RPM     | NOT_COUNTED  | OTHER_PROGRAM
            PCM time is another program                         | M-RN   | RN         | 2026-10-20 | CARE_COORDINATION  | PCM     | NOT_COUNTED  | OTHER_PROGRAM
            BHI time is another program                         | M-RN   | RN         | 2026-10-20 | CARE_COORDINATION  | BHI     | NOT_COUNTED  | OTHER_PROGRAM
            TCM time is another program                         | M-RN   | RN         | 2026-10-20 | CARE_COORDINATION  | TCM     | NOT_COUNTED  | OTHER_PROGRAM
            face-to-face visit time is not counted              | M-RN   | RN         | 2026-10-20 | FACE_TO_FACE_VISIT | CCM     | NOT_COUNTED  | FACE_TO_FACE
            the day before consent is not counted               | M-RN   | RN         | 2026-10-04 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | BEFORE_CONSENT
            the consent day counts                              | M-RN   | RN         | 2026-10-05 | CARE_COORDINATION  | CCM     | STAFF        | null
            the day before admission counts                     | M-RN   | RN         | 2026-10-11 | CARE_COORDINATION  | CCM     | STAFF        | null
            the admit day is inside the stay                    | M-RN   | RN         | 2026-10-12 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | INPATIENT_STAY
            a day inside the stay                               | M-RN   | RN         | 2026-10-13 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | INPATIENT_STAY
            the discharge day is inside the stay                | M-RN   | RN         | 2026-10-14 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | INPATIENT_STAY
            the day after discharge counts                      | M-RN   | RN         | 2026-10-15 | CARE_COORDINATION  | CCM     | STAFF        | null
            a scheduler is non-clinical                         | M-SCH  | SCHED      | 2026-10-20 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | NON_CLINICAL_STAFF
            a billing clerk is non-clinical                     | M-BIL  | BILLER     | 2026-10-20 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | NON_CLINICAL_STAFF
            no credential is non-clinical                       | M-XX   | null       | 2026-10-20 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | NON_CLINICAL_STAFF
            LPN counts as staff                                 | M-LPN  | LPN        | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            LVN counts as staff                                 | M-LVN  | LVN        | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            MA counts as staff                                  | M-MA   | MA         | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            CMA counts as staff                                 | M-CMA  | CMA        | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            PHARMD counts as staff                              | M-PH   | PHARMD     | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            LCSW counts as staff                                | M-SW   | LCSW       | 2026-10-20 | CARE_COORDINATION  | CCM     | STAFF        | null
            the patient's billing practitioner                  | M-MD   | MD         | 2026-10-20 | CARE_PLAN_REVIEW   | CCM     | PRACTITIONER | null
            another MD of the practice counts as staff          | M-MD2  | MD         | 2026-10-20 | CARE_PLAN_REVIEW   | CCM     | STAFF        | null
            another NP of the practice counts as staff          | M-NP   | NP         | 2026-10-20 | CARE_PLAN_REVIEW   | CCM     | STAFF        | null
            RPM face-to-face: other program comes first         | M-RN   | RN         | 2026-10-20 | FACE_TO_FACE_VISIT | RPM     | NOT_COUNTED  | OTHER_PROGRAM
            RPM before consent: other program comes first       | M-RN   | RN         | 2026-10-04 | CARE_COORDINATION  | RPM     | NOT_COUNTED  | OTHER_PROGRAM
            face-to-face before consent: face-to-face first     | M-RN   | RN         | 2026-10-04 | FACE_TO_FACE_VISIT | CCM     | NOT_COUNTED  | FACE_TO_FACE
            face-to-face by a scheduler: face-to-face first     | M-SCH  | SCHED      | 2026-10-20 | FACE_TO_FACE_VISIT | CCM     | NOT_COUNTED  | FACE_TO_FACE
            face-to-face in a stay: face-to-face first          | M-RN   | RN         | 2026-10-13 | FACE_TO_FACE_VISIT | CCM     | NOT_COUNTED  | FACE_TO_FACE
            in a stay and before consent: before consent first  | M-RN   | RN         | 2026-10-02 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | BEFORE_CONSENT
            scheduler before consent: before consent first      | M-SCH  | SCHED      | 2026-10-04 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | BEFORE_CONSENT
            scheduler in a stay: inpatient stay first           | M-SCH  | SCHED      | 2026-10-13 | CARE_COORDINATION  | CCM     | NOT_COUNTED  | INPATIENT_STAY
            billing practitioner in a stay is not counted       | M-MD   | MD         | 2026-10-13 | CARE_PLAN_REVIEW   | CCM     | NOT_COUNTED  | INPATIENT_STAY
            billing practitioner's RPM time is not counted      | M-MD   | MD         | 2026-10-20 | CARE_PLAN_REVIEW   | RPM     | NOT_COUNTED  | OTHER_PROGRAM
            billing practitioner's visit time is not counted    | M-MD   | MD         | 2026-10-20 | FACE_TO_FACE_VISIT | CCM     | NOT_COUNTED  | FACE_TO_FACE
            billing practitioner before consent is not counted  | M-MD   | MD         | 2026-10-04 | CARE_PLAN_REVIEW   | CCM     | NOT_COUNTED  | BEFORE_CONSENT
            """)
    void countsEachEntryByTheFirstRuleThatMatches(String name, String member, String credential, LocalDate day, String activity,
            String program, CountedAs countedAs, EntryReason reason) {
        Decision decision = october().withEntry(member, credential, day, "10", activity, program).decide();

        assertThat(decision.billed()).isTrue();
        EntryEvidence evidence = evidence(decision, "E02");
        assertThat(evidence.countedAs()).isEqualTo(countedAs);
        assertThat(evidence.reason()).isEqualTo(reason);
        assertThat(evidence.minutes()).isEqualByComparingTo("10");
        assertThat(evidence.onClaim()).isEqualTo(countedAs != CountedAs.NOT_COUNTED);
        BigDecimal expectedOnClaim = new BigDecimal(countedAs == CountedAs.NOT_COUNTED ? "25" : "35");
        assertThat(decision.claim().minutesCounted()).isEqualByComparingTo(expectedOnClaim);
    }

    @Test
    void countsNothingOnAnyDayOfAStayStillWithoutDischarge() {
        Decision decision = october().withStay(date("2026-10-25"), null)
                .withEntry(NURSE, "RN", date("2026-10-30"), "10", "CARE_COORDINATION", "CCM").decide();

        assertThat(evidence(decision, "E02").reason()).isEqualTo(EntryReason.INPATIENT_STAY);
    }

    @Test
    void neverLetsNotCountedMinutesReachAThreshold() {
        Decision decision = billable(OCT_2026).withStaffMinutes("15")
                .withEntry(NURSE, "RN", date("2026-10-16"), "10", "CARE_COORDINATION", "RPM")
                .withEntry("M-SCH", "SCHED", date("2026-10-16"), "10", "CARE_COORDINATION", "CCM")
                .decide();

        assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.BELOW_THRESHOLD);
        assertThat(decision.staffMinutes()).isEqualByComparingTo("15");
        assertThat(decision.practitionerMinutes()).isEqualByComparingTo("0");
    }

    @Test
    void listsEveryEntryOnceInEntryIdOrderAlsoWhenNotBilled() {
        Decision decision = billable(OCT_2026)
                .withEntry("E3", NURSE, "RN", date("2026-10-03").atStartOfDay(), "5", "CARE_COORDINATION", "CCM")
                .withEntry("E1", NURSE, "RN", date("2026-10-09").atStartOfDay(), "4", "CARE_COORDINATION", "RPM")
                .withEntry("E2", BILLING_MD, "MD", date("2026-10-08").atStartOfDay(), "3", "CARE_PLAN_REVIEW", "CCM")
                .decide();

        assertThat(decision.billed()).isFalse();
        assertThat(decision.evidence()).extracting(EntryEvidence::entryId).containsExactly("E1", "E2", "E3");
        assertThat(decision.evidence()).extracting(EntryEvidence::countedAs)
                .containsExactly(CountedAs.NOT_COUNTED, CountedAs.PRACTITIONER, CountedAs.STAFF);
        assertThat(decision.evidence()).extracting(EntryEvidence::reason).containsExactly(EntryReason.OTHER_PROGRAM, null, null);
        assertThat(decision.evidence()).noneMatch(EntryEvidence::onClaim);
        assertThat(decision.staffMinutes()).isEqualByComparingTo("5");
        assertThat(decision.practitionerMinutes()).isEqualByComparingTo("3");
    }

    @Test
    void claimMinutesAreTheSumOfTheEvidenceRowsOnTheClaim() {
        Decision decision = billable(OCT_2026)
                .withStaffMinutes("12.25", date("2026-10-03"))
                .withPractitionerMinutes("10.5", date("2026-10-04"))
                .withEntry(OTHER_MD, "MD", date("2026-10-05"), "7.75", "CARE_PLAN_REVIEW", "CCM")
                .withEntry(NURSE, "RN", date("2026-10-06"), "30", "CARE_COORDINATION", "BHI")
                .withEntry("M-SCH", "SCHED", date("2026-10-07"), "8", "SCHEDULING", "CCM")
                .decide();

        BigDecimal onClaim = decision.evidence().stream().filter(EntryEvidence::onClaim).map(EntryEvidence::minutes)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(decision.claim().minutesCounted()).isEqualByComparingTo(onClaim).isEqualByComparingTo("30.50");
        assertThat(decision.staffMinutes()).isEqualByComparingTo("20.00");
        assertThat(decision.practitionerMinutes()).isEqualByComparingTo("10.50");
        assertThat(BillingRulesTableTests.lines(decision.claim())).isEqualTo("99490x1");
    }

    @Test
    void leavesStaffMinutesUnusedWhen99491IsBilled() {
        // 5 staff + 30 practitioner minutes: 99490 on 35 minutes pays 66.13, 99491 on 30 pays 84.84 (2026)
        Decision decision = billable(OCT_2026).withStaffMinutes("5").withPractitionerMinutes("30").decide();

        assertThat(decision.claim().family()).isEqualTo(Family.PRACTITIONER);
        assertThat(decision.claim().minutesCounted()).isEqualByComparingTo("30");
        EntryEvidence staff = evidence(decision, "E01");
        assertThat(staff.countedAs()).isEqualTo(CountedAs.STAFF);
        assertThat(staff.onClaim()).isFalse();
        assertThat(staff.reason()).isEqualTo(EntryReason.NOT_IN_BILLED_FAMILY);
        EntryEvidence practitioner = evidence(decision, "E02");
        assertThat(practitioner.countedAs()).isEqualTo(CountedAs.PRACTITIONER);
        assertThat(practitioner.onClaim()).isTrue();
        assertThat(practitioner.reason()).isNull();
    }

    @Test
    void putsPractitionerMinutesOnAStaffFamilyClaim() {
        Decision decision = billable(OCT_2026).withStaffMinutes("15").withPractitionerMinutes("10").decide();

        assertThat(decision.claim().family()).isEqualTo(Family.NON_COMPLEX);
        assertThat(decision.claim().minutesCounted()).isEqualByComparingTo("25");
        assertThat(decision.evidence()).allMatch(EntryEvidence::onClaim);
    }

    @Test
    void countsAnotherPractitionersMinutesAsStaffNotFor99491() {
        // 30 minutes by an MD who is not the patient's billing practitioner: staff time, so 99490 and never 99491
        Decision decision = billable(OCT_2026).withEntry(OTHER_MD, "MD", date("2026-10-15"), "30", "CARE_PLAN_REVIEW", "CCM").decide();

        assertThat(decision.staffMinutes()).isEqualByComparingTo("30");
        assertThat(decision.practitionerMinutes()).isEqualByComparingTo("0");
        assertThat(BillingRulesTableTests.lines(decision.claim())).isEqualTo("99490x1");
        assertThat(decision.claim().runnerUpFamily()).isNull();
    }

    private static EntryEvidence evidence(Decision decision, String entryId) {
        return decision.evidence().stream().filter(e -> e.entryId().equals(entryId)).findFirst().orElseThrow();
    }
}
