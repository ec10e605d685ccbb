package org.ccm.monthend.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value of a rule set and of the chargemaster is checked when it is loaded (issue 11: base-minutes -20 closed
 * with exit 0 and billed 3,080 lines instead of 2,326): a bad file is refused in one line naming the file, the key as
 * a dotted path and the value, with all of the file's problems joined by "; ".
 */
class RuleSetValuesTests {

    private static final Path RULES = Path.of("config/rules");

    /** An edit of the shipped ccm-2026.yml (its first occurrence of {@code find} replaced) and what the refusal says after the file name. */
    static Stream<Arguments> badRuleValues() {
        return Stream.of(
                bad("base-minutes: 20", "base-minutes: -20",
                        "families.NON_COMPLEX.base-minutes must be a positive number of minutes, got -20"),
                bad("base-minutes: 60", "base-minutes: 0",
                        "families.COMPLEX.base-minutes must be a positive number of minutes, got 0"),
                bad("base-minutes: 30", "base-minutes: \"abc\"",
                        "families.PRACTITIONER.base-minutes must be a positive number of minutes, got \"abc\""),
                bad("base-minutes: 20", "base-minutes: [20]",
                        "families.NON_COMPLEX.base-minutes must be a positive number of minutes, got a list"),
                bad("base-minutes: 20", "base-minutes:",
                        "families.NON_COMPLEX.base-minutes has no value"),
                bad("add-on-minutes: 20", "add-on-minutes: 0",
                        "families.NON_COMPLEX.add-on-minutes must be a positive number of minutes, got 0"),
                bad("add-on-minutes: 30", "add-on-minutes: -30",
                        "families.COMPLEX.add-on-minutes must be a positive number of minutes, got -30"),
                bad("max-add-on-units: 2", "max-add-on-units: -1",
                        "families.NON_COMPLEX.max-add-on-units must be a whole number of add-on units, 0 or more, or null for no cap, got -1"),
                bad("max-add-on-units: 10", "max-add-on-units: 2.5",
                        "families.COMPLEX.max-add-on-units must be a whole number of add-on units, 0 or more, or null for no cap, got 2.5"),
                bad("    max-add-on-units: 10\n", "",
                        "families.COMPLEX.max-add-on-units is missing (null for no cap)"),
                bad("    base-minutes: 60\n", "    base-minutes: 60\n    base-minute: 60\n",
                        "families.COMPLEX.base-minute is not a key of a minute table"
                                + " (base-code, base-minutes, add-on-code, add-on-minutes, max-add-on-units)"),
                bad("base-code: \"99490\"", "base-code: \"9949\"",
                        "families.NON_COMPLEX.base-code must be a five-character CPT or HCPCS code (99490, G0556), got \"9949\""),
                bad("add-on-code: \"99437\"", "add-on-code: [\"99437\"]",
                        "families.PRACTITIONER.add-on-code must be a five-character CPT or HCPCS code (99490, G0556), got a list"),
                bad("  PRACTITIONER:", "  PRACTITIONERS:",
                        "families.PRACTITIONERS is not a family (NON_COMPLEX, COMPLEX, PRACTITIONER); families.PRACTITIONER is missing"),
                bad("\"99490\": 66.13", "\"99490\": -66.13",
                        "fees.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got -66.13"),
                bad("\"99490\": 66.13", "\"99490\": 66.135",
                        "fees.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got 66.135"),
                bad("\"99490\": 66.13", "\"99490\": \"abc\"",
                        "fees.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got \"abc\""),
                bad("\"99490\": 66.13", "\"9949\": 66.13",
                        "fees.\"9949\" must be a five-character CPT or HCPCS code (99490, G0556), got \"9949\";"
                                + " fees.\"99490\" is missing: it is NON_COMPLEX's base code"),
                bad("  CLINICAL_STAFF:", "  CLINICAL:",
                        "credentials.CLINICAL is not a credential category (BILLING_PRACTITIONER, CLINICAL_STAFF, NON_CLINICAL)"),
                bad("CLINICAL_STAFF: [RN,", "CLINICAL_STAFF: [MD, RN,",
                        "credentials.CLINICAL_STAFF[0] lists MD, which credentials.BILLING_PRACTITIONER lists too"),
                bad("CLINICAL_STAFF: [RN, LPN, LVN, MA, CMA, PHARMD, LCSW]", "CLINICAL_STAFF: RN",
                        "credentials.CLINICAL_STAFF must be a list of credentials such as [RN, MA], got \"RN\""),
                bad("complex-attestation:\n  mdm: [MODERATE, HIGH]\n  care-plan-change: [ESTABLISHED, SUBSTANTIALLY_REVISED]",
                        "complex-attestation: [MODERATE, HIGH]",
                        "complex-attestation must be a map of mdm and care-plan-change to the values that make a month complex,"
                                + " got a list"),
                bad("mdm: [MODERATE, HIGH]", "mdm: [MODERATE, VERY_HIGH]",
                        "complex-attestation.mdm[1] must be one of STRAIGHTFORWARD, LOW, MODERATE, HIGH, got \"VERY_HIGH\""),
                bad("service-year: 2026", "service-year: 2025",
                        "service-year must be 2026, the year of the file name ccm-2026.yml, got 2025"),
                bad("service-year: 2026", "service-year: abc",
                        "service-year must be a year such as 2026, got \"abc\""),
                bad("id: ccm-2026", "id: ccm-2025",
                        "id must name the year 2026 of the file name ccm-2026.yml, got \"ccm-2025\""),
                bad("ccm-codes: [\"99490\",", "ccm-codes: [\"99490x\",",
                        "ccm-codes[0] must be a five-character CPT or HCPCS code (99490, G0556), got \"99490x\""),
                bad("ccm-codes:", "ccm-codez:",
                        "ccm-codez is not a key of a rule set (id, service-year, families, fees, credentials, complex-attestation,"
                                + " ccm-codes, conflicts); ccm-codes is missing"),
                bad("first-code: G0556, last-code: G0558", "first-code: G0558, last-code: G0556",
                        "conflicts[0].last-code must not come before first-code G0558, got G0556"),
                bad("same-practitioner-only: true", "same-practitioner-only: maybe",
                        "conflicts[3].same-practitioner-only must be true or false, got \"maybe\""),
                bad("conflicts:\n  - { name: APCM, first-code: G0556, last-code: G0558 }", "conflicts:\n  - APCM",
                        "conflicts[0] must be a map of name, first-code, last-code (and same-practitioner-only), got \"APCM\""),
                // every problem of the file at once
                bad("    base-minutes: 20\n    add-on-code: \"99439\"\n    add-on-minutes: 20",
                        "    base-minutes: -20\n    add-on-code: \"99439\"\n    add-on-minutes: ten",
                        "families.NON_COMPLEX.base-minutes must be a positive number of minutes, got -20;"
                                + " families.NON_COMPLEX.add-on-minutes must be a positive number of minutes, got \"ten\""));
    }

