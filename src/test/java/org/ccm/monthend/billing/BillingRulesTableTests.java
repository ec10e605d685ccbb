package org.ccm.monthend.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccm.monthend.billing.PatientMonths.billable;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.ccm.monthend.rules.RuleSetCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** The minute tables and the family choice of ccm-rules.md sections 1, 2 and 6, read from billing/minute-tables.csv. */
class BillingRulesTableTests {

    private static final YearMonth OCT_2026 = YearMonth.of(2026, 10);

    private static final Map<String, SelectionPolicy> POLICIES = Map.of(
            "highest", SelectionPolicy.HIGHEST_EXPECTED_PAYMENT,
            "prefer-complex", SelectionPolicy.PREFER_COMPLEX_WHEN_ATTESTED);

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/billing/minute-tables.csv", delimiter = '|', numLinesToSkip = 1, maxCharsPerColumn = 200)
    void billsTheMinuteTable(String name, String month, String staff, String practitioner, String attestation, String policy,
            String expected, String family, String payment, String runnerUp, String runnerUpPayment) {
        PatientMonths.Builder input = billable(YearMonth.parse(month));
        if (new BigDecimal(staff).signum() > 0) {
            input.withStaffMinutes(staff);
        }
        if (new BigDecimal(practitioner).signum() > 0) {
            input.withPractitionerMinutes(practitioner);
        }
        if (!"-".equals(attestation)) {
            String[] parts = attestation.split("\\+");
            input.attested(parts[0], parts[1]);
        }
        assertThat(POLICIES).containsKey(policy);

        Decision decision = input.decide(new BillingSettings(POLICIES.get(policy), DateOfServicePolicy.LAST_DAY_OF_MONTH));

        if (isReasonCode(expected)) {
            assertThat(decision.claim()).as("no claim").isNull();
            assertThat(decision.notBilled().reasonCode()).isEqualTo(ReasonCode.valueOf(expected));
            return;
        }
        assertThat(decision.notBilled()).as("billed").isNull();
        Claim claim = decision.claim();
        assertThat(lines(claim)).isEqualTo(expected);
        assertThat(claim.family()).isEqualTo(Family.valueOf(family));
        assertThat(claim.expectedPayment()).isEqualByComparingTo(payment);
        assertThat(claim.chargeAmount()).as("charge equals the fee schedule without a chargemaster").isEqualByComparingTo(payment);
        if ("-".equals(runnerUp)) {
            assertThat(claim.runnerUpFamily()).isNull();
            assertThat(claim.runnerUpPayment()).isNull();
        }
        else {
            assertThat(claim.runnerUpFamily()).isEqualTo(Family.valueOf(runnerUp));
            assertThat(claim.runnerUpPayment()).isEqualByComparingTo(runnerUpPayment);
        }
        BigDecimal familyMinutes = claim.family() == Family.PRACTITIONER ? new BigDecimal(practitioner)
                : new BigDecimal(staff).add(new BigDecimal(practitioner));
        assertThat(claim.minutesCounted()).isEqualByComparingTo(familyMinutes);
    }

    @Test
    void billsEachLineAtTheFeeTimesItsUnits() {
        Claim claim = billable(OCT_2026).withStaffMinutes("60").decide().claim();

        assertThat(claim.lines()).extracting(ClaimLine::cpt, ClaimLine::units)
                .containsExactly(tuple("99490", 1), tuple("99439", 2));
        assertThat(claim.lines().get(0).expectedPayment()).isEqualByComparingTo("66.13");
        assertThat(claim.lines().get(1).expectedPayment()).isEqualByComparingTo("96.20"); // 2 x 48.10
        assertThat(claim.lines().get(0).chargeAmount()).isEqualByComparingTo("66.13");
        assertThat(claim.lines().get(1).chargeAmount()).isEqualByComparingTo("96.20");
    }

    @Test
    void chargesTheChargemasterAmountTimesUnitsButExpectsTheFee(@TempDir Path dir) throws Exception {
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, """
                charges:
                  "99490": 85.00
                  "99439": 60.50
                """);
        RuleSet rules = RuleSetCatalog.load(RuleSets.RULES_DIR, chargemaster).forMonth(OCT_2026);

        Claim claim = billable(OCT_2026).withStaffMinutes("60").decide(rules, BillingSettings.defaults()).claim();

