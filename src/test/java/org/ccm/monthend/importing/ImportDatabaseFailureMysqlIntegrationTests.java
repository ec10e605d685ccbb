package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a real MySQL-protocol server, a lock wait timeout (error 1205: another transaction holds a row the import
 * updates) fails the import instead of rejecting the row, and the import run again loads everything.
 */
@SpringBootTest
@Import(FixedClock.class)
class ImportDatabaseFailureMysqlIntegrationTests {

    @TempDir
    static Path out;

    private static String url;

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        url = MariaDbServer.useNewDatabase(registry, "import_failure");
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    CsvImporter importer;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @TempDir
    Path dir;

    @Test
    void aLockWaitTimeoutFailsTheImportAndRejectsNoGoodRow() throws Exception {
        write("care_team.csv", "member_id,name,credential,npi", "M1,Ann Smith,MD,1234567893", "M2,Bob Jones,RN,");
        write("patients.csv", "patient_id,mbi,billing_practitioner_id,consent_date", "P1,1EG4TE5MK73,M1,2026-01-05");
        write("time_entries.csv", CsvImporterIntegrationTests.ENTRIES_HEADER,
                "E1,P1,M2,2026-10-05T10:00,15.00,PHONE_CALL,CCM",
                "E2,P1,M2,2026-10-06T10:00,20.00,PHONE_CALL,CCM",
                "E3,P1,M2,2026-10-07T10:00,25.00,PHONE_CALL,CCM");
        assertThat(importer.importFrom(dir).rejected()).isZero();
        // the same importer, but waiting one second for a locked row instead of InnoDB's default 50
        DriverManagerDataSource impatient = new DriverManagerDataSource(
                url + "&sessionVariables=innodb_lock_wait_timeout=1", MariaDbServer.user(), "");
        CsvImporter waitingOneSecond = new CsvImporter(impatient, Dialect.MYSQL, clock, out, CsvImporter.BATCH_SIZE);

        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            try (ResultSet locked = statement.executeQuery("SELECT * FROM time_entry WHERE entry_id = 'E2' FOR UPDATE")) {
                assertThat(locked.next()).isTrue();
            }

            assertThatThrownBy(() -> waitingOneSecond.importFrom(dir)).isInstanceOf(ImportFailedException.class)
                    .hasMessageContaining("time_entries.csv").hasMessageContaining("error 1205")
                    .hasMessageContaining("run the same import again");
            other.rollback();
        }
        assertThat(rejectLines()).as("no good row was rejected for the database's failure").isEmpty();

        ImportReport again = waitingOneSecond.importFrom(dir);
        assertThat(again.rejected()).isZero();
        assertThat(again.imported()).isEqualTo(6);
    }

    /** Every rejects.csv line of every import so far, headers left out. */
    private static List<String> rejectLines() throws IOException {
        try (Stream<Path> imports = Files.list(out.resolve("imports"))) {
            return imports.map(i -> i.resolve("rejects.csv")).filter(Files::exists).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().skip(1);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }).toList();
        }
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
