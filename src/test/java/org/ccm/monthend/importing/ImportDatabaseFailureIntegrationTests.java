package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.ccm.monthend.cli.CapturedConsole;
import org.ccm.monthend.cli.Cli;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database failure during an import (here a real lock wait timeout: another transaction holds a row the
 * import updates) is not the rows' fault: the import exits 1 and says to run it again, and rejects no good row.
 */
class ImportDatabaseFailureIntegrationTests {

    /** H2 waits this long for a locked row, then fails the statement with HYT00. */
    private static final String URL = "jdbc:h2:mem:import-db-failure;DB_CLOSE_DELAY=-1";

    @TempDir
    Path dir;

    @TempDir
    Path out;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void aLockWaitTimeoutFailsTheImportWithExitOneAndRejectsNoGoodRow() throws Exception {
        write("care_team.csv", "member_id,name,credential,npi", "M1,Ann Smith,MD,1234567893", "M2,Bob Jones,RN,");
        write("patients.csv", "patient_id,mbi,billing_practitioner_id,consent_date", "P1,1EG4TE5MK73,M1,2026-01-05");
        write("time_entries.csv", CsvImporterIntegrationTests.ENTRIES_HEADER,
                "E1,P1,M2,2026-10-05T10:00,15.00,PHONE_CALL,CCM",
                "E2,P1,M2,2026-10-06T10:00,20.00,PHONE_CALL,CCM",
                "E3,P1,M2,2026-10-07T10:00,25.00,PHONE_CALL,CCM");
        assertThat(importFrom()).as("the first import, nothing in the way").isEqualTo(ExitCodes.OK);

        try (Connection other = DriverManager.getConnection(URL, "sa", ""); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate("UPDATE time_entry SET minutes = minutes WHERE entry_id = 'E2'"); // holds E2's row lock

            int exit = importFrom();

            assertThat(exit).as("exit code; printed:%n%s%s", console.out(), console.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(console.err()).contains("time_entries.csv").contains("run the same import again")
                    .doesNotContain("E2,").doesNotContain("1EG4TE5MK73");
            other.rollback();
        }
        assertThat(rejectLines()).as("no good row was rejected for the database's failure").isEmpty();

        assertThat(importFrom()).as("run again, the import completes").isEqualTo(ExitCodes.OK);
        assertThat(rejectLines()).isEmpty();
    }

    /** One import with a short lock timeout, so a held row lock fails the statement within a second. */
    private int importFrom() {
        return Cli.run("import", "--from", dir.toString(), "--spring.datasource.url=" + URL + ";LOCK_TIMEOUT=300",
                "--ccm.output-dir=" + out);
    }

    /** Every rejects.csv line of every import so far, headers left out. */
    private List<String> rejectLines() throws IOException {
        try (Stream<Path> imports = Files.list(out.resolve("imports"))) {
            return imports.map(i -> i.resolve("rejects.csv")).filter(Files::exists)
                    .flatMap(f -> readLines(f).stream().skip(1)).toList();
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
