package org.ccm.monthend.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.forecast.ClosedMonth;
import org.ccm.monthend.forecast.ClosedMonths;
import org.ccm.monthend.history.ExportVerifier;
import org.ccm.monthend.history.JobHistory;
import org.ccm.monthend.history.VerifyReport;
import org.ccm.monthend.history.TestPractice;
import org.ccm.monthend.mysql.MariaDbServer;
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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations commands on a real MySQL-protocol server (MariaDB): the scheduler_fire migration and its
 * duplicate key between two instances, then history, verify and the closed months over what the close wrote.
 */
@SpringBootTest(properties = "ccm.scheduler.zone=America/New_York")
@ActiveProfiles("mysql")
@Import(TestPractice.Clocks.class)
@DirtiesContext
class SchedulerMysqlIntegrationTests {

    private static final Instant NY_0230 = Instant.parse("2026-11-03T07:30:00Z");
    private static final Instant NY_0300 = Instant.parse("2026-11-03T08:00:00Z");

    @TempDir
    static Path out;

    static String url;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        url = MariaDbServer.useNewDatabase(registry, "operations");
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthEndScheduler scheduler;

    @Autowired
    TestPractice.MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobHistory history;

    @Autowired
    ExportVerifier verifier;

    @Autowired
    ClosedMonths closedMonths;

    @Test
    void closesOnceAcrossTwoInstancesThenHistoryVerifyAndForecastReadIt() {
        TestPractice.loadOctober2026(jdbc);
        scheduler.startFrom(NY_0230);
        clock.set(NY_0300);
        assertThat(scheduler.tick(NY_0300)).extracting(Fired::outcome, Fired::exitCode)
                .containsExactly(tuple(Outcome.RAN, ExitCodes.OK));

        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CcmMonthEndApplication.class, TestPractice.Clocks.class)
                .run("--spring.profiles.active=mysql", "--spring.datasource.url=" + url, "--spring.datasource.username=" + MariaDbServer.user(),
                        "--spring.datasource.password=", "--ccm.output-dir=" + out, "--ccm.scheduler.zone=America/New_York")) {
            MonthEndScheduler second = other.getBean(MonthEndScheduler.class);
            second.startFrom(NY_0230);
            assertThat(second.tick(NY_0300)).extracting(Fired::outcome).containsExactly(Outcome.CLAIMED_ELSEWHERE);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT fire_time FROM scheduler_fire WHERE schedule_name = 'close'", LocalDateTime.class))
                .isEqualTo(LocalDateTime.parse("2026-11-03T08:00:00"));

        assertThat(history.runs(YearMonth.of(2026, 10), 5)).singleElement().satisfies(run -> {
            assertThat(run.read()).isEqualTo(8);
            assertThat(run.billed()).isEqualTo(4);
            assertThat(run.entries()).isEqualTo(13);
        });
        VerifyReport report = verifier.verify(YearMonth.of(2026, 10), null);
        assertThat(report.exitCode()).as(report.toString()).isEqualTo(ExitCodes.OK);
        assertThat(closedMonths.latest(12)).containsExactly(new ClosedMonth(YearMonth.of(2026, 10), 1, 4, new BigDecimal("565.14")));
    }
}
