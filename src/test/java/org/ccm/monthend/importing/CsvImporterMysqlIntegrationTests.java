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
