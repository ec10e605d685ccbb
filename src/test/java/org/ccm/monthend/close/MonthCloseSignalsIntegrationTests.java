package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.ChildProcess;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code close} as a child JVM on the embedded H2 file database, stopped with SIGTERM at several moments (issue 11:
 * the database used to be closed by H2's own shutdown hook under the stopping close, which left the execution
 * STARTED and once made the month impossible to close). Each stop must end STOPPED with exit 1 and the next close
 * must resume to the files of an uninterrupted close; a SIGTERM after the close completed exits 0; a second
 * process on the same database exits 4 and does nothing.
 */
class MonthCloseSignalsIntegrationTests {

    private static final int PATIENTS = 6_000;
    private static final String CHUNK = "--ccm.close.chunk-size=20";

    @TempDir
    static Path work;

    static Path practice;
    static Path reference;

    @BeforeAll
    static void practiceAndAnUninterruptedClose() throws Exception {
        practice = work.resolve("practice");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CcmMonthEndApplication.class)
                .run("--spring.datasource.url=" + url(practice))) {
            SyntheticPractice.load(context.getBean(JdbcTemplate.class), PATIENTS);
        }
        Path db = copyOfPractice("reference");
        reference = work.resolve("reference-out");
        ChildProcess close = Child.start(db, reference, "close", "--month", "2026-10", CHUNK);
        assertThat(close.waitFor()).as(close.output()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aSigtermInTheFirstChunkEndsStoppedAndTheNextCloseResumes() throws Exception {
        // the range's staging part exists once the reader and writer are open: the first chunk is being decided
        stopAndResume("first-chunk", out -> Files.exists(rangePart(out)));
    }

    @Test
    void aSigtermMidRangeEndsStoppedAndTheNextCloseResumes() throws Exception {
        long half = Files.size(reference.resolve("2026-10").resolve("evidence.csv")) / 2;
        stopAndResume("mid-range", out -> size(rangeDir(out).resolve("evidence.unsorted.csv")) > half);
    }

    @Test
    void aSigtermWhilePublishingMovesNothingIntoPlaceOrFinishes() throws Exception {
        Path db = copyOfPractice("publish");
        Path out = work.resolve("publish-out");
        ChildProcess first = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
        // the publish step writes the month's files into the staging directory before it moves it into place
        awaitThen(first, () -> Files.exists(out.resolve(".staging").resolve("2026-10-revision-1").resolve("claims.csv")));
        first.process().destroy(); // SIGTERM
        int exit = first.waitFor();
        // either the stop came before the move (STOPPED, nothing published) or after it (the close completed)
        if (exit == ExitCodes.FAILED) {
            assertThat(status(db)).as(first.output()).isEqualTo("STOPPED");
            assertThat(out.resolve("2026-10")).as("nothing half-published").doesNotExist();
            ChildProcess again = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
            assertThat(again.waitFor()).as(again.output()).isEqualTo(ExitCodes.OK);
        }
        else {
            assertThat(exit).as(first.output()).isEqualTo(ExitCodes.OK);
            assertThat(status(db)).isEqualTo("COMPLETED");
        }
        assertSameFiles(out.resolve("2026-10"));
    }

    @Test
    void aSigtermAfterTheCloseCompletedExitsZero() throws Exception {
        Path db = copyOfPractice("after");
        Path out = work.resolve("after-out");
        ChildProcess first = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
        awaitThen(first, () -> first.output().contains("Closed: execution"));
        first.process().destroy(); // SIGTERM while the command finishes
        assertThat(first.waitFor()).as(first.output()).isEqualTo(ExitCodes.OK);
        assertThat(status(db)).isEqualTo("COMPLETED");
        assertSameFiles(out.resolve("2026-10"));
    }

    @Test
    void aSecondProcessOnTheEmbeddedDatabaseExitsFourAndDoesNothing() throws Exception {
        Path db = copyOfPractice("second");
        Path out = work.resolve("second-out");
        // another process has the database open: here this test, as a running close would
        try (Connection held = DriverManager.getConnection(url(db), "sa", "")) {
            ChildProcess refused = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
            assertThat(refused.waitFor()).as(refused.output()).isEqualTo(ExitCodes.IN_PROGRESS);
            assertThat(lastLine(refused.output())).isEqualTo("error: the embedded database is open in another process: "
                    + "another close of 2026-10 is in progress; nothing was done");
            assertThat(new JdbcTemplate(new SingleConnectionDataSource(held, true))
                    .queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isZero();
        }
        ChildProcess close = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
        assertThat(close.waitFor()).as(close.output()).isEqualTo(ExitCodes.OK);
        assertSameFiles(out.resolve("2026-10"));
    }

    private void stopAndResume(String name, Predicate<Path> moment) throws Exception {
        Path db = copyOfPractice(name);
        Path out = work.resolve(name + "-out");
        ChildProcess first = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
        awaitThen(first, () -> moment.test(out));
        first.process().destroy(); // SIGTERM
        assertThat(first.waitFor()).as(first.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(first.output()).contains("ended STOPPED").doesNotContain("Database is already closed");
        assertThat(status(db)).as(first.output()).isEqualTo("STOPPED");
        assertThat(out.resolve("2026-10")).doesNotExist();

        ChildProcess again = Child.start(db, out, "close", "--month", "2026-10", CHUNK);
        assertThat(again.waitFor()).as(again.output()).isEqualTo(ExitCodes.OK);
        assertThat(again.output()).contains("Resuming execution");
        assertSameFiles(out.resolve("2026-10"));
        assertThat(statuses(db)).containsExactly("STOPPED", "COMPLETED");
    }

    private static Path rangeDir(Path out) {
        return out.resolve(".staging").resolve("2026-10-revision-1.range-0");
    }

    private static Path rangePart(Path out) {
        return rangeDir(out).resolve("claims.csv");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (IOException ex) {
            return 0;
        }
    }

    private static void assertSameFiles(Path actual) throws IOException {
        Path expected = reference.resolve("2026-10");
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(Files.readAllBytes(actual.resolve(file))).as(file).isEqualTo(Files.readAllBytes(expected.resolve(file)));
        }
        assertThat(summaryWithoutExecutionId(actual)).isEqualTo(summaryWithoutExecutionId(expected));
    }

    private static ObjectNode summaryWithoutExecutionId(Path dir) {
        ObjectNode summary = (ObjectNode) JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
        summary.remove("job_execution_id");
        return summary;
    }

    private static String status(Path db) throws Exception {
        List<String> all = statuses(db);
        return all.get(all.size() - 1);
    }

    private static List<String> statuses(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection(url(db), "sa", "")) {
            return new JdbcTemplate(new SingleConnectionDataSource(connection, true))
                    .queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class);
        }
    }

    /** Waits (polling every 5 ms) for {@code moment}; the child must still be running. */
    private static void awaitThen(ChildProcess child, Check moment) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (moment.holds()) {
                return;
            }
            assertThat(child.process().isAlive()).as("close ended before the moment: " + child.output()).isTrue();
            Thread.sleep(5);
        }
        throw new AssertionError("the moment never came: " + child.output());
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private static Path copyOfPractice(String name) throws IOException {
        Path copy = work.resolve(name);
        FileSystemUtils.copyRecursively(practice, copy);
        return copy;
    }

    private static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("ccm").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The product's main class in a child JVM on the H2 file database {@code db}. */
    private static final class Child {

        static ChildProcess start(Path db, Path out, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(args));
            command.add("--spring.datasource.url=" + url(db));
            return ChildProcess.start(work, out, Map.of(), command);
        }
    }
}
