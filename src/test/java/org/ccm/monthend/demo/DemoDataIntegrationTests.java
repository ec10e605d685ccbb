package org.ccm.monthend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.importing.CsvImporter;
import org.ccm.monthend.importing.ImportReport;
import org.ccm.monthend.importing.InputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ccm.monthend.FixedClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The generated practice, checked by SQL on the rows it wrote (not by the generator's own bookkeeping): it must
 * exercise every gate and every not-counted reason of ccm-rules.md, and the CSV path must give the same rows.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-data;DB_CLOSE_DELAY=-1")
@Import(FixedClock.class)
class DemoDataIntegrationTests {


    static final DemoSpec SPEC = new DemoSpec(400, YearMonth.of(2026, 10), 42);
    static final String FIRST = "DATE '2026-10-01'";
    static final String LAST = "DATE '2026-10-31'";
    static final String PRACTITIONERS = "('MD', 'DO', 'NP', 'PA', 'CNS', 'CNM')";
    static final String STAFF = "('RN', 'LPN', 'LVN', 'MA', 'CMA', 'PHARMD', 'LCSW')";

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    DemoDataLoader loader;

    @Autowired
    CsvImporter importer;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTables() {
        for (InputFile file : InputFile.values()) {
            jdbc.update("DELETE FROM " + file.table());
        }
    }

    @Test
    void importingTheCsvOutputGivesTheSameRowsAsGeneratingIntoTheDatabase(@TempDir Path csv) throws IOException {
        DemoCounts direct = loader.load(SPEC);
        Map<String, List<Map<String, Object>>> generated = tables();
        emptyTables();

        DemoCounts written = DemoData.writeCsv(SPEC, csv);
        ImportReport report = importer.importFrom(csv);

        assertThat(report.rejected()).isZero();
        assertThat(report.incompleteFiles()).isEmpty();
        assertThat(written).isEqualTo(direct);
        assertThat(tables()).isEqualTo(generated);
        for (InputFile file : InputFile.values()) {
            assertThat(generated.get(file.table())).as(file.table()).hasSize((int) direct.rows(file));
        }
    }

    @Test
    void generatingTwiceWithTheSameSeedLeavesTheSameRows() {
        loader.load(SPEC);
        Map<String, List<Map<String, Object>>> first = tables();

        loader.load(SPEC); // the tables are no longer empty: this time through the upsert

        assertThat(tables()).isEqualTo(first);
    }

    @Test
    void everyGateFailsForAFewPercentOfPatients() {
        loader.load(SPEC);

        // NOT_ENROLLED: time in the month without an enrolment overlapping it
        assertFewPercent(count("SELECT COUNT(DISTINCT t.patient_id) FROM time_entry t WHERE NOT EXISTS ("
                + "SELECT 1 FROM enrollment e WHERE e.patient_id = t.patient_id AND e.enrolled_from <= " + LAST
                + " AND (e.enrolled_to IS NULL OR e.enrolled_to >= " + FIRST + "))"));
        assertThat(count("SELECT COUNT(*) FROM enrollment WHERE enrolled_to < " + FIRST)).as("ended before the month")
                .isPositive();
        // NO_CONSENT: none, or given after the month
        assertFewPercent(count("SELECT COUNT(*) FROM patient WHERE consent_date IS NULL OR consent_date > " + LAST));
        assertThat(count("SELECT COUNT(*) FROM patient WHERE consent_date IS NULL")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM patient WHERE consent_date > " + LAST)).isPositive();
        // FEWER_THAN_TWO_CHRONIC_CONDITIONS, counted by ICD-10 category of conditions active in the month
        assertFewPercent(count("SELECT COUNT(*) FROM patient p WHERE (SELECT COUNT(DISTINCT SUBSTRING(c.icd10, 1, 3))"
                + " FROM condition_record c WHERE c.patient_id = p.patient_id AND c.chronic"
                + " AND (c.onset_date IS NULL OR c.onset_date <= " + LAST + ")"
                + " AND (c.resolved_date IS NULL OR c.resolved_date >= " + FIRST + ")) < 2"));
        assertThat(count("SELECT COUNT(*) FROM (SELECT patient_id FROM condition_record WHERE chronic"
                + " GROUP BY patient_id HAVING COUNT(*) = 2 AND COUNT(DISTINCT SUBSTRING(icd10, 1, 3)) = 1) x"))
                .as("two codes of one category").isPositive();
        assertThat(count("SELECT COUNT(*) FROM (SELECT patient_id FROM condition_record WHERE chronic"
                + " GROUP BY patient_id HAVING COUNT(*) = 2 AND COUNT(resolved_date) = 1) x"))
                .as("the second chronic condition resolved before the month").isPositive();
        // NO_CARE_PLAN, NO_INITIATING_VISIT
        assertFewPercent(count("SELECT COUNT(*) FROM patient WHERE care_plan_date IS NULL OR care_plan_date > " + LAST));
        assertFewPercent(count("SELECT COUNT(*) FROM patient WHERE initiating_visit_date IS NULL"
                + " OR initiating_visit_date > " + LAST));
        // INELIGIBLE_BILLING_PRACTITIONER: none, or a member without a practitioner credential
        assertFewPercent(count("SELECT COUNT(*) FROM patient p LEFT JOIN care_team_member m"
                + " ON m.member_id = p.billing_practitioner_id WHERE m.credential IS NULL OR m.credential NOT IN "
                + PRACTITIONERS));
        assertThat(count("SELECT COUNT(*) FROM patient p JOIN care_team_member m ON m.member_id ="
                + " p.billing_practitioner_id WHERE m.credential IN " + STAFF)).as("a nurse as billing practitioner")
                .isPositive();
        // BILLED_ELSEWHERE: a CCM code in the month under another NPI
        assertFewPercent(count("SELECT COUNT(DISTINCT o.patient_id) FROM other_service o JOIN patient p"
                + " ON p.patient_id = o.patient_id LEFT JOIN care_team_member m ON m.member_id = p.billing_practitioner_id"
                + " WHERE o.service_date BETWEEN " + FIRST + " AND " + LAST
                + " AND o.cpt IN ('99490', '99439', '99487', '99489', '99491', '99437')"
                + " AND (m.npi IS NULL OR o.billing_npi <> m.npi)"));
        // ALREADY_BILLED from outside: a CCM code in the month under the patient's own billing practitioner's NPI
        assertFewPercent(count("SELECT COUNT(DISTINCT o.patient_id) FROM other_service o JOIN patient p"
                + " ON p.patient_id = o.patient_id JOIN care_team_member m ON m.member_id = p.billing_practitioner_id"
                + " WHERE o.service_date BETWEEN " + FIRST + " AND " + LAST
                + " AND o.cpt IN ('99490', '99439', '99487', '99489', '99491', '99437') AND o.billing_npi = m.npi"));
        // CONFLICTING_SERVICE: APCM, home-health oversight, ESRD by anyone; PCM by the same practitioner
        for (String code : List.of("G0556", "G0181", "90960")) {
            assertThat(count("SELECT COUNT(*) FROM other_service WHERE cpt = '" + code + "' AND service_date BETWEEN "
                    + FIRST + " AND " + LAST)).as(code).isPositive();
        }
        assertThat(count("SELECT COUNT(*) FROM other_service o JOIN patient p ON p.patient_id = o.patient_id"
                + " JOIN care_team_member m ON m.member_id = p.billing_practitioner_id WHERE o.cpt BETWEEN '99424'"
                + " AND '99427' AND o.billing_npi = m.npi AND o.service_date BETWEEN " + FIRST + " AND " + LAST))
                .as("PCM by the same practitioner").isPositive();
        // BELOW_THRESHOLD: some time, under 20 minutes, 19.50 among them (no rounding up)
        assertFewPercent(count("SELECT COUNT(*) FROM (SELECT patient_id FROM time_entry GROUP BY patient_id"
                + " HAVING SUM(minutes) < 20) x"));
        assertThat(count("SELECT COUNT(*) FROM (SELECT patient_id FROM time_entry GROUP BY patient_id"
                + " HAVING SUM(minutes) = 19.50) x")).isPositive();
    }

    @Test
    void everyReasonForTimeNotToCountOccurs() {
        loader.load(SPEC);

        for (String program : List.of("RPM", "PCM", "BHI")) {
            assertThat(count("SELECT COUNT(*) FROM time_entry WHERE program = '" + program + "'")).as(program)
                    .isPositive();
        }
        assertThat(count("SELECT COUNT(*) FROM time_entry WHERE activity = 'FACE_TO_FACE_VISIT' AND program = 'CCM'"))
                .as("face to face").isPositive();
        assertThat(count("SELECT COUNT(*) FROM time_entry t JOIN patient p ON p.patient_id = t.patient_id"
                + " WHERE CAST(t.performed_at AS DATE) < p.consent_date AND p.consent_date <= " + LAST
                + " AND t.program = 'CCM'")).as("before a consent given in the month").isPositive();
        assertThat(count("SELECT COUNT(*) FROM time_entry t JOIN inpatient_stay s ON s.patient_id = t.patient_id"
                + " AND CAST(t.performed_at AS DATE) BETWEEN s.admit_date AND s.discharge_date"
                + " WHERE t.program = 'CCM'")).as("on a day of an inpatient stay").isPositive();
        assertThat(count("SELECT COUNT(*) FROM time_entry t JOIN care_team_member m ON m.member_id = t.member_id"
                + " WHERE m.credential NOT IN " + PRACTITIONERS + " AND m.credential NOT IN " + STAFF))
                .as("by non-clinical staff").isPositive();
        assertThat(count("SELECT COUNT(DISTINCT credential) FROM care_team_member WHERE credential NOT IN "
                + PRACTITIONERS + " AND credential NOT IN " + STAFF)).isEqualTo(2);
    }

    @Test
    void mostPatientsAreBillableAcrossTheThreeFamilies() {
        loader.load(SPEC);

        String ccmMinutes = "(SELECT COALESCE(SUM(t.minutes), 0) FROM time_entry t JOIN care_team_member m"
                + " ON m.member_id = t.member_id WHERE t.patient_id = p.patient_id AND t.program = 'CCM'"
                + " AND (t.activity IS NULL OR t.activity <> 'FACE_TO_FACE_VISIT') AND m.credential IN "
                + PRACTITIONERS.replace(")", ", ") + STAFF.substring(1) + ")";
        // 99490 with 0, 1 and 2 add-on units
        assertThat(count("SELECT COUNT(*) FROM patient p WHERE " + ccmMinutes + " BETWEEN 20 AND 39.99")).isGreaterThan(60);
        assertThat(count("SELECT COUNT(*) FROM patient p WHERE " + ccmMinutes + " BETWEEN 40 AND 59.99")).isGreaterThan(40);
        assertThat(count("SELECT COUNT(*) FROM patient p WHERE " + ccmMinutes + " >= 60")).isGreaterThan(40);
        // attested complex with 60-150 minutes, and attested but not complex
        assertThat(count("SELECT COUNT(*) FROM patient p JOIN attestation a ON a.patient_id = p.patient_id"
                + " AND a.service_month = '2026-10' WHERE a.mdm IN ('MODERATE', 'HIGH')"
                + " AND a.care_plan_change IN ('ESTABLISHED', 'SUBSTANTIALLY_REVISED') AND " + ccmMinutes
                + " BETWEEN 60 AND 150")).isBetween(20, 60);
        assertThat(count("SELECT COUNT(*) FROM attestation WHERE service_month = '2026-10'"
                + " AND (mdm IN ('STRAIGHTFORWARD', 'LOW') OR care_plan_change = 'NONE')")).isPositive();
        // the billing practitioner's own time reaching 30 minutes (99491), some at 90 and over (two 99437)
        String practitionerMinutes = "(SELECT COALESCE(SUM(t.minutes), 0) FROM time_entry t WHERE t.patient_id ="
                + " p.patient_id AND t.member_id = p.billing_practitioner_id AND t.program = 'CCM'"
                + " AND (t.activity IS NULL OR t.activity <> 'FACE_TO_FACE_VISIT'))";
        assertThat(count("SELECT COUNT(*) FROM patient p WHERE " + practitionerMinutes + " >= 30")).isGreaterThan(10);
        assertThat(count("SELECT COUNT(*) FROM patient p WHERE " + practitionerMinutes + " >= 90")).isPositive();
        // time by another practitioner of the practice counts as staff time
        assertThat(count("SELECT COUNT(*) FROM time_entry t JOIN patient p ON p.patient_id = t.patient_id"
                + " JOIN care_team_member m ON m.member_id = t.member_id WHERE m.credential IN " + PRACTITIONERS
                + " AND t.member_id <> p.billing_practitioner_id")).isPositive();
        // an opt-out in the month still bills the month
        assertThat(count("SELECT COUNT(*) FROM enrollment WHERE enrolled_to BETWEEN " + FIRST + " AND " + LAST))
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM (SELECT patient_id FROM enrollment GROUP BY patient_id"
                + " HAVING COUNT(*) > 1) x")).as("re-enrolled").isPositive();
    }

    @Test
    void entriesHaveALongTail() {
        loader.load(SPEC);

        List<Integer> perPatient = jdbc.queryForList(
                "SELECT COUNT(*) FROM time_entry GROUP BY patient_id ORDER BY 1", Integer.class);
        assertThat(perPatient.get(0)).isLessThanOrEqualTo(2);
        assertThat(perPatient.get(perPatient.size() - 1)).isGreaterThanOrEqualTo(30);
        assertThat(perPatient.stream().mapToInt(Integer::intValue).average().orElseThrow()).isBetween(8.0, 12.0);
        assertThat(count("SELECT COUNT(DISTINCT CAST(performed_at AS DATE)) FROM time_entry")).isEqualTo(31);
    }

    /** A few percent of 400 patients: at least 1 %, at most 6 %. */
    private static void assertFewPercent(int patients) {
        assertThat(patients).isBetween(4, 24);
    }

    @Test
    void twoPracticesAndPatientsWithAddressesUnderThem() {
        loader.load(SPEC);

        assertThat(jdbc.queryForList("SELECT practice_id, npi, tin, state, postal_code, taxonomy FROM practice"
                + " ORDER BY practice_id")).hasSize(2).allSatisfy(p -> {
                    assertThat(org.ccm.monthend.importing.Identifiers.isNpi((String) p.get("NPI"))).isTrue();
                    assertThat((String) p.get("TIN")).matches("[0-9]{9}");
                    assertThat((String) p.get("POSTAL_CODE")).matches("[0-9]{9}");
                    assertThat((String) p.get("TAXONOMY")).matches("[0-9A-Z]{9}X");
                }).extracting(p -> p.get("PRACTICE_ID")).containsExactly("PR01", "PR02");
        assertThat(count("SELECT COUNT(*) FROM patient p JOIN practice r ON r.practice_id = p.practice_id"))
                .as("every patient under a practice").isEqualTo(400);
        assertThat(count("SELECT COUNT(DISTINCT practice_id) FROM patient")).isEqualTo(2);
        // the billing practitioner renders under the patient's practice: practitioners never span both (a nurse
        // named as billing practitioner, INELIGIBLE_BILLING_PRACTITIONER, is never billed)
        assertThat(count("SELECT COUNT(*) FROM (SELECT p.billing_practitioner_id FROM patient p JOIN care_team_member m"
                + " ON m.member_id = p.billing_practitioner_id WHERE m.credential IN " + PRACTITIONERS
                + " GROUP BY p.billing_practitioner_id HAVING COUNT(DISTINCT p.practice_id) > 1) x")).isZero();
        assertThat(count("SELECT COUNT(*) FROM patient p JOIN practice r ON r.practice_id = p.practice_id"
                + " WHERE p.address_line1 IS NOT NULL AND p.city IS NOT NULL AND p.state = r.state"
                + " AND LENGTH(p.postal_code) IN (5, 9)")).isBetween(392, 398);
        assertThat(count("SELECT COUNT(*) FROM patient WHERE address_line1 IS NULL AND city IS NULL AND state IS NULL"
                + " AND postal_code IS NULL")).as("no address on purpose").isBetween(2, 8);
        assertThat(count("SELECT COUNT(*) FROM care_team_member WHERE (npi IS NULL) <> (taxonomy IS NULL)")).isZero();
        assertThat(count("SELECT COUNT(*) FROM care_team_member WHERE taxonomy IS NOT NULL")).isPositive();
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (InputFile file : InputFile.values()) {
            tables.put(file.table(), jdbc.queryForList(
                    "SELECT * FROM " + file.table() + " ORDER BY " + String.join(", ", file.keyColumns())));
        }
        return tables;
    }
}