    private static Arguments bad(String find, String replacement, String refusal) {
        return Arguments.of(find, replacement, refusal);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badRuleValues")
    void refusesABadRuleValueNamingTheFileTheKeyAndTheValue(String find, String replacement, String refusal, @TempDir Path dir)
            throws IOException {
        Path file = write2026(dir, find, replacement);

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessage(file.normalize() + ": " + refusal);
    }

    @Test
    void refusesAKeyWrittenTwice(@TempDir Path dir) throws IOException {
        Path file = write2026(dir, "    base-minutes: 20\n", "    base-minutes: 20\n    base-minutes: -20\n");

        assertThatThrownBy(() -> RuleSetCatalog.load(dir, null).forMonth(YearMonth.of(2026, 10)))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith(file.normalize() + ": not valid YAML: ")
                .hasMessageContaining("duplicate key base-minutes")
                .hasMessageContaining("line 12")
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\n"));
    }

    static Stream<Arguments> badCharges() {
        return Stream.of(
                Arguments.of("charges:\n  \"99490\": \"abc\"\n",
                        "charges.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got \"abc\""),
                Arguments.of("charges:\n  \"99490\": abc\n",
                        "charges.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got \"abc\""),
                Arguments.of("charges:\n  \"99490\": -85.00\n",
                        "charges.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got -85.0"),
                Arguments.of("charges:\n  \"99490\": 85.001\n",
                        "charges.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got 85.001"),
                Arguments.of("charges:\n  \"99490\": [85]\n",
                        "charges.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got a list"),
                Arguments.of("charges:\n  \"994\": 85.00\n",
                        "charges.\"994\" must be a five-character CPT or HCPCS code (99490, G0556), got \"994\""),
                Arguments.of("charges: [\"99490\"]\n",
                        "charges must be a map of code to charge in USD, got a list"),
                Arguments.of("charge:\n  \"99490\": 85.00\n",
                        "charge is not a key of the chargemaster (charges)"),
                Arguments.of("charges:\n  \"99490\": -1\n  \"99491\": x\n",
                        "charges.\"99490\" must be an amount in USD of 0 or more with at most two decimals, got -1;"
                                + " charges.\"99491\" must be an amount in USD of 0 or more with at most two decimals, got \"x\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCharges")
    void refusesABadChargemasterValueNamingTheFileTheKeyAndTheValue(String text, String refusal, @TempDir Path dir) throws IOException {
        Path chargemaster = Files.writeString(dir.resolve("chargemaster.yml"), text);

        assertThatThrownBy(() -> RuleSetCatalog.load(RULES, chargemaster))
                .isInstanceOf(RuleSetException.class)
                .hasMessage(chargemaster.normalize() + ": " + refusal);
    }

    @Test
    void loadsEveryShippedRuleFileAndTheChargemaster() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(RULES)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        RuleSetCatalog catalog = RuleSetCatalog.load(RULES, Path.of("config/fees/chargemaster.yml"));
        for (Path file : files) {
            int year = Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
            assertThatCode(() -> catalog.forMonth(YearMonth.of(year, 1))).as(file.toString()).doesNotThrowAnyException();
            assertThat(catalog.forMonth(YearMonth.of(year, 12)).serviceYear()).isEqualTo(year);
        }
    }

    @Test
    void acceptsTheValuesAtTheirLimits(@TempDir Path dir) throws IOException {
        // no cap, a cap of 0, a free code, fractional minutes, an amount with no decimals and a quoted one, unquoted codes
        String edited = Files.readString(RULES.resolve("ccm-2026.yml"))
                .replace("max-add-on-units: 10", "max-add-on-units: null")
                .replaceFirst("max-add-on-units: 2", "max-add-on-units: 0")
                .replace("\"99437\": 63.13", "\"99437\": 0")
                .replace("\"99489\": 78.16", "\"99489\": \"78.16\"")
                .replace("base-minutes: 60", "base-minutes: 59.5")
                .replace("ccm-codes: [\"99490\",", "ccm-codes: [99490,");
        Files.writeString(dir.resolve("ccm-2026.yml"), edited);
        Path chargemaster = Files.writeString(dir.resolve("chargemaster.yml"), "charges:\n  \"99490\": 85\n  G2064: 0.5\n");

        var rules = RuleSetCatalog.load(dir, chargemaster).forMonth(YearMonth.of(2026, 10));

        assertThat(rules.families().get(org.ccm.monthend.billing.Family.COMPLEX).maxAddOnUnits()).isNull();
        assertThat(rules.families().get(org.ccm.monthend.billing.Family.NON_COMPLEX).maxAddOnUnits()).isZero();
        assertThat(rules.fee("99489")).isEqualByComparingTo("78.16");
        assertThat(rules.charges().get("G2064")).isEqualByComparingTo("0.5");
        assertThat(rules.charge("99490")).isEqualByComparingTo("85");
        assertThat(rules.ccmCodes()).contains("99490");
    }

    private static Path write2026(Path dir, String find, String replacement) throws IOException {
        String original = Files.readString(RULES.resolve("ccm-2026.yml"));
        int at = original.indexOf(find);
        assertThat(at).as("the edit applies: " + find).isNotNegative();
        Path file = dir.resolve("ccm-2026.yml");
        Files.writeString(file, original.substring(0, at) + replacement + original.substring(at + find.length()));
        return file;
    }
}
