package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A database connection killed in the middle of the decide step: the close resumes by itself and bills nobody twice. */
@SpringBootTest(properties = {"ccm.close.chunk-size=3", "ccm.close.retry-backoff=100ms"})
@ActiveProfiles("mysql")
@Import({FixedClock.class, MonthCloseTransientFailureMysqlIntegrationTests.KillConnection.class})
@DirtiesContext
class MonthCloseTransientFailureMysqlIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static String url;

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        url = MariaDbServer.useNewDatabase(registry, "close_transient");
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aConnectionKilledMidStepIsRetriedFromTheCheckpoint() throws Exception {
        MonthCloseData.load(jdbc);
        RecordedProgress progress = new RecordedProgress();

        CloseOutcome outcome = launcher.close(OCTOBER, 1, progress);

        assertThat(outcome.exitCode()).as(progress.said.toString()).isEqualTo(ExitCodes.OK);
        assertThat(progress.said).anySatisfy(line -> assertThat(line).startsWith("retrying").endsWith("retry 1 of 3"));
        var instance = jobRepository.getJobInstance("monthClose", MonthCloseLauncher.parameters(OCTOBER, 1));
        List<JobExecution> executions = jobRepository.getJobExecutions(instance);
        assertThat(executions).extracting(JobExecution::getStatus)
                .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
        JobExecution failed = executions.stream().filter(e -> e.getStatus() == BatchStatus.FAILED).findFirst().orElseThrow();
        // the cause stays in the history for the operator
        assertThat(failed.getExitStatus().getExitDescription()).startsWith("cause: ")
                .containsIgnoringCase("Can not read response from server");
        assertThat(CloseTestSupport.rows(out.resolve("2026-10").resolve("claims.csv")).stream().skip(1).map(r -> r.get(0) + "/" + r.get(1)))
                .containsExactly("CCM-202610-P001/1", "CCM-202610-P002/1", "CCM-202610-P002/2", "CCM-202610-P003/1",
                        "CCM-202610-P003/2", "CCM-202610-P004/1", "CCM-202610-P004/2");
        assertThat(CloseTestSupport.rows(out.resolve("2026-10").resolve("evidence.csv"))).hasSize(14);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isEqualTo(4);
    }

    /** Kills the chunk transaction's own connection on the server, once, before the second chunk is written. */
    @TestConfiguration(proxyBeanMethods = false)
    static class KillConnection implements DecideStepListener, ItemWriteListener<Decision> {

        private final AtomicInteger writes = new AtomicInteger();
        private final JdbcTemplate jdbc;

        KillConnection(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void beforeWrite(Chunk<? extends Decision> items) {
            if (writes.incrementAndGet() != 2) {
                return;
            }
            Long connectionId = jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
            try (Connection admin = DriverManager.getConnection(url, MariaDbServer.user(), "")) {
                admin.createStatement().execute("KILL CONNECTION " + connectionId);
            }
            catch (Exception ex) {
                throw new IllegalStateException("could not kill the connection", ex);
            }
        }
    }
}
