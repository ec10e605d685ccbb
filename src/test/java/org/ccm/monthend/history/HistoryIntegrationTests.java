package org.ccm.monthend.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.cli.Cli;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.preview.PreviewLauncher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** history, show and verify on a real close of the October 2026 practice (TestPractice), and on exports tampered with afterwards. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:history-it;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=3"})
@Import(TestPractice.Clocks.class)
@DirtiesContext
class HistoryIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final String DB_URL = "--spring.datasource.url=jdbc:h2:mem:history-it;DB_CLOSE_DELAY=-1";

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher closeLauncher;

    @Autowired
    PreviewLauncher previewLauncher;

    @Autowired
    JobHistory history;

    @Autowired
    ExecutionDetails details;

    @Autowired
    ExportVerifier verifier;

    @Autowired
    TestPractice.MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    private static long closeExecution;
    private static long previewExecution;

    @BeforeEach
    void closeOctoberOnce() throws Exception {
        if (closeExecution != 0) {
            return;
        }
        TestPractice.loadOctober2026(jdbc);
        clock.set(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(closeLauncher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        closeExecution = jdbc.queryForObject("SELECT job_execution_id FROM month_close WHERE service_month = '2026-10'", Long.class);
        clock.set(Instant.parse("2026-11-28T13:00:00Z"));
        assertThat(previewLauncher.preview(YearMonth.of(2026, 11)).exitCode()).isEqualTo(ExitCodes.OK);
        previewExecution = jdbc.queryForObject("""
                SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'monthPreview'""", Long.class);
    }

    @Test
    void historyListsTheCloseWithItsCountsAndThePreviewNewestFirst() {
        List<JobHistory.Run> all = history.runs(null, 20);
        assertThat(all).extracting(JobHistory.Run::executionId).containsExactly(previewExecution, closeExecution);

        JobHistory.Run close = all.get(1);
        assertThat(close.job()).isEqualTo("monthClose");
        assertThat(close.month()).isEqualTo("2026-10");
        assertThat(close.revision()).isEqualTo(1L);
        assertThat(close.status()).isEqualTo("COMPLETED");
        // P001..P008 read; P001-P004 billed; P005-P008 excepted; 13 October entries (P009's September one is not)
        assertThat(close.read()).isEqualTo(8);
        assertThat(close.billed()).isEqualTo(4);
        assertThat(close.excepted()).isEqualTo(4);
        assertThat(close.entries()).isEqualTo(13);
        assertThat(close.published()).isEqualTo(out.resolve("2026-10").toAbsolutePath().normalize());

        JobHistory.Run preview = all.get(0);
        assertThat(preview.job()).isEqualTo("monthPreview");
        assertThat(preview.month()).isEqualTo("2026-11");
        assertThat(preview.billed()).isNull();

        // the month filter and the limit are applied in the query
        assertThat(history.runs(OCTOBER, 20)).extracting(JobHistory.Run::executionId).containsExactly(closeExecution);
        assertThat(history.runs(YearMonth.of(2026, 9), 20)).isEmpty();
        assertThat(history.runs(null, 1)).extracting(JobHistory.Run::executionId).containsExactly(previewExecution);

        assertThat(command("history", "--month", "2026-10").out()).containsPattern(
                "(?m)^" + closeExecution + "\\s+close\\s+2026-10\\s+1\\s+COMPLETED\\s+\\S+ \\S+\\s+\\d+:\\d\\d:\\d\\d\\s+8\\s+4\\s+4\\s+13$");
    }

    @Test
    void showGivesParametersStepCountsRuleSetAndTheStateOfEachFile() throws Exception {
        String shown = show(closeExecution);
        assertThat(shown).contains("Execution " + closeExecution + " of monthClose");
        assertThat(shown).containsPattern("month\\s+2026-10\\s+\\(identifying\\)").containsPattern("revision\\s+1\\s+\\(identifying\\)");
        // 8 patient-months in chunks of 3, 3 and 2
        assertThat(shown).containsPattern("decidePatientMonths\\s+COMPLETED\\s+8\\s+8\\s+0\\s+3\\s+0\\s+COMPLETED");
        assertThat(shown).containsPattern("prepareClose\\s+COMPLETED").containsPattern("publishExport\\s+COMPLETED");
        assertThat(shown).containsPattern("id\\s+ccm-2026")
                .contains(Checksums.sha256(Path.of("config/rules/ccm-2026.yml")));
        Path dir = out.resolve("2026-10").toAbsolutePath().normalize();
        assertThat(shown).contains("Published " + dir);
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(shown).containsPattern(file + "\\s+" + Checksums.sha256(dir.resolve(file)) + "\\s+"
                    + Files.size(dir.resolve(file)) + "\\s+OK");
        }
        assertThat(shown).containsPattern("month_close\\s+2026-10 revision 1, summary.json sha256 \\w{64}\\s+OK");

        Path claims = dir.resolve("claims.csv");
        byte[] original = Files.readAllBytes(claims);
        try {
            Files.write(claims, changeOneByte(original, "25.00", 1));
            assertThat(show(closeExecution)).containsPattern("claims.csv\\s+\\w{64}\\s+\\d+\\s+CHANGED")
                    .containsPattern("evidence.csv\\s+\\w{64}\\s+\\d+\\s+OK");
        }
        finally {
            Files.write(claims, original);
        }

        String preview = show(previewExecution);
        assertThat(preview).contains("of monthPreview").containsPattern("previewPatientMonths\\s+COMPLETED")
                .containsPattern("preview.csv\\s+\\w{64}\\s+\\d+\\s+OK");
    }

    @Test
    void verifyPassesOnTheUntouchedExport() {
        Ran verify = command("verify", "--month", "2026-10");
        assertThat(verify.exit()).isEqualTo(ExitCodes.OK);
        String report = verify.out();
        assertThat(report).doesNotContain("FAIL");
        assertThat(report).contains("OK    evidence rows = summary entries.read: evidence.csv 13, summary 13");
        // 13 entries: E0102 (face to face), E0203 (scheduler), E0502 (RPM) are not counted
        assertThat(report).contains("OK    counted + not counted = read: evidence.csv 10 + 3 = 13; summary 10 + 3 = 13");
        assertThat(report).contains("OK    each claim's minutes_counted = sum of its evidence minutes: 4 claims");
        assertThat(report).contains("OK    patient-months = billed + excepted: files 4 claims + 4 exceptions = 8; summary 4 + 4 = 8");
        assertThat(report).contains("OK    claim rows in the database = claims.csv: database 4 claims / 7 lines, claims.csv 4 claims");
        assertThat(report).contains("All 11 checks passed.");
    }

    @Test
    void verifyFailsWhenOneByteOfClaimsCsvChanged() throws Exception {
        Path claims = out.resolve("2026-10").resolve("claims.csv");
        byte[] original = Files.readAllBytes(claims);
        try {
            // P001's minutes_counted 25.00 -> 26.00: one byte
            Files.write(claims, changeOneByte(original, "25.00", 1));
            Ran verify = command("verify", "--month", "2026-10", "--revision", "1");
            assertThat(verify.exit()).isEqualTo(ExitCodes.FAILED);
            String report = verify.out();
            assertThat(report).contains("FAIL  claims.csv SHA-256 and size = summary.json");
            assertThat(report).contains("OK    evidence.csv SHA-256 and size = summary.json");
            assertThat(report).contains("FAIL  each claim's minutes_counted = sum of its evidence minutes: 1 of 4 claims differ; "
                    + "CCM-202610-P001 claims 26.00, evidence sums to 25.00");
            assertThat(report).contains("FAIL  claim rows in the database = claims.csv").contains("CCM-202610-P001 line 1: minutes_counted differs");
        }
        finally {
            Files.write(claims, original);
        }
    }

    @Test
    void verifyFailsOnAnEvidenceMinuteEvenWhenEveryChecksumWasRewrittenToMatch() throws Exception {
        Path dir = out.resolve("2026-10");
        Path evidence = dir.resolve("evidence.csv");
        Path summary = dir.resolve("summary.json");
        byte[] originalEvidence = Files.readAllBytes(evidence);
        byte[] originalSummary = Files.readAllBytes(summary);
        String recordedSha = jdbc.queryForObject("SELECT summary_sha256 FROM month_close WHERE service_month = '2026-10'", String.class);
        try {
            // E0101 (P001, on claim CCM-202610-P001) 25.00 -> 26.00, and a forger's new checksums everywhere
            String tampered = Files.readString(evidence).replace("E0101,P001,CCM-202610-P001,STAFF,,25.00", "E0101,P001,CCM-202610-P001,STAFF,,26.00");
            assertThat(tampered).isNotEqualTo(Files.readString(evidence));
            Files.writeString(evidence, tampered);
            JsonMapper json = JsonMapper.builder().build();
            ObjectNode node = (ObjectNode) json.readTree(summary.toFile());
            ObjectNode file = (ObjectNode) node.get("files").get("evidence.csv");
            file.put("sha256", Checksums.sha256(evidence));
            file.put("bytes", Files.size(evidence));
            Files.writeString(summary, json.writeValueAsString(node));
            jdbc.update("UPDATE month_close SET summary_sha256 = ? WHERE service_month = '2026-10'", Checksums.sha256(summary));

            Ran verify = command("verify", "--month", "2026-10", "--revision", "1");
            assertThat(verify.exit()).isEqualTo(ExitCodes.FAILED);
            String report = verify.out();
            assertThat(report.lines().filter(line -> line.startsWith("  FAIL")).toList()).containsExactly(
                    "  FAIL  each claim's minutes_counted = sum of its evidence minutes: 1 of 4 claims differ; "
                            + "CCM-202610-P001 claims 25.00, evidence sums to 26.00");
            assertThat(report).contains("OK    evidence.csv SHA-256 and size = summary.json")
                    .contains("OK    summary.json SHA-256 = month_close.summary_sha256").contains("1 of 11 checks FAILED.");
        }
        finally {
            Files.write(evidence, originalEvidence);
            Files.write(summary, originalSummary);
            jdbc.update("UPDATE month_close SET summary_sha256 = ? WHERE service_month = '2026-10'", recordedSha);
        }
    }

    @Test
    void verifyOfAMonthWithoutPublishedExportExitsTwo() {
        assertThat(verifier.verify(YearMonth.of(2026, 9), null).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(verifier.verify(OCTOBER, 2).exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void theCommandsRunFromTheCommandLine() {
        String output = "--ccm.output-dir=" + out;
        assertThat(Cli.run("verify", "--month", "2026-10", DB_URL, output)).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run("verify", "--month", "2026-09", DB_URL, output)).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("history", "--month", "2026-10", DB_URL, output)).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run("show", String.valueOf(closeExecution), DB_URL, output)).isEqualTo(ExitCodes.OK);
        assertThat(Cli.run("show", "999999", DB_URL, output)).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run("history", "--month", "2026-13")).isEqualTo(ExitCodes.USAGE);
    }

    private String show(long id) {
        Ran show = command("show", String.valueOf(id));
        assertThat(show.exit()).isEqualTo(ExitCodes.OK);
        return show.out();
    }

    /** What a command printed on stdout, and its exit code. */
    record Ran(int exit, String out) {
    }

    /** Runs a command as an operator would, on this test's database and output directory. */
    static Ran command(String... args) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of(args));
            all.add(DB_URL);
            all.add("--ccm.output-dir=" + out);
            int exit = Cli.run(all.toArray(String[]::new));
            return new Ran(exit, text.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(original);
        }
    }

    /** {@code bytes} with the byte at {@code offset} inside the first occurrence of {@code marker} raised by one. */
    private static byte[] changeOneByte(byte[] bytes, String marker, int offset) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        byte[] changed = bytes.clone();
        changed[at + offset]++;
        return changed;
    }

}
