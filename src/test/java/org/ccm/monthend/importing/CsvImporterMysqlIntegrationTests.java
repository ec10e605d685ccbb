package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.demo.DemoData;
import org.ccm.monthend.demo.DemoDataLoader;
import org.ccm.monthend.demo.DemoSpec;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The import and the demo data on a real MySQL-protocol server: the ON DUPLICATE KEY UPDATE upsert, batches, types. */
@SpringBootTest
@Import(FixedClock.class)
class CsvImporterMysqlIntegrationTests {


    static final DemoSpec SPEC = new DemoSpec(400, YearMonth.of(2026, 10), 42);

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDbServer.useNewDatabase(registry, "csv_import");
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    CsvImporter importer;

    @Autowired
    DemoDataLoader loader;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTables() {
        for (InputFile file : InputFile.values()) {
            jdbc.update("DELETE FROM " + file.table());
        }
    }

    @Test
    void detectsTheMysqlDialect() {
        assertThat(Dialect.of(dataSource)).isEqualTo(Dialect.MYSQL);
    }

    @Test
    void demoDataDirectAndThroughTheCsvFilesGiveTheSameRowsAndImportingTwiceChangesNothing(@TempDir Path csv)
            throws IOException {
        loader.load(SPEC); // empty tables: plain INSERTs
        Map<String, List<Map<String, Object>>> direct = tables();
        loader.load(SPEC); // now the upsert
        assertThat(tables()).isEqualTo(direct);

        emptyTables();
        DemoData.writeCsv(SPEC, csv);
        ImportReport first = importer.importFrom(csv);
        assertThat(first.rejected()).isZero();
        assertThat(tables()).isEqualTo(direct);

        ImportReport second = importer.importFrom(csv);
        assertThat(second.imported()).isEqualTo(first.imported());
        assertThat(tables()).isEqualTo(direct);
    }

    @Test
    void aChangedRowIsUpdatedAndBadRowsAreRejectedWithoutFailingTheBatch(@TempDir Path dir) throws IOException {
        write(dir, "care_team.csv", "member_id,name,credential,npi", "M1,Ann Smith,MD,1234567893", "M2,Bob Jones,RN,");
        write(dir, "patients.csv", "patient_id,mbi,billing_practitioner_id,consent_date", "P1,1EG4TE5MK73,M1,2026-01-05");
        write(dir, "other_services.csv", "patient_id,service_date,cpt,billing_npi", "P1,2026-10-03,99214,1234567893",
                "P1,2026-10-03,99214,1234567893");
        write(dir, "time_entries.csv", CsvImporterIntegrationTests.ENTRIES_HEADER,
                "E1,P1,M2,2026-10-05T10:00,15.00,PHONE_CALL,CCM",
                "E2,P1,M2,2026-10-05T11:00,15.00," + "X".repeat(41) + ",CCM",
                "E3,P1,M2,2026-10-06T10:00:30,7.25,,");
        importer.importFrom(dir);

        write(dir, "patients.csv", "patient_id,mbi,billing_practitioner_id,consent_date", "P1,1EG4TE5MK73,M2,2026-02-01");
        write(dir, "time_entries.csv", CsvImporterIntegrationTests.ENTRIES_HEADER,
                "E1,P1,M1,2026-10-05T10:00,25.50,CARE_PLAN_REVIEW,RPM");
        ImportReport again = importer.importFrom(dir);

        assertThat(again.rejected()).as("the repeated other service row is a duplicate in the file").isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT billing_practitioner_id, consent_date, place_of_service FROM patient"))
                .containsEntry("billing_practitioner_id", "M2")
                .containsEntry("consent_date", java.sql.Date.valueOf("2026-02-01"))
                .containsEntry("place_of_service", "11");
        assertThat(jdbc.queryForList("SELECT CONCAT(entry_id, ' ', member_id, ' ', minutes, ' ', program, ' ',"
                + " performed_at) FROM time_entry ORDER BY entry_id", String.class)).containsExactly(
                        "E1 M1 25.50 RPM 2026-10-05 10:00:00.000000", "E3 M2 7.25 CCM 2026-10-06 10:00:30.000000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM other_service", Integer.class)).isEqualTo(1);
    }

    @Test
    void practicesAndPatientAddressesAreImportedValidatedAndUpsertedOnMariaDb(@TempDir Path dir) throws IOException {
        write(dir, "practices.csv", CsvImporterIntegrationTests.PRACTICES_HEADER, CsvImporterIntegrationTests.PRACTICE_1,
                "PR2,Lakeside Clinic,1245319599,123456789,PO Box 4410,,Albany,NY,122031234,207Q00000X",
                "PR4,Lakeside Clinic,1245319599,1234567,9 Lake St,,Albany,NY,122031234,207Q00000X",
                CsvImporterIntegrationTests.PRACTICE_3);
        write(dir, "care_team.csv", "member_id,name,credential,npi,taxonomy", "M1,Ann Smith,MD,1234567893,207R00000X");
        write(dir, "patients.csv", CsvImporterIntegrationTests.ADDRESSED_PATIENTS_HEADER,
                "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11,PR1,1 Elm St,Apt 4B,"
                        + "Springfield,IL,62704-0042",
                "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,,PR2,2 Oak Ave,,"
                        + "Albany,NY,12203",
                "P3,1A00A00AA99,Jane,Doe,1940-05-06,F,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,,,,,,,");

        ImportReport first = importer.importFrom(dir);
        Map<String, List<Map<String, Object>>> tables = tables();
        ImportReport second = importer.importFrom(dir);

        assertThat(first.rejected()).isEqualTo(3);
        assertThat(second.rejected()).isEqualTo(3);
        assertThat(tables()).isEqualTo(tables);
        assertThat(jdbc.queryForList("SELECT CONCAT_WS('|', practice_id, name, npi, tin, address_line1,"
                + " COALESCE(address_line2, '-'), city, state, postal_code, taxonomy) FROM practice ORDER BY practice_id",
                String.class)).containsExactly(
                        "PR1|Prairie Family Medicine|1245319599|271234567|1200 Medical Center Dr|Suite 300|Springfield|IL"
                                + "|627041234|207Q00000X",
                        "PR3|Miami Valley Primary Care|1234567893|461234567|45 Wellness Way|-|Dayton|OH|454091234"
                                + "|261QP2300X");
        assertThat(jdbc.queryForList("SELECT CONCAT_WS('|', patient_id, COALESCE(practice_id, '-'),"
                + " COALESCE(address_line1, '-'), COALESCE(address_line2, '-'), COALESCE(city, '-'), COALESCE(state, '-'),"
                + " COALESCE(postal_code, '-')) FROM patient ORDER BY patient_id", String.class)).containsExactly(
                        "P1|PR1|1 Elm St|Apt 4B|Springfield|IL|627040042", "P3|-|-|-|-|-|-");
        assertThat(jdbc.queryForObject("SELECT taxonomy FROM care_team_member", String.class)).isEqualTo("207R00000X");
    }

    private static void write(Path dir, String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
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
