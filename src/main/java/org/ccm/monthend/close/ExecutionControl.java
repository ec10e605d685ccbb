package org.ccm.monthend.close;

import java.time.YearMonth;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.core.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator does to executions, each on the record ({@code audit_event}, with who and through which channel):
 * restart a failed or stopped close, stop a running close or preview. The command line runs a restart where it is
 * asked ({@link #restart}); the console asks for it and gets an answer at once ({@link #requestRestart}) while the
 * close runs on a thread of its own, one at a time, and is then seen in the history. (A first close of a month from
 * the console is {@code web/CloseStarter}'s.)
 */
@Component
public class ExecutionControl implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecutionControl.class);

    public static final String TARGET_EXECUTION = "execution";

    private final MonthCloseLauncher launcher;
    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final ExecutorService closes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "console-close");
        thread.setDaemon(true);
        return thread;
    });

    ExecutionControl(MonthCloseLauncher launcher, JobRepository jobRepository, JobOperator jobOperator, AuditTrail audit,
            PlatformTransactionManager transactions) {
        this.launcher = launcher;
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The answer to a request: accepted (what runs now) or refused, with why in words without patient data. */
    public sealed interface Answer {

        /** Accepted: {@code executionId} is the execution acted on (the one restarted or stopped; null for a new close). */
        record Accepted(String action, YearMonth month, Long executionId) implements Answer {
        }

        record Refused(String why) implements Answer {
        }
    }

    /** Whether an execution in {@code status} of {@code job} may be restarted: a close left FAILED, STOPPED or UNKNOWN. */
    public static boolean restartable(String job, String status) {
        return MonthCloseNames.JOB.equals(job) && ("FAILED".equals(status) || "STOPPED".equals(status) || "UNKNOWN".equals(status));
    }

    /** Whether an execution in {@code status} may be stopped. */
    public static boolean stoppable(String status) {
        return "STARTING".equals(status) || "STARTED".equals(status);
    }

    /** Restarts close execution {@code executionId} here and now, on the record as {@code actor}; the outcome of the run. */
    public CloseOutcome restart(long executionId, String actor, String channel, CloseProgress progress) throws Exception {
        JobExecution execution = execution(executionId);
        if (execution == null || !MonthCloseNames.JOB.equals(execution.getJobInstance().getJobName())) {
            throw new UsageException("no month close execution " + executionId + " (see 'history')");
        }
        // the launcher says what a completed, abandoned or superseded execution comes to (exit codes 3 and 2)
        record(actor, channel, AuditAction.EXECUTION_RESTARTED, execution, null);
        return launcher.restart(executionId, progress);
    }

    /** Checks that {@code executionId} can be restarted, records the request and restarts it on the close thread. */
    public Answer requestRestart(long executionId, String actor, String channel) {
        JobExecution execution;
        try {
            execution = restartableExecution(executionId);
        }
        catch (UsageException refused) {
            return new Answer.Refused(refused.getMessage());
        }
        YearMonth month = month(execution);
        record(actor, channel, AuditAction.EXECUTION_RESTARTED, execution, null);
        closes.execute(() -> run("restart of execution " + executionId, () -> launcher.restart(executionId, CloseProgress.NONE)));
        return new Answer.Accepted("restart", month, executionId);
    }

    /**
     * Asks running execution {@code executionId} to stop (Spring Batch's {@link JobOperator#stop}: it ends STOPPED at its
     * next chunk, restartable), in the same transaction as the record of who asked.
     */
    public Answer stop(long executionId, String actor, String channel) {
        JobExecution execution = execution(executionId);
        if (execution == null) {
            return new Answer.Refused("no job execution " + executionId);
        }
        if (!stoppable(execution.getStatus().name())) {
            return new Answer.Refused("execution " + executionId + " is " + execution.getStatus() + ", not running: nothing to stop");
        }
        try {
            transaction.executeWithoutResult(status -> {
                record(actor, channel, AuditAction.EXECUTION_STOPPED, execution, null);
                try {
                    jobOperator.stop(execution);
                }
                catch (JobExecutionNotRunningException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }
        catch (IllegalStateException ex) {
            if (ex.getCause() instanceof JobExecutionNotRunningException) {
                return new Answer.Refused("execution " + executionId + " has ended: nothing to stop");
            }
            throw ex;
        }
        return new Answer.Accepted("stop", month(execution), executionId);
    }

    private JobExecution restartableExecution(long executionId) {
        JobExecution execution = execution(executionId);
        if (execution == null || !MonthCloseNames.JOB.equals(execution.getJobInstance().getJobName())) {
            throw new UsageException("no month close execution " + executionId + " (see 'history')");
        }
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        if (last != null && last.getId() != executionId) {
            throw new UsageException("execution " + executionId + " is not the latest of its month and revision (that is "
                    + last.getId() + ")");
        }
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new UsageException("execution " + executionId + " completed: nothing to restart");
        }
        if (status == BatchStatus.ABANDONED) {
            throw new UsageException("execution " + executionId + " was abandoned: close the next revision instead");
        }
        return execution;
    }

    private void record(String actor, String channel, AuditAction action, JobExecution execution, String reason) {
        String month = execution.getJobParameters().getString(MonthCloseNames.MONTH);
        audit.record(AuditEntry.of(actor, channel, action, TARGET_EXECUTION, String.valueOf(execution.getId()), month, reason));
    }

    private JobExecution execution(long id) {
        try {
            return jobRepository.getJobExecution(id);
        }
        catch (EmptyResultDataAccessException unknown) {
            return null; // Batch 6.0 throws for an id it does not know
        }
    }

    private static YearMonth month(JobExecution execution) {
        String month = execution.getJobParameters().getString(MonthCloseNames.MONTH);
        return month == null ? null : YearMonth.parse(month);
    }

    private interface Close {
        CloseOutcome run() throws Exception;
    }

    private static void run(String what, Close close) {
        try {
            CloseOutcome outcome = close.run();
            log.info("Console {}: {}", what, outcome.getClass().getSimpleName());
        }
        catch (Exception ex) {
            log.warn("Console {} failed: {}", what, FailureText.of(ex));
        }
    }

    /** Waits up to {@code seconds} for the close thread to finish what it was asked (tests, shutdown). */
    public void awaitIdle(long seconds) throws Exception {
        closes.submit(() -> { }).get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        closes.shutdownNow();
    }
}
