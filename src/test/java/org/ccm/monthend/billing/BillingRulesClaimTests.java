package org.ccm.monthend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ccm.monthend.billing.PatientMonths.BILLING_MD;
import static org.ccm.monthend.billing.PatientMonths.NURSE;
import static org.ccm.monthend.billing.PatientMonths.billable;
import static org.ccm.monthend.billing.PatientMonths.date;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The claim of a billable month (ccm-rules.md section 5). */
class BillingRulesClaimTests {

    private static final YearMonth OCT_2026 = YearMonth.of(2026, 10);
    private static final BillingSettings THRESHOLD_MET = new BillingSettings(SelectionPolicy.HIGHEST_EXPECTED_PAYMENT,
            DateOfServicePolicy.THRESHOLD_MET);

    @Test
    void givesTheSameClaimIdOnEveryRun() {
        PatientMonths.Builder input = billable(OCT_2026).withStaffMinutes("45");

        Claim first = input.decide().claim();
        Claim second = input.decide().claim();

        assertThat(first.claimId()).isEqualTo(second.claimId()).isEqualTo(Claim.idFor(PatientMonths.PATIENT_ID, OCT_2026));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void derivesTheClaimIdFromPatientAndMonth() {
        String id = Claim.idFor("P0001", OCT_2026);

        assertThat(Claim.idFor("P0001", OCT_2026)).isEqualTo(id);
        assertThat(Claim.idFor("P0002", OCT_2026)).isNotEqualTo(id);
        assertThat(Claim.idFor("P0001", YearMonth.of(2026, 11))).isNotEqualTo(id);
        assertThat(Claim.idFor("P0001", YearMonth.of(2025, 10))).isNotEqualTo(id);
        assertThat(billable(OCT_2026).patientId("P0002").withStaffMinutes("20").decide().claim().claimId())
                .isEqualTo(Claim.idFor("P0002", OCT_2026));
    }

    @Test
    void aClaimThatBillsTheMonthAgainAfterAnAcceptedVoidCarriesItsRevisionInItsId() {
        assertThat(Claim.idFor("P0001", OCT_2026, 0, 2)).as("no void accepted before: the first claim's id")
                .isEqualTo("CCM-202610-P0001");
        assertThat(Claim.idFor("P0001", OCT_2026, 1, 2)).isEqualTo("CCM-202610-P0001-R2");
        assertThat(Claim.idFor("P0001", OCT_2026, 2, 5)).isEqualTo("CCM-202610-P0001-R5");

        Claim first = billable(OCT_2026).patientId("P0001").withStaffMinutes("45").afterAcceptedVoids(0, 3).decide().claim();
        PatientMonths.Builder again = billable(OCT_2026).patientId("P0001").withStaffMinutes("45").afterAcceptedVoids(1, 2);
        Claim rebilled = again.decide().claim();
        assertThat(first.claimId()).isEqualTo("CCM-202610-P0001");
        assertThat(first.voidedBefore()).isZero();
        assertThat(rebilled.claimId()).isEqualTo("CCM-202610-P0001-R2");
        assertThat(rebilled.voidedBefore()).isEqualTo(1);
        assertThat(again.decide().claim()).as("a re-run of the same revision: the same claim").isEqualTo(rebilled);
        assertThat(rebilled.lines()).isEqualTo(first.lines());
    }

    @Test
    void anAcceptedVoidDoesNotHideAClaimThatStillCounts() {
        Decision decision = billable(OCT_2026).patientId("P0001").withStaffMinutes("45").afterAcceptedVoids(1, 3)
                .alreadyBilled("CCM-202610-P0001-R2").decide();

        assertThat(decision.claim()).isNull();
        assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.ALREADY_BILLED);
        assertThat(decision.notBilled().detail()).contains("claim CCM-202610-P0001-R2 exported by another revision");
    }

    @Test
    void numbersTheLinesBaseCodeFirstWithOneUnit() {
        Claim claim = billable(OCT_2026).withStaffMinutes("150").attested("HIGH", "ESTABLISHED").decide().claim();

        assertThat(claim.lines()).extracting(ClaimLine::line).containsExactly(1, 2);
        assertThat(claim.lines()).extracting(ClaimLine::cpt).containsExactly("99487", "99489");
        assertThat(claim.lines()).extracting(ClaimLine::units).containsExactly(1, 3);
    }

