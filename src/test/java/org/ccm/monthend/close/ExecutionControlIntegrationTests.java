package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.JobHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator's actions on executions as the console asks for them: a failed close restarted (on the record, then
 * COMPLETED), a running one stopped (no longer running in the repository, and on the record, in one transaction), and the
 * requests that must be refused; the executions list paged and filtered in SQL.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:execution-control;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=3"})
@Import({FixedClock.class, MonthCloseRestartIntegrationTests.FailSecondChunk.class})
@DirtiesContext
class ExecutionControlIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    ExecutionControl control;

    @Autowired
    JobHistory history;

    @Autowired
    AuditTrail audit;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MonthCloseRestartIntegrationTests.FailSecondChunk failure;

    @Test
    void aFailedCloseIsRestartedOnTheRecordAndTheListPagesAndFiltersInSql() throws Exception {
        MonthCloseData.load(jdbc);
        failure.armed.set(true);
        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.FAILED);
        failure.armed.set(false);
        JobInstance instance = jobRepository.getJobInstance(MonthCloseNames.JOB, MonthCloseLauncher.parameters(OCTOBER, 1));
        long failed = jobRepository.getLastJobExecution(instance).getId();

        JobHistory.Page failedOnly = history.page(new JobHistory.Filter(MonthCloseNames.JOB, "FAILED", OCTOBER), 0, 10);
        assertThat(failedOnly.total()).isEqualTo(1);
        assertThat(failedOnly.runs()).extracting(JobHistory.Run::executionId).containsExactly(failed);
        assertThat(ExecutionControl.restartable(failedOnly.runs().get(0).job(), failedOnly.runs().get(0).status())).isTrue();

        ExecutionControl.Answer answer = control.requestRestart(failed, "olga", AuditEntry.CONSOLE);
        assertThat(answer).isEqualTo(new ExecutionControl.Answer.Accepted("restart", OCTOBER, failed));
        control.awaitIdle(60);

        JobExecution resumed = jobRepository.getLastJobExecution(instance);
        assertThat(resumed.getId()).isNotEqualTo(failed);
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(out.resolve("2026-10").resolve("claims.csv")).exists();
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT actor, channel, action, target_type, target, service_month, outcome FROM audit_event WHERE action = 'EXECUTION_RESTARTED'");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("ACTOR", "olga").containsEntry("CHANNEL", "console").containsEntry("TARGET_TYPE", "execution")
                .containsEntry("TARGET", String.valueOf(failed)).containsEntry("SERVICE_MONTH", "2026-10").containsEntry("OUTCOME", "OK");

        // a completed or superseded execution is refused, and nothing goes on the record
        assertThat(control.requestRestart(resumed.getId(), "olga", AuditEntry.CONSOLE)).isInstanceOf(ExecutionControl.Answer.Refused.class);
        assertThat(control.requestRestart(failed, "olga", AuditEntry.CONSOLE)).isInstanceOfSatisfying(ExecutionControl.Answer.Refused.class,
                refused -> assertThat(refused.why()).contains("not the latest"));
        assertThat(control.requestRestart(999_999, "olga", AuditEntry.CONSOLE)).isInstanceOf(ExecutionControl.Answer.Refused.class);
        assertThat(control.stop(resumed.getId(), "olga", AuditEntry.CONSOLE)).isInstanceOf(ExecutionControl.Answer.Refused.class);
        assertThat(audit.count(null, AuditAction.EXECUTION_RESTARTED, "2026-10")).isEqualTo(1);
        assertThat(audit.count(null, AuditAction.EXECUTION_STOPPED, "2026-10")).isZero();

        // paging: newest first, two executions of October in all, one a page
        JobHistory.Page first = history.page(new JobHistory.Filter(null, null, OCTOBER), 0, 1);
        JobHistory.Page second = history.page(new JobHistory.Filter(null, null, OCTOBER), 1, 1);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.runs()).extracting(JobHistory.Run::executionId).containsExactly(resumed.getId());
        assertThat(first.hasNext()).isTrue();
        assertThat(second.runs()).extracting(JobHistory.Run::executionId).containsExactly(failed);
        assertThat(second.hasNext()).isFalse();
        assertThat(history.page(new JobHistory.Filter(JobHistory.PREVIEW_JOB, null, null), 0, 10).total()).isZero();
        assertThat(history.page(new JobHistory.Filter(null, null, YearMonth.of(2026, 9)), 0, 10).runs()).isEmpty();
    }

    @Test
    void aRunningExecutionIsAskedToStopOnTheRecord() throws Exception {
        // an execution STARTED in its decide step, as one running in another process is seen from here
        JobExecution running = jobRepository.createJobExecution(
                jobRepository.createJobInstance(MonthCloseNames.JOB, MonthCloseLauncher.parameters(YearMonth.of(2026, 8), 1)),
                MonthCloseLauncher.parameters(YearMonth.of(2026, 8), 1), new org.springframework.batch.infrastructure.item.ExecutionContext());
        running.setStatus(BatchStatus.STARTED);
        running.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(running);
        var step = jobRepository.createStepExecution(MonthCloseNames.DECIDE_STEP, running);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(step);

        ExecutionControl.Answer answer = control.stop(running.getId(), "olga", AuditEntry.CONSOLE);

        assertThat(answer).isEqualTo(new ExecutionControl.Answer.Accepted("stop", YearMonth.of(2026, 8), running.getId()));
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?", String.class, running.getId()))
                .as("Spring Batch's stop: STOPPING, or STOPPED at once when the step in this JVM's registry stops itself")
                .isIn("STOPPING", "STOPPED");
        assertThat(audit.page(null, AuditAction.EXECUTION_STOPPED, "2026-08", 0, 10)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("olga");
                    assertThat(entry.target()).isEqualTo(String.valueOf(running.getId()));
                });
        assertThat(control.stop(running.getId(), "olga", AuditEntry.CONSOLE)).as("STOPPING is not running any more")
                .isInstanceOf(ExecutionControl.Answer.Refused.class);
    }
}
