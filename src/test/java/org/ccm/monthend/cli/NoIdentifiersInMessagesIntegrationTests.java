package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Console, log and exit messages name the file, the table and the kind of failure, never a patient: an import
 * and a close over data built to fail (a patient row the database refuses, a claim already in the table so the
 * close's insert violates the primary key), with every id, MBI, name and birth date grepped for in everything
 * printed and logged (the log goes to the captured console) and in the exit messages of the job repository.
 */
class NoIdentifiersInMessagesIntegrationTests {

    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");
    private static final String URL = "jdbc:h2:mem:no-identifiers;DB_CLOSE_DELAY=-1";
    /** Synthetic, and unlike anything else printed: patient ids, MBIs, names, the birth date. */
    private static final List<String> IDENTIFIERS = List.of("PZZ900", "1EG4TE5MK7", "Quillonmae", "Zarkovitz", "1931-07-19");

    @TempDir
    Path in;

    @TempDir
    Path out;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void aFailedImportAndCloseNameTheTableAndTheKindOfFailureButNoPatient() throws IOException {
        writePracticeWithSyntheticPatients();

        assertThat(run("import", "--from", in.toString())).isEqualTo(ExitCodes.OK);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "sa", ""));
        // a claim for the first patient already there under another id: the close's insert violates the primary key
        jdbc.update("""
                INSERT INTO claim (claim_id, patient_id, service_month, revision, job_execution_id, family, billing_npi,
                                   date_of_service, minutes_counted, charge_amount, expected_payment, rule_set)
                VALUES ('OLD-CLAIM', 'PZZ9001', '2026-10', 1, 0, 'NON_COMPLEX', '1234567893', DATE '2026-10-31', 20, 1, 1, 'x')""");

        assertThat(run("close", "--month", "2026-10")).isEqualTo(ExitCodes.FAILED);
        long execution = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(run("show", String.valueOf(execution))).isEqualTo(ExitCodes.OK);
        assertThat(run("history")).isEqualTo(ExitCodes.OK);

        List<String> exitMessages = new ArrayList<>(jdbc.queryForList("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION", String.class));
        exitMessages.addAll(jdbc.queryForList("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION", String.class));
        String everything = console.out() + "\n" + console.err() + "\n" + String.join("\n", exitMessages);
        for (String identifier : IDENTIFIERS) {
            assertThat(everything).as("printed, logged or recorded: " + identifier).doesNotContain(identifier);
        }
        // what an operator needs is still there: the table and the kind of failure
        assertThat(console.err()).contains("error: close execution " + execution + " ended FAILED")
                .contains("DuplicateKeyException").contains("table claim");
        assertThat(jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, execution))
                .startsWith("cause: ").contains("table claim");
    }

    /** The October 2026 practice with patient ids PZZ9001.., names and a birth date no other text contains, and one row too long. */
    private void writePracticeWithSyntheticPatients() throws IOException {
        try (var files = Files.list(PRACTICE)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file).replaceAll("\\bQ(\\d)\\b", "PZZ900$1")
                        .replace(",Test,", ",Quillonmae,").replace("1950-01-01", "1931-07-19");
                if (file.getFileName().toString().equals("patients.csv")) {
                    text = text.replaceAll(",Quillonmae,(\\w+),", ",Quillonmae,Zarkovitz$1,")
                            // a last name longer than the column: the database refuses the row
                            + "PZZ9099,1EG4TE5MK70,Quillonmae," + "Zarkovitz".repeat(40)
                            + ",1931-07-19,F,M1,2026-01-01,WRITTEN,2025-12-01,2026-01-05,11\n";
                }
                Files.writeString(in.resolve(file.getFileName()), text);
            }
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + URL);
        all.add("--ccm.output-dir=" + out);
        return Cli.run(all.toArray(String[]::new));
    }
}
