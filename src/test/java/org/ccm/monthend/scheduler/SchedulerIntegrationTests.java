package org.ccm.monthend.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.TestPractice;
import org.ccm.monthend.scheduler.MonthEndScheduler.Fired;
import org.ccm.monthend.scheduler.MonthEndScheduler.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduler in New York time with the default schedules (preview nightly at 02:00, close on the 3rd at
 * 03:00). On 2026-11-03 New York is on EST (UTC-5; DST ended on 1 November): 03:00 there is 08:00Z.
 * A second instance is a second application on the same database.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=" + SchedulerIntegrationTests.DB,
        "ccm.scheduler.zone=America/New_York"})
@Import(TestPractice.Clocks.class)
@DirtiesContext
class SchedulerIntegrationTests {

    static final String DB = "jdbc:h2:mem:scheduler-it;DB_CLOSE_DELAY=-1";

    private static final Instant NY_0230 = Instant.parse("2026-11-03T07:30:00Z");
    private static final Instant NY_0259 = Instant.parse("2026-11-03T07:59:59Z");
    private static final Instant NY_0300 = Instant.parse("2026-11-03T08:00:00Z");

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthEndScheduler scheduler;

    @Autowired
    TestPractice.MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void firesTheCloseOfTheMonthBeforeOnTheThirdAtThreeInItsZoneAndOnlyOnceAcrossInstances() throws Exception {
        TestPractice.loadOctober2026(jdbc);
        scheduler.startFrom(NY_0230);

        clock.set(NY_0259);
        assertThat(scheduler.tick(NY_0259)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM month_close")).isZero();
        assertThat(count("SELECT COUNT(*) FROM scheduler_fire")).isZero();

        clock.set(NY_0300);
        assertThat(scheduler.tick(NY_0300)).containsExactly(
                new Fired(MonthEndScheduler.CLOSE, NY_0300, YearMonth.of(2026, 10), Outcome.RAN, ExitCodes.OK));
        assertThat(jdbc.queryForList("SELECT service_month FROM month_close", String.class)).containsExactly("2026-10");
        assertThat(Files.exists(out.resolve("2026-10").resolve("claims.csv"))).isTrue();

        // a second instance on the same database, same schedules, same tick: the occurrence is already claimed
        try (ConfigurableApplicationContext other = secondInstance()) {
            MonthEndScheduler second = other.getBean(MonthEndScheduler.class);
            second.startFrom(NY_0230);
            assertThat(second.tick(NY_0300)).containsExactly(
                    new Fired(MonthEndScheduler.CLOSE, NY_0300, YearMonth.of(2026, 10), Outcome.CLAIMED_ELSEWHERE, null));
        }
        assertThat(count("SELECT COUNT(*) FROM month_close")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'monthClose'")).isEqualTo(1);
        assertThat(count("""
                SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME = 'monthClose'""")).isEqualTo(1);
        List<Map<String, Object>> fires = jdbc.queryForList("SELECT * FROM scheduler_fire");
        assertThat(fires).hasSize(1);
        assertThat(fires.get(0).get("SCHEDULE_NAME")).isEqualTo("close");
        // stored in UTC whatever the zone of the schedule
        assertThat(((Timestamp) fires.get(0).get("FIRE_TIME")).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-11-03T08:00:00"));
        assertThat(fires.get(0).get("TARGET_MONTH")).isEqualTo("2026-10");
        assertThat(fires.get(0).get("EXIT_CODE")).isEqualTo(0);
        assertThat(fires.get(0).get("FINISHED_AT")).isNotNull();
    }

    @Test
    void aCloseThatFindsTheMonthClosedIsRecordedAsExitThreeNotRetried() {
        // October was closed by the first test (same database) or is closed here
        if (count("SELECT COUNT(*) FROM month_close") == 0) {
            TestPractice.loadOctober2026(jdbc);
            scheduler.startFrom(NY_0230);
            clock.set(NY_0300);
            scheduler.tick(NY_0300);
        }
        jdbc.update("DELETE FROM scheduler_fire");
        scheduler.startFrom(NY_0230);
        clock.set(NY_0300);
        assertThat(scheduler.tick(NY_0300)).containsExactly(
                new Fired(MonthEndScheduler.CLOSE, NY_0300, YearMonth.of(2026, 10), Outcome.RAN, ExitCodes.ALREADY_CLOSED));
        assertThat(jdbc.queryForObject("SELECT exit_code FROM scheduler_fire", Integer.class)).isEqualTo(ExitCodes.ALREADY_CLOSED);
        assertThat(count("SELECT COUNT(*) FROM month_close")).isEqualTo(1);
        // the loop moved on: the same occurrence does not fire twice in one instance
        assertThat(scheduler.tick(Instant.parse("2026-11-03T08:05:00Z"))).isEmpty();
    }

    @Test
    void firesThePreviewOfTheCurrentMonthNightlyAtTwo() {
        Instant ny0200 = Instant.parse("2026-11-04T07:00:00Z");
        scheduler.startFrom(Instant.parse("2026-11-04T06:30:00Z"));
        clock.set(ny0200);
        assertThat(scheduler.tick(ny0200)).containsExactly(
                new Fired(MonthEndScheduler.PREVIEW, ny0200, YearMonth.of(2026, 11), Outcome.RAN, ExitCodes.OK));
        assertThat(out.resolve("previews").resolve("2026-11").resolve("20261104T070000Z").resolve("preview.csv")).exists();
        assertThat(count("SELECT COUNT(*) FROM scheduler_fire WHERE schedule_name = 'preview' AND exit_code = 0")).isEqualTo(1);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private static ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(CcmMonthEndApplication.class, TestPractice.Clocks.class)
                .run("--spring.datasource.url=" + DB, "--ccm.output-dir=" + out, "--ccm.scheduler.zone=America/New_York",
                        "--spring.main.banner-mode=off");
    }
}
