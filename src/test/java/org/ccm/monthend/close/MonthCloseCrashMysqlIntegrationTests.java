package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.ChildProcess;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code close} as a child JVM on MySQL, killed with SIGKILL after some chunks have committed, or
 * stopped with SIGTERM, then run again: the files must be those of a close that was never interrupted,
 * and a second process started while one runs must be refused.
 */
class MonthCloseCrashMysqlIntegrationTests {

    private static final int PATIENTS = 6_000;
    private static final String CHUNK = "--ccm.close.chunk-size=25";

    @TempDir
    static Path work;

    static Path reference;

    @BeforeAll
    static void closeOnceWithoutInterruption() throws Exception {
        String url = practice("crash_reference");
        reference = work.resolve("reference");
        ChildProcess close = Child.start(url, reference, "close", "--month", "2026-10", CHUNK);
        assertThat(close.waitFor()).as(close.output()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aCloseKilledWithSigkillIsRecoveredByTheNextCloseAndWritesTheSameFiles() throws Exception {
        String url = practice("crash_kill");
        Path out = work.resolve("killed");
        JdbcTemplate jdbc = jdbc(url);

        // a live process holding the month (here: this test, through the same database lock a close takes)
        try (var held = jdbc.getDataSource().getConnection()) {
            held.createStatement().execute("SELECT GET_LOCK('ccm-month-end:close:2026-10', 0)");
            ChildProcess refused = Child.start(url, out, "close", "--month", "2026-10", CHUNK);
            assertThat(refused.waitFor()).as(refused.output()).isEqualTo(ExitCodes.IN_PROGRESS);
            assertThat(refused.output()).contains("another close of 2026-10 is in progress");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isZero();

        ChildProcess first = Child.start(url, out, "close", "--month", "2026-10", CHUNK);
        awaitCommits(jdbc, first, 5);
        first.process().destroyForcibly(); // SIGKILL: no hook, no cleanup
        first.process().waitFor(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION", String.class)).isEqualTo("STARTED");
        assertThat(out.resolve("2026-10")).as("nothing half-written is published").doesNotExist();
        long committedClaims = jdbc.queryForObject("SELECT COUNT(*) FROM claim", Long.class);
        assertThat(committedClaims).isPositive();

        ChildProcess again = Child.start(url, out, "close", "--month", "2026-10", CHUNK);
        assertThat(again.waitFor()).as(again.output()).isEqualTo(ExitCodes.OK);
        assertThat(again.output()).contains("by a process that is gone; recovering it").contains("Resuming execution");
        assertSameFiles(out.resolve("2026-10"), reference.resolve("2026-10"));
        assertThat(jdbc.queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
                .containsExactly("FAILED", "COMPLETED");
    }

    /**
     * The two closes certainly overlap: this test locks the job repository's instance table, so the first close,
     * once it holds the month, waits at its first look at the job history while the second one starts.
     */
    @Test
    void twoClosesThatOverlapRunOnceAndTheSecondIsRefusedAsInProgress() throws Exception {
        String url = practice("crash_together");
        Path out = work.resolve("together");
        JdbcTemplate jdbc = jdbc(url);
        ChildProcess one;
        try (var holder = jdbc.getDataSource().getConnection(); var hold = holder.createStatement()) {
            hold.execute("LOCK TABLES BATCH_JOB_INSTANCE WRITE");
            one = Child.start(url, out, "close", "--month", "2026-10", CHUNK);
            awaitMonthLockHeld(jdbc, one);

            ChildProcess two = Child.start(url, out, "close", "--month", "2026-10", CHUNK);
            assertThat(two.waitFor()).as(two.output()).isEqualTo(ExitCodes.IN_PROGRESS);
            assertThat(two.output()).contains("another close of 2026-10 is in progress");
            assertThat(one.process().isAlive()).as(one.output()).isTrue();
            hold.execute("UNLOCK TABLES");
        }
        assertThat(one.waitFor()).as(one.output()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isEqualTo(1);
        assertSameFiles(out.resolve("2026-10"), reference.resolve("2026-10"));
    }

    @Test
    void aCloseStoppedWithSigtermEndsStoppedExits1AndResumes() throws Exception {
        String url = practice("crash_term");
        Path out = work.resolve("terminated");
        JdbcTemplate jdbc = jdbc(url);

        ChildProcess first = Child.start(url, out, "close", "--month", "2026-10", CHUNK);
        awaitCommits(jdbc, first, 5);
        first.process().destroy(); // SIGTERM
        assertThat(first.waitFor()).as(first.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION", String.class)).as(first.output()).isEqualTo("STOPPED");
        assertThat(out.resolve("2026-10")).doesNotExist();

        Long executionId = jdbc.queryForObject("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION", Long.class);
        ChildProcess restart = Child.start(url, out, "restart", String.valueOf(executionId), CHUNK);
        assertThat(restart.waitFor()).as(restart.output()).isEqualTo(ExitCodes.OK);
        assertSameFiles(out.resolve("2026-10"), reference.resolve("2026-10"));
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
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

    private static void awaitCommits(JdbcTemplate jdbc, ChildProcess child, int commits) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(child.process().isAlive()).as("close ended before it could be interrupted: " + child.output()).isTrue();
            // commits of the running ranges (decidePatientRange:range0, range1, ...)
            List<Long> counts = jdbc.queryForList("""
                    SELECT SUM(COMMIT_COUNT) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'decidePatientRange:%' AND STATUS = 'STARTED'""",
                    Long.class);
            if (!counts.isEmpty() && counts.get(0) != null && counts.get(0) >= commits) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no commits seen: " + child.output());
    }

    /** Waits until a close holds the month's lock (GET_LOCK, the lock a second close is refused on). */
    private static void awaitMonthLockHeld(JdbcTemplate jdbc, ChildProcess child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(child.process().isAlive()).as("close ended before it held the month: " + child.output()).isTrue();
            if (jdbc.queryForObject("SELECT IS_USED_LOCK('ccm-month-end:close:2026-10')", Long.class) != null) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the close never held the month: " + child.output());
    }

    /** A new database with the schema and the synthetic practice. */
    private static String practice(String name) {
        String url = MariaDbServer.newDatabase(name);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CcmMonthEndApplication.class)
                .run("--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + MariaDbServer.user(), "--spring.datasource.password=")) {
            SyntheticPractice.load(context.getBean(JdbcTemplate.class), PATIENTS);
        }
        return url;
    }

    private static JdbcTemplate jdbc(String url) {
        var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(url, MariaDbServer.user(), "");
        return new JdbcTemplate(dataSource);
    }

    /** The product's main class in a child JVM, with database credentials in the environment as in production. */
    private static final class Child {

        static ChildProcess start(String url, Path out, String... args) throws IOException {
            return ChildProcess.start(work, out, Map.of("SPRING_PROFILES_ACTIVE", "mysql", "CCM_DB_URL", url,
                    "CCM_DB_USER", MariaDbServer.user(), "CCM_DB_PASSWORD", ""), List.of(args));
        }
    }
}