    @Test
    void hasOnlyTheBaseLineWithoutAddOnUnits() {
        Claim claim = billable(OCT_2026).withStaffMinutes("39.99").decide().claim();

        assertThat(claim.lines()).singleElement().satisfies(line -> {
            assertThat(line.line()).isEqualTo(1);
            assertThat(line.cpt()).isEqualTo("99490");
            assertThat(line.units()).isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "2024-02, 2024-02-29", "2025-02, 2025-02-28", "2026-04, 2026-04-30", "2026-12, 2026-12-31" })
    void datesTheClaimOnTheLastDayOfTheMonthByDefault(YearMonth month, LocalDate expected) {
        Claim claim = billable(month).withStaffMinutes("20", month.atDay(3)).decide().claim();

        assertThat(claim.dateOfService()).isEqualTo(expected);
    }

    @Test
    void datesTheClaimOnTheDayTheBaseThresholdWasMetWhenSet() {
        // by date: 10 (3 Oct) + 8 (8 Oct) = 18, + 15 (20 Oct) = 33 -> 20 minutes reached on 20 October
        // (by entry id it would have been E2 on 8 October: 15 + 8 = 23)
        Decision decision = billable(OCT_2026)
                .withEntry("E1", NURSE, "RN", date("2026-10-20").atTime(9, 0), "15", "CARE_COORDINATION", "CCM")
                .withEntry("E2", NURSE, "RN", date("2026-10-08").atTime(9, 0), "8", "CARE_COORDINATION", "CCM")
                .withEntry("E3", NURSE, "RN", date("2026-10-03").atTime(9, 0), "10", "CARE_COORDINATION", "CCM")
                .decide(THRESHOLD_MET);

        assertThat(decision.claim().dateOfService()).isEqualTo(date("2026-10-20"));
        assertThat(BillingRulesTableTests.lines(decision.claim())).isEqualTo("99490x1");
    }

    @Test
    void datesTheThresholdOnTheDayTheExactBaseMinutesWereReached() {
        Decision decision = billable(OCT_2026)
                .withStaffMinutes("12", date("2026-10-02"))
                .withStaffMinutes("8", date("2026-10-09"))
                .withStaffMinutes("30", date("2026-10-21"))
                .decide(THRESHOLD_MET);

        assertThat(decision.claim().dateOfService()).isEqualTo(date("2026-10-09"));
    }

    @Test
    void ignoresNotCountedMinutesWhenDatingTheThreshold() {
        Decision decision = billable(OCT_2026)
                .withEntry(NURSE, "RN", date("2026-10-02"), "30", "CARE_COORDINATION", "RPM")
                .withStaffMinutes("10", date("2026-10-05"))
                .withStaffMinutes("10", date("2026-10-17"))
                .decide(THRESHOLD_MET);

        assertThat(decision.claim().dateOfService()).isEqualTo(date("2026-10-17"));
    }

    @Test
    void datesThe99491ThresholdOnPractitionerMinutesOnly() {
        // 99491 is billed (84.84 > 66.13 for 99490 on 35 minutes); its 30 minutes are reached on 9 October,
        // whereas staff + practitioner minutes would reach 30 on 5 October
        Decision decision = billable(OCT_2026)
                .withStaffMinutes("5", date("2026-10-02"))
                .withPractitionerMinutes("25", date("2026-10-05"))
                .withPractitionerMinutes("5", date("2026-10-09"))
                .decide(THRESHOLD_MET);

        assertThat(decision.claim().family()).isEqualTo(Family.PRACTITIONER);
        assertThat(decision.claim().dateOfService()).isEqualTo(date("2026-10-09"));
    }

    @Test
    void datesTheComplexThresholdAt60Minutes() {
        // 90 minutes attested: complex is billed (222.45 > 162.33); 60 minutes are reached on 14 October
        Decision decision = billable(OCT_2026).attested("HIGH", "ESTABLISHED")
                .withStaffMinutes("25", date("2026-10-01"))
                .withStaffMinutes("25", date("2026-10-07"))
                .withPractitionerMinutes("10", date("2026-10-14"))
                .withStaffMinutes("30", date("2026-10-28"))
                .decide(THRESHOLD_MET);

        assertThat(decision.claim().family()).isEqualTo(Family.COMPLEX);
        assertThat(decision.claim().dateOfService()).isEqualTo(date("2026-10-14"));
    }

    @Test
    void takesThePlaceOfServiceFromThePatient() {
        assertThat(billable(OCT_2026).placeOfService("22").withStaffMinutes("20").decide().claim().placeOfService()).isEqualTo("22");
        assertThat(billable(OCT_2026).placeOfService("11").withStaffMinutes("20").decide().claim().placeOfService()).isEqualTo("11");
    }

    @Test
    void defaultsThePlaceOfServiceToOffice() {
        assertThat(billable(OCT_2026).placeOfService(null).withStaffMinutes("20").decide().claim().placeOfService()).isEqualTo("11");
    }

    @Test
    void listsUpToFourActiveChronicDiagnosesByOnsetThenCode() {
        Claim claim = billable(OCT_2026).withStaffMinutes("20").conditions(
                new Condition("N18.3", true, date("2019-05-01"), null),
                new Condition("I10", true, date("2012-02-10"), null),
                new Condition("J44.9", true, date("2019-05-01"), null),
                new Condition("E78.5", true, date("2015-07-07"), null),
                new Condition("J06.9", false, date("2010-01-01"), null), // not chronic
                new Condition("F32.9", true, date("2011-01-01"), date("2026-09-30")), // resolved before the month
                new Condition("M17.0", true, date("2026-11-02"), null), // onset after the month
                new Condition("E11.9", true, date("2020-03-15"), null))
                .decide().claim();

        // by onset: I10 2012, E78.5 2015, then N18.3 and J44.9 both 2019-05-01 by code (J44.9 first); E11.9 (2020) is fifth
        assertThat(claim.diagnoses()).containsExactly("I10", "E78.5", "J44.9", "N18.3");
    }

    @Test
    void listsTwoDiagnosesWhenTwoAreActive() {
        Claim claim = billable(OCT_2026).withStaffMinutes("20").decide().claim();

        assertThat(claim.diagnoses()).containsExactly("I10", "E11.9"); // I10 onset 2016, E11.9 onset 2018
    }

    @Test
    void billsUnderTheBillingPractitionersNpiAndThePatientsMbi() {
        Claim claim = billable(OCT_2026).billingPractitioner(new Practitioner(BILLING_MD, "NP", "1679576722"))
                .withStaffMinutes("20").decide().claim();

        assertThat(claim.billingNpi()).isEqualTo("1679576722");
        assertThat(claim.mbi()).isEqualTo(PatientMonths.MBI);
        assertThat(claim.patientId()).isEqualTo(PatientMonths.PATIENT_ID);
        assertThat(claim.serviceMonth()).isEqualTo(OCT_2026);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "2022-01, ccm-2022", "2023-07, ccm-2023", "2024-03, ccm-2024", "2025-12, ccm-2025", "2026-10, ccm-2026" })
    void writesTheRuleSetOfTheServiceYearOnTheClaim(YearMonth month, String ruleSet) {
        assertThat(billable(month).withStaffMinutes("20", month.atDay(10)).decide().claim().ruleSet()).isEqualTo(ruleSet);
    }

    @Test
    void refusesToDecideAMonthWithAnotherYearsRules() {
        BillingRules rules2025 = new BillingRules(RuleSets.forMonth(YearMonth.of(2025, 1)), BillingSettings.defaults());
        PatientMonth october2026 = billable(OCT_2026).withStaffMinutes("20").build();

        assertThatThrownBy(() -> rules2025.decide(october2026)).hasMessageContaining("2026-10");
    }

    @Test
    void neverProducesG0506() {
        Claim claim = billable(OCT_2026).withStaffMinutes("200").withPractitionerMinutes("200").attested("HIGH", "ESTABLISHED")
                .decide().claim();

        assertThat(claim.lines()).extracting(ClaimLine::cpt).doesNotContain("G0506");
    }
}