        assertThat(claim.lines().get(0).chargeAmount()).isEqualByComparingTo("85.00");
        assertThat(claim.lines().get(1).chargeAmount()).isEqualByComparingTo("121.00"); // 2 x 60.50
        assertThat(claim.chargeAmount()).isEqualByComparingTo("206.00");
        assertThat(claim.lines().get(0).expectedPayment()).isEqualByComparingTo("66.13");
        assertThat(claim.lines().get(1).expectedPayment()).isEqualByComparingTo("96.20");
        assertThat(claim.expectedPayment()).isEqualByComparingTo("162.33");
    }

    @Test
    void chargesTheFeeForCodesTheChargemasterDoesNotList(@TempDir Path dir) throws Exception {
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, """
                charges:
                  "99490": 85.00
                """);
        RuleSet rules = RuleSetCatalog.load(RuleSets.RULES_DIR, chargemaster).forMonth(OCT_2026);

        Claim claim = billable(OCT_2026).withStaffMinutes("90").attested("HIGH", "ESTABLISHED")
                .decide(rules, BillingSettings.defaults()).claim();

        assertThat(lines(claim)).isEqualTo("99487x1 99489x1");
        assertThat(claim.lines().get(0).chargeAmount()).isEqualByComparingTo("144.29");
        assertThat(claim.lines().get(1).chargeAmount()).isEqualByComparingTo("78.16");
    }

    @Test
    void choosesByExpectedPaymentNotByCharge(@TempDir Path dir) throws Exception {
        // a chargemaster that makes 99487 the biggest charge must not change the choice: 99490 + 99439 x2 pays more
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, """
                charges:
                  "99487": 900.00
                """);
        RuleSet rules = RuleSetCatalog.load(RuleSets.RULES_DIR, chargemaster).forMonth(OCT_2026);

        Claim claim = billable(OCT_2026).withStaffMinutes("60").attested("HIGH", "ESTABLISHED")
                .decide(rules, BillingSettings.defaults()).claim();

        assertThat(claim.family()).isEqualTo(Family.NON_COMPLEX);
        assertThat(claim.runnerUpFamily()).isEqualTo(Family.COMPLEX);
        assertThat(claim.runnerUpPayment()).isEqualByComparingTo("144.29");
    }

    /**
     * The real fee schedules never tie, so these fees are made up: on a tie the order is non-complex,
     * complex, practitioner (ccm-rules.md section 2).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                    | staff | practitioner | attested | 99490 | 99439 | 99487 | 99489 | 99491 | 99437 | chosen       | lines           | runner_up    | payment
            non-complex ties practitioner at 30 min   | 0     | 30           | false    | 80.00 | 40.00 | 150.00| 75.00 | 80.00 | 60.00 | NON_COMPLEX  | 99490x1         | PRACTITIONER | 80.00
            non-complex ties complex at 60 min        | 60    | 0            | true     | 50.00 | 25.00 | 100.00| 75.00 | 80.00 | 60.00 | NON_COMPLEX  | 99490x1 99439x2 | COMPLEX      | 100.00
            complex ties practitioner at 60 min       | 0     | 60           | true     | 10.00 | 10.00 | 100.00| 75.00 | 60.00 | 40.00 | COMPLEX      | 99487x1         | PRACTITIONER | 100.00
            all three tie at 60 min: non-complex      | 0     | 60           | true     | 50.00 | 25.00 | 100.00| 75.00 | 60.00 | 40.00 | NON_COMPLEX  | 99490x1 99439x2 | COMPLEX      | 100.00
            one cent more for practitioner wins       | 0     | 30           | false    | 80.00 | 40.00 | 150.00| 75.00 | 80.01 | 60.00 | PRACTITIONER | 99491x1         | NON_COMPLEX  | 80.01
            """)
    void breaksTiesInTheOrderNonComplexComplexPractitioner(String name, String staff, String practitioner, boolean attested,
            String f99490, String f99439, String f99487, String f99489, String f99491, String f99437, Family chosen,
            String expectedLines, Family runnerUp, String payment) {
        RuleSet rules = RuleSets.withFees(RuleSets.forMonth(OCT_2026), Map.of("99490", f99490, "99439", f99439,
                "99487", f99487, "99489", f99489, "99491", f99491, "99437", f99437));
        PatientMonths.Builder input = billable(OCT_2026);
        if (new BigDecimal(staff).signum() > 0) {
            input.withStaffMinutes(staff);
        }
        if (new BigDecimal(practitioner).signum() > 0) {
            input.withPractitionerMinutes(practitioner);
        }
        if (attested) {
            input.attested("HIGH", "ESTABLISHED");
        }

        Claim claim = input.decide(rules, BillingSettings.defaults()).claim();

        assertThat(claim.family()).isEqualTo(chosen);
        assertThat(lines(claim)).isEqualTo(expectedLines);
        assertThat(claim.expectedPayment()).isEqualByComparingTo(payment);
        assertThat(claim.runnerUpFamily()).isEqualTo(runnerUp);
    }

    @Test
    void recordsTheRunnerUpWithItsOwnAmountSoAnAuditorSeesWhy() {
        Claim claim = billable(OCT_2026).withStaffMinutes("90").attested("HIGH", "ESTABLISHED").decide().claim();

        assertThat(claim.family()).isEqualTo(Family.COMPLEX);
        assertThat(claim.expectedPayment()).isEqualByComparingTo("222.45"); // 144.29 + 78.16
        assertThat(claim.runnerUpFamily()).isEqualTo(Family.NON_COMPLEX);
        assertThat(claim.runnerUpPayment()).isEqualByComparingTo("162.33"); // 66.13 + 2 x 48.10
    }

    @Test
    void prefersComplexWhenAttestedEvenThoughItPaysLess() {
        PatientMonths.Builder input = billable(OCT_2026).withStaffMinutes("60").attested("MODERATE", "ESTABLISHED");

        Claim highest = input.decide().claim();
        Claim preferComplex = input.decide(new BillingSettings(SelectionPolicy.PREFER_COMPLEX_WHEN_ATTESTED,
                DateOfServicePolicy.LAST_DAY_OF_MONTH)).claim();

        assertThat(lines(highest)).isEqualTo("99490x1 99439x2");
        assertThat(lines(preferComplex)).isEqualTo("99487x1");
        assertThat(preferComplex.expectedPayment()).isLessThan(highest.expectedPayment());
    }

    private static boolean isReasonCode(String expected) {
        return Arrays.stream(ReasonCode.values()).anyMatch(code -> code.name().equals(expected));
    }

    static String lines(Claim claim) {
        return claim.lines().stream().map(line -> line.cpt() + "x" + line.units()).collect(Collectors.joining(" "));
    }
}
