package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;

import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json} on import, close, history, show and verify: stdout is one JSON document and nothing else (it
 * is parsed whole), the exit codes are those of the text mode, and the values are those of the database and
 * the files, counted and hashed here.
 */
class JsonOutputIntegrationTests {

    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");
    private static final String URL = "jdbc:h2:mem:json-output;DB_CLOSE_DELAY=-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path out;

    @Test
    void everyCommandAnswersWithOneJsonDocumentOfTheRealValues() throws Exception {
        long rows = 0;
        try (var files = Files.list(PRACTICE)) {
            for (Path file : files.toList()) {
                rows += Files.readAllLines(file).size() - 1;
            }
        }
        Ran imported = run("import", "--json", "--from", PRACTICE.toString());
        assertThat(imported.exit()).isEqualTo(ExitCodes.OK);
        assertThat(imported.json().at("/totals/rows_read").asLong()).isEqualTo(rows);
        assertThat(imported.json().at("/totals/imported").asLong()).isEqualTo(rows);
        assertThat(imported.json().at("/totals/rejected").asLong()).isZero();
        assertThat(imported.json().get("files")).hasSize(7);
        assertThat(imported.json().get("exit_code").asInt()).isZero();
        assertThat(Path.of(imported.json().get("report_directory").asString()).resolve("report.json")).exists();

        Ran closed = run("close", "--json", "--month", "2026-10");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "sa", ""));
        long execution = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(closed.exit()).isEqualTo(ExitCodes.OK);
        assertThat(closed.json().get("outcome").asString()).isEqualTo("closed");
        assertThat(closed.json().get("execution_id").asLong()).isEqualTo(execution);
        assertThat(closed.json().get("month").asString()).isEqualTo("2026-10");
        Path dir = Path.of(closed.json().get("path").asString());
        assertThat(dir).isEqualTo(out.resolve("2026-10").toAbsolutePath().normalize());
        // the progress line went to stderr
        assertThat(closed.err()).contains("Closing 2026-10 (revision 1)").contains("Closed: execution " + execution);

        Ran again = run("close", "--json", "--month", "2026-10");
        assertThat(again.exit()).isEqualTo(ExitCodes.ALREADY_CLOSED);
        assertThat(again.json().get("outcome").asString()).isEqualTo("already_closed");
        assertThat(again.json().get("execution_id").asLong()).isEqualTo(execution);
        assertThat(again.json().get("next_revision").asInt()).isEqualTo(2);
        assertThat(again.json().get("exit_code").asInt()).isEqualTo(ExitCodes.ALREADY_CLOSED);

        List<String> claims = Files.readAllLines(dir.resolve("claims.csv"));
        long claimIds = claims.stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).distinct().count();
        long exceptions = Files.readAllLines(dir.resolve("exceptions.csv")).size() - 1;
        long evidence = Files.readAllLines(dir.resolve("evidence.csv")).size() - 1;
        Ran history = run("history", "--json", "--month", "2026-10");
        assertThat(history.exit()).isEqualTo(ExitCodes.OK);
        assertThat(history.json().get("runs")).singleElement().satisfies(run -> {
            assertThat(run.get("execution_id").asLong()).isEqualTo(execution);
            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("billed").asLong()).isEqualTo(claimIds);
            assertThat(run.get("excepted").asLong()).isEqualTo(exceptions);
            assertThat(run.get("entries").asLong()).isEqualTo(evidence);
            assertThat(run.get("published").asString()).isEqualTo(dir.toString());
        });

        Ran show = run("show", "--json", String.valueOf(execution));
        assertThat(show.exit()).isEqualTo(ExitCodes.OK);
        assertThat(show.json().get("status").asString()).isEqualTo("COMPLETED");
        long decideRead = jdbc.queryForObject("SELECT READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = ?",
                Long.class, execution, "decidePatientMonths");
        assertThat(StreamSupport.stream(show.json().get("steps").spliterator(), false)
                .filter(step -> step.get("name").asString().equals("decidePatientMonths")))
                .singleElement().satisfies(step -> assertThat(step.get("read").asLong()).isEqualTo(decideRead).isEqualTo(claimIds + exceptions));
        assertThat(show.json().at("/rule_set/sha256").asString()).isEqualTo(sha256(Path.of("config/rules/ccm-2026.yml")));
        assertThat(show.json().at("/published/month_close/summary_sha256").asString()).isEqualTo(sha256(dir.resolve("summary.json")));
        assertThat(show.json().at("/published/files")).anySatisfy(file -> {
            assertThat(file.get("name").asString()).isEqualTo("claims.csv");
            assertThat(file.get("sha256").asString()).isEqualTo(sha256(dir.resolve("claims.csv")));
            assertThat(file.get("bytes").asLong()).isEqualTo(Files.size(dir.resolve("claims.csv")));
            assertThat(file.get("state").asString()).isEqualTo("OK");
        });

        Ran verified = run("verify", "--json", "--month", "2026-10");
        assertThat(verified.exit()).isEqualTo(ExitCodes.OK);
        assertThat(verified.json().get("ok").asBoolean()).isTrue();
        assertThat(verified.json().get("failed").asInt()).isZero();
        assertThat(verified.json().get("revisions")).singleElement().satisfies(revision -> {
            assertThat(revision.get("execution_id").asLong()).isEqualTo(execution);
            assertThat(revision.get("checks")).hasSize(verified.json().get("checks").asInt())
                    .allSatisfy(check -> assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue());
        });

        // one byte of claims.csv changed: the check fails, with the checksum the file has now
        Path claimsFile = dir.resolve("claims.csv");
        Files.writeString(claimsFile, Files.readString(claimsFile).replaceFirst("95\\.00", "96.00"));
        Ran tampered = run("verify", "--json", "--month", "2026-10", "--revision", "1");
        assertThat(tampered.exit()).isEqualTo(ExitCodes.FAILED);
        assertThat(tampered.json().get("ok").asBoolean()).isFalse();
        assertThat(tampered.json().at("/revisions/0/checks")).anySatisfy(check -> {
            assertThat(check.get("name").asString()).isEqualTo("claims.csv SHA-256 and size = summary.json");
            assertThat(check.get("ok").asBoolean()).isFalse();
            assertThat(check.get("detail").asString()).contains(sha256(claimsFile));
        });

        Ran nothing = run("verify", "--json", "--month", "2026-09");
        assertThat(nothing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.json().get("revisions")).isEmpty();
    }

    /** A command's exit code, its stdout parsed as one JSON document, and its stderr. */
    record Ran(int exit, JsonNode json, String err) {
    }

    private Ran run(String... args) {
        CommandRun ran = CommandRun.of(List.of("--spring.datasource.url=" + URL, "--ccm.output-dir=" + out), args);
        // the whole of stdout is the document: a stray line would not parse
        return new Ran(ran.exit(), JSON.readTree(ran.out()), ran.err());
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
