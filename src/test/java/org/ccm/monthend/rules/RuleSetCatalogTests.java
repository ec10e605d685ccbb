package org.ccm.monthend.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.function.UnaryOperator;

import org.ccm.monthend.billing.Attestation;
import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.BillingSettings;
import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.Condition;
import org.ccm.monthend.billing.CredentialCategory;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.Enrollment;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.FamilyRule;
import org.ccm.monthend.billing.Patient;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.Practitioner;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.billing.TimeEntry;
import org.ccm.monthend.core.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule sets of config/rules (one per service year, ccm-rules.md section 6) and the chargemaster. */
class RuleSetCatalogTests {

    private static final Path RULES = Path.of("config/rules");

    @ParameterizedTest(name = "{0}: 99490 {1}, 99439 {2}, 99487 {3}, 99489 {4}, 99491 {5}, 99437 {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # year | 99490 | 99439 | 99487  | 99489 | 99491 | 99437   (ccm-rules.md section 6)
            2022   | 64.02 | 48.45 | 134.27 | 70.60 | 86.17 | 61.25
            2023   | 62.69 | 47.44 | 133.18 | 70.49 | 85.06 | 59.98
            2024   | 62.58 | 47.93 | 134.15 | 72.23 | 84.55 | 59.58
            2025   | 60.49 | 45.93 | 130.36 | 70.52 | 82.16 | 57.58
            2026   | 66.13 | 48.10 | 144.29 | 78.16 | 84.84 | 63.13
            """)
    void loadsEachYearWithTheSpecFeeSchedule(int year, String f99490, String f99439, String f99487, String f99489, String f99491,
            String f99437) {
        RuleSet rules = RuleSetCatalog.load(RULES, null).forMonth(YearMonth.of(year, 6));

        assertThat(rules.id()).isEqualTo("ccm-" + year);
        assertThat(rules.serviceYear()).isEqualTo(year);
        assertThat(rules.fee("99490")).isEqualByComparingTo(f99490);
        assertThat(rules.fee("99439")).isEqualByComparingTo(f99439);
        assertThat(rules.fee("99487")).isEqualByComparingTo(f99487);
        assertThat(rules.fee("99489")).isEqualByComparingTo(f99489);
        assertThat(rules.fee("99491")).isEqualByComparingTo(f99491);
        assertThat(rules.fee("99437")).isEqualByComparingTo(f99437);
        assertThat(rules.charge("99490")).as("no chargemaster: charge = fee").isEqualByComparingTo(f99490);
    }

    @ParameterizedTest
    @ValueSource(ints = { 2022, 2023, 2024, 2025, 2026 })
    void loadsEachYearWithTheSpecMinuteTablesAndLists(int year) {
        RuleSet rules = RuleSetCatalog.load(RULES, null).forMonth(YearMonth.of(year, 1));

        assertFamily(rules.families().get(Family.NON_COMPLEX), "99490", "20", "99439", "20", 2);
        assertFamily(rules.families().get(Family.COMPLEX), "99487", "60", "99489", "30", 10);
        assertFamily(rules.families().get(Family.PRACTITIONER), "99491", "30", "99437", "30", 2);
        assertThat(rules.ccmCodes()).containsExactlyInAnyOrder("99490", "99439", "99487", "99489", "99491", "99437");
        assertThat(rules.complexMdm()).containsExactlyInAnyOrder("MODERATE", "HIGH");
        assertThat(rules.complexCarePlanChanges()).containsExactlyInAnyOrder("ESTABLISHED", "SUBSTANTIALLY_REVISED");
        for (String credential : List.of("MD", "DO", "NP", "PA", "CNS", "CNM")) {
            assertThat(rules.category(credential)).as(credential).isEqualTo(CredentialCategory.BILLING_PRACTITIONER);
        }
        for (String credential : List.of("RN", "LPN", "LVN", "MA", "CMA", "PHARMD", "LCSW")) {
            assertThat(rules.category(credential)).as(credential).isEqualTo(CredentialCategory.CLINICAL_STAFF);
        }
        assertThat(rules.category("SCHED")).isEqualTo(CredentialCategory.NON_CLINICAL);
        assertThat(rules.category(null)).isEqualTo(CredentialCategory.NON_CLINICAL);
    }

    private static void assertFamily(FamilyRule rule, String baseCode, String baseMinutes, String addOnCode, String addOnMinutes,
            int cap) {
        assertThat(rule.baseCode()).isEqualTo(baseCode);
        assertThat(rule.baseMinutes()).isEqualByComparingTo(baseMinutes);
        assertThat(rule.addOnCode()).isEqualTo(addOnCode);
        assertThat(rule.addOnMinutes()).isEqualByComparingTo(addOnMinutes);
        assertThat(rule.maxAddOnUnits()).isEqualTo(cap);
    }

    @Test
    void picksTheScheduleOfTheServiceYearForEveryMonthOfIt() {
        RuleSetCatalog catalog = RuleSetCatalog.load(RULES, null);

        // 2024: the schedule from 9 March applies to the whole year, January included
        assertThat(catalog.forMonth(YearMonth.of(2024, 1)).fee("99490")).isEqualByComparingTo("62.58");
        assertThat(catalog.forMonth(YearMonth.of(2024, 12)).fee("99490")).isEqualByComparingTo("62.58");
        assertThat(catalog.forMonth(YearMonth.of(2022, 12)).id()).isEqualTo("ccm-2022");
        assertThat(catalog.forMonth(YearMonth.of(2023, 1)).id()).isEqualTo("ccm-2023");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2021-12", "2021-01", "2027-01", "2019-06" })
    void refusesAMonthWithoutARuleSetNamingTheMonth(String month) {
        RuleSetCatalog catalog = RuleSetCatalog.load(RULES, null);

        assertThatThrownBy(() -> catalog.forMonth(YearMonth.parse(month)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(month);
    }

    @Test
    void refusesAMissingRulesDirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> RuleSetCatalog.load(dir.resolve("nowhere"), null))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("nowhere");
    }

    @Test
    void namesTheFileAndKeyOfAFeeThatIsNotANumber(@TempDir Path dir) throws IOException {
        Path file = copy2026(dir, text -> text.replace("\"99439\": 48.10", "\"99439\": forty-eight"));

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("fees.\"99439\"");
    }

    @Test
    void namesTheFileAndKeyOfAMissingFee(@TempDir Path dir) throws IOException {
        Path file = copy2026(dir, text -> text.replace("  \"99437\": 63.13\n", ""));

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("99437");
    }

    @Test
    void namesTheFileAndKeyOfANonNumericCap(@TempDir Path dir) throws IOException {
        Path file = copy2026(dir, text -> text.replace("max-add-on-units: 10", "max-add-on-units: ten"));

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("families.COMPLEX.max-add-on-units");
    }

    @Test
    void namesTheFullPathOfAMissingKeyInsideAFamily(@TempDir Path dir) throws IOException {
        // three families each have base-minutes: the message must say which one is missing it
        Path file = copy2026(dir, text -> text.replace("    base-minutes: 60\n", ""));

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("families.COMPLEX.base-minutes");
    }

    @Test
    void namesTheFileAndKeyOfAMissingSection(@TempDir Path dir) throws IOException {
        Path file = copy2026(dir, text -> text.replace("ccm-codes:", "ccm-codez:"));

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("ccm-codes");
    }

    @Test
    void namesTheFileOfInvalidYaml(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ccm-2026.yml");
        Files.writeString(file, "id: ccm-2026\nfees: [unclosed\n");

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString());
    }

    @Test
    void refusesAFileWhoseServiceYearIsNotItsName(@TempDir Path dir) throws IOException {
        Path file = copy2026(dir, text -> text.replace("service-year: 2026", "service-year: 2025"));

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("service-year");
    }

    @Test
    void chargesTheChargemasterAmountAndTheFeeForUnlistedCodes(@TempDir Path dir) throws IOException {
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, "charges:\n  \"99490\": 85.00\n  \"99491\": 120\n");

        RuleSet rules = RuleSetCatalog.load(RULES, chargemaster).forMonth(YearMonth.of(2026, 10));

        assertThat(rules.charge("99490")).isEqualByComparingTo("85.00");
        assertThat(rules.charge("99491")).isEqualByComparingTo("120");
        assertThat(rules.charge("99439")).isEqualByComparingTo("48.10");
        assertThat(rules.fee("99490")).as("the fee schedule is unchanged").isEqualByComparingTo("66.13");
    }

    @Test
    void chargesTheFeeWhenTheChargemasterFileIsMissingOrEmpty(@TempDir Path dir) throws IOException {
        Path empty = dir.resolve("empty.yml");
        Files.writeString(empty, "charges: {}\n");

        assertThat(RuleSetCatalog.load(RULES, dir.resolve("missing.yml")).forMonth(YearMonth.of(2026, 10)).charge("99490"))
                .isEqualByComparingTo("66.13");
        assertThat(RuleSetCatalog.load(RULES, empty).forMonth(YearMonth.of(2026, 10)).charge("99490"))
                .isEqualByComparingTo("66.13");
        assertThat(RuleSetCatalog.load(Path.of("config/rules"), Path.of("config/fees/chargemaster.yml"))
                .forMonth(YearMonth.of(2026, 10)).fee("99490")).isEqualByComparingTo("66.13");
    }

    /** What a close records is the checksum of the bytes the rule set was parsed from, chargemaster included. */
    @Test
    void keepsTheChecksumsOfTheBytesItParsed(@TempDir Path dir) throws IOException {
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, "charges:\n  \"99490\": 85.00\n");
        RuleSetCatalog catalog = RuleSetCatalog.load(RULES, chargemaster);
        Files.writeString(chargemaster, "charges: {}\n"); // read once, when the catalog is loaded

        LoadedRuleSet loaded = catalog.loadForMonth(YearMonth.of(2026, 10));

        assertThat(loaded.file()).isEqualTo(RULES.resolve("ccm-2026.yml"));
        assertThat(loaded.sha256()).isEqualTo(Checksums.sha256(RULES.resolve("ccm-2026.yml")));
        assertThat(loaded.chargemaster()).isEqualTo(chargemaster);
        assertThat(loaded.chargemasterSha256()).isEqualTo(Checksums.sha256("charges:\n  \"99490\": 85.00\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(loaded.ruleSet().charge("99490")).isEqualByComparingTo("85.00");
        assertThat(RuleSetCatalog.load(RULES, dir.resolve("missing.yml")).loadForMonth(YearMonth.of(2026, 10)).chargemasterSha256())
                .isEqualTo(RuleSetCatalog.NO_CHARGEMASTER);
    }

    @Test
    void namesTheChargemasterFileAndCodeOfAnAmountThatIsNotANumber(@TempDir Path dir) throws IOException {
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, "charges:\n  \"99490\": lots\n");

        assertThatThrownBy(() -> RuleSetCatalog.load(RULES, chargemaster))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("chargemaster.yml")
                .hasMessageContaining("99490");
    }

    @Test
    void changesTheAddOnCapWithoutCodeChange(@TempDir Path dir) throws IOException {
        // NON_COMPLEX cap 2 -> 3 in a copied rule set: 80 staff minutes now bill 99439 x3
        copy2026(dir, text -> text.replaceFirst("max-add-on-units: 2", "max-add-on-units: 3"));
        PatientMonth month = eightyStaffMinutes();

        Claim shipped = decide(RuleSetCatalog.load(RULES, null), month).claim();
        Claim edited = decide(RuleSetCatalog.load(dir, null), month).claim();

        assertThat(shipped.lines()).extracting(ClaimLine::cpt, ClaimLine::units)
                .containsExactly(tuple("99490", 1), tuple("99439", 2));
        assertThat(edited.lines()).extracting(ClaimLine::cpt, ClaimLine::units)
                .containsExactly(tuple("99490", 1), tuple("99439", 3));
        assertThat(edited.expectedPayment()).isEqualByComparingTo("210.43"); // 66.13 + 3 x 48.10
    }

    @Test
    void changesAFeeAndTheChoiceWithoutCodeChange(@TempDir Path dir) throws IOException {
        // 99487 raised to 200.00: at 60 attested minutes complex now pays more than 99490 + 99439 x2 (162.33)
        copy2026(dir, text -> text.replace("\"99487\": 144.29", "\"99487\": 200.00"));
        PatientMonth month = sixtyAttestedMinutes();

        assertThat(decide(RuleSetCatalog.load(RULES, null), month).claim().family()).isEqualTo(Family.NON_COMPLEX);
        Claim edited = decide(RuleSetCatalog.load(dir, null), month).claim();
        assertThat(edited.family()).isEqualTo(Family.COMPLEX);
        assertThat(edited.expectedPayment()).isEqualByComparingTo("200.00");
    }

    @Test
    void removesTheComplexUnitCapWhenSetToNull(@TempDir Path dir) throws IOException {
        // MUE 10 removed: 400 attested minutes bill 99489 x11 ((400 - 60) / 30 = 11.33)
        copy2026(dir, text -> text.replace("max-add-on-units: 10", "max-add-on-units: null"));
        PatientMonth month = month(new Attestation("HIGH", "ESTABLISHED"), new TimeEntry("E1", "M-RN", "RN",
                LocalDate.of(2026, 10, 15).atTime(10, 0), new BigDecimal("400"), "CARE_COORDINATION", "CCM"));

        assertThat(decide(RuleSetCatalog.load(RULES, null), month).claim().lines()).extracting(ClaimLine::units).containsExactly(1, 10);
        Claim edited = decide(RuleSetCatalog.load(dir, null), month).claim();
        assertThat(edited.lines()).extracting(ClaimLine::cpt, ClaimLine::units).containsExactly(tuple("99487", 1), tuple("99489", 11));
        assertThat(edited.expectedPayment()).isEqualByComparingTo("1004.05"); // 144.29 + 11 x 78.16
    }

    @Test
    void addsACredentialToClinicalStaffWithoutCodeChange(@TempDir Path dir) throws IOException {
        copy2026(dir, text -> text.replace("CLINICAL_STAFF: [RN,", "CLINICAL_STAFF: [EMT, RN,"));
        PatientMonth month = withEntryBy("EMT");

        assertThat(decide(RuleSetCatalog.load(RULES, null), month).billed()).isFalse();
        assertThat(decide(RuleSetCatalog.load(dir, null), month).billed()).isTrue();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Path copy2026(Path dir, UnaryOperator<String> edit) throws IOException {
        String original = Files.readString(RULES.resolve("ccm-2026.yml"));
        String edited = edit.apply(original);
        assertThat(edited).as("the edit applies").isNotEqualTo(original);
        Path file = dir.resolve("ccm-2026.yml");
        Files.writeString(file, edited);
        return file;
    }

    private static Decision decide(RuleSetCatalog catalog, PatientMonth month) {
        return new BillingRules(catalog.forMonth(month.month()), BillingSettings.defaults()).decide(month);
    }

    private static PatientMonth eightyStaffMinutes() {
        return month(null, new TimeEntry("E1", "M-RN", "RN", LocalDate.of(2026, 10, 15).atTime(10, 0), new BigDecimal("80"),
                "CARE_COORDINATION", "CCM"));
    }

    private static PatientMonth sixtyAttestedMinutes() {
        return month(new Attestation("HIGH", "ESTABLISHED"), new TimeEntry("E1", "M-RN", "RN", LocalDate.of(2026, 10, 15).atTime(10, 0),
                new BigDecimal("60"), "CARE_COORDINATION", "CCM"));
    }

    private static PatientMonth withEntryBy(String credential) {
        return month(null, new TimeEntry("E1", "M-X", credential, LocalDate.of(2026, 10, 15).atTime(10, 0), new BigDecimal("25"),
                "CARE_COORDINATION", "CCM"));
    }

    private static PatientMonth month(Attestation attestation, TimeEntry entry) {
        LocalDate before = LocalDate.of(2026, 9, 1);
        Patient patient = new Patient("P0001", "1EG4TE5MK73", "M-MD", before, "WRITTEN", before, before, "11");
        return new PatientMonth(YearMonth.of(2026, 10), patient, new Practitioner("M-MD", "MD", "1234567893"),
                List.of(new Enrollment(before, null)),
                List.of(new Condition("E11.9", true, before, null), new Condition("I10", true, before, null)),
                attestation, List.of(), List.of(), List.of(entry), null);
    }
}
