package org.ccm.monthend.close;

import java.io.PrintStream;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.ccm.monthend.rules.RuleSetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;

/**
 * Starts, resumes or refuses a month close, and turns the outcome into the contract's exit codes.
 * A close of a month that failed, was stopped or died is resumed where it stopped; a completed one is
 * refused (3); one that another process is running is refused (4).
 */
@Component
public class MonthCloseLauncher {

    private static final Logger log = LoggerFactory.getLogger(MonthCloseLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job monthCloseJob;
    private final MonthLock lock;
    private final RuleSetCatalog catalog;
    private final CcmProperties.Close settings;
    private final GracefulStop gracefulStop;
    private final Clock clock;

    MonthCloseLauncher(JobOperator jobOperator, JobRepository jobRepository, Job monthCloseJob, MonthLock lock,
            RuleSetCatalog catalog, CcmProperties properties, GracefulStop gracefulStop, Clock clock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.monthCloseJob = monthCloseJob;
        this.lock = lock;
        this.catalog = catalog;
        this.settings = properties.close();
        this.gracefulStop = gracefulStop;
        this.clock = clock;
    }

    /** Closes {@code month} as {@code revision}; messages go to {@code out} / {@code err}; returns the exit code. */
    public int close(YearMonth month, int revision, PrintStream out, PrintStream err) throws Exception {
        if (revision < 1) {
            throw new UsageException("--revision must be 1 or more, got " + revision);
        }
        LocalDate today = LocalDate.now(clock);
        if (!month.isBefore(YearMonth.from(today))) {
            throw new UsageException("month " + month + " has not ended (today is " + today + "); close it from "
                    + month.plusMonths(1).atDay(1) + ", or use 'preview --month " + month + "' for a month in progress");
        }
        try {
            catalog.forMonth(month);
        }
        catch (RuleSetException ex) {
            throw new UsageException(ex.getMessage());
        }
        JobParameters parameters = parameters(month, revision);
        Optional<AutoCloseable> held = lock.tryAcquire(month);
        if (held.isEmpty()) {
            err.println("error: another close of " + month + " is in progress (lock held by a live process); nothing was done");
            return ExitCodes.IN_PROGRESS;
        }
        try (AutoCloseable monthLock = held.get(); GracefulStop.Run run = gracefulStop.watch("close of " + month)) {
            JobInstance instance = jobRepository.getJobInstance(MonthCloseNames.JOB, parameters);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            JobExecution execution;
            if (last == null) {
                out.println("Closing " + month + " (revision " + revision + ")");
                execution = jobOperator.start(monthCloseJob, parameters);
            }
            else if (last.getStatus() == BatchStatus.COMPLETED) {
                err.println(alreadyClosed(month, revision, last));
                return ExitCodes.ALREADY_CLOSED;
            }
            else if (last.getStatus() == BatchStatus.ABANDONED) {
                err.println("error: close of " + month + " revision " + revision + " was abandoned (execution " + last.getId()
                        + "); close a new revision: close --month " + month + " --revision " + nextRevision(month));
                return ExitCodes.USAGE;
            }
            else {
                execution = resume(last, out);
            }
            execution = retryTransientFailures(recordCause(execution), err);
            int exit = report(execution, out, err);
            run.finished(exit);
            return exit;
        }
        catch (JobInstanceAlreadyCompleteException ex) {
            err.println("error: month " + month + " revision " + revision + " is already closed");
            return ExitCodes.ALREADY_CLOSED;
        }
    }

    /** Restarts a failed or stopped close (or recovers one whose process died) by execution id. */
    public int restart(long executionId, PrintStream out, PrintStream err) throws Exception {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        }
        catch (EmptyResultDataAccessException ex) {
            execution = null; // Batch 6.0 throws for an unknown id instead of returning null
        }
        if (execution == null || !MonthCloseNames.JOB.equals(execution.getJobInstance().getJobName())) {
            throw new UsageException("no month close execution " + executionId + " (see 'history')");
        }
        YearMonth month = YearMonth.parse(execution.getJobParameters().getString(MonthCloseNames.MONTH));
        int revision = execution.getJobParameters().getLong(MonthCloseNames.REVISION).intValue();
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        if (last != null && last.getId() != executionId) {
            throw new UsageException("execution " + executionId + " is not the latest of " + month + " revision " + revision
                    + " (that is " + last.getId() + ")");
        }
        return close(month, revision, out, err);
    }

    private JobExecution resume(JobExecution last, PrintStream out) throws Exception {
        if (last.isRunning()) {
            // We hold the month's lock, so no live process runs this execution: its JVM died (kill -9, power loss).
            out.println("Execution " + last.getId() + " was left " + last.getStatus() + " by a process that is gone; recovering it");
            last = jobOperator.recover(last);
        }
        out.println("Resuming execution " + last.getId() + " (" + last.getStatus() + ") where it stopped");
        return jobOperator.restart(restartable(last));
    }

    /**
     * A close that failed on a transient database error (a dropped connection, a deadlock) is resumed
     * from its checkpoint a bounded number of times; what is committed is never redone.
     */
    private JobExecution retryTransientFailures(JobExecution execution, PrintStream err) throws Exception {
        long backoff = settings.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.transientRetries() && isTransientFailure(execution); attempt++) {
            Throwable cause = failures(execution).get(0);
            log.warn("Close execution {} failed on a transient database error ({}); resuming it in {} ms, retry {} of {}",
                    execution.getId(), rootMessage(cause), backoff, attempt, settings.transientRetries());
            err.println("warning: transient database error in execution " + execution.getId() + " (" + rootMessage(cause)
                    + "); resuming, retry " + attempt + " of " + settings.transientRetries());
            Thread.sleep(backoff);
            backoff *= 2;
            execution = recordCause(jobOperator.restart(restartable(jobRepository.getJobExecution(execution.getId()))));
        }
        return execution;
    }

    /**
     * Spring Batch refuses to restart an execution left UNKNOWN (a rollback that failed, typically on a
     * dropped connection). For this job a restart is safe: the chunk's claim rows and its checkpoint
     * commit in one transaction, and the staging files are cut back to the checkpoint on restart.
     */
    private JobExecution restartable(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.UNKNOWN) {
            return execution;
        }
        for (var step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(step.getExitStatus().addExitDescription(
                        "ccm-month-end: UNKNOWN after a failed rollback, resumed from the last committed checkpoint"));
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        jobRepository.update(execution);
        return execution;
    }

    static boolean isTransientFailure(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.UNKNOWN) {
            return false;
        }
        return failures(execution).stream().anyMatch(MonthCloseLauncher::isTransient);
    }

    /**
     * Puts the real cause of a failed run first in the execution's exit message, where {@code history} and
     * {@code show} read it. When a connection drops, the rollback fails too and Spring Batch records only
     * "JDBC rollback failed" (with a stack trace that fills the 2,500 characters kept); the error that
     * started it is what an operator needs.
     */
    private JobExecution recordCause(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED || failures(execution).isEmpty()) {
            return execution;
        }
        Throwable failure = failures(execution).get(0);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransactionSystemException tx && tx.getApplicationException() != null) {
                failure = tx.getApplicationException();
                break;
            }
        }
        String description = "cause: " + rootMessage(failure);
        String previous = execution.getExitStatus().getExitDescription();
        execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
                previous == null || previous.isEmpty() ? description : description + "; " + previous));
        jobRepository.update(execution);
        return execution;
    }

    private static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotGetJdbcConnectionException) {
                return true;
            }
            // a dropped connection also fails the rollback; the error that started it is kept aside
            if (cause instanceof TransactionSystemException tx && tx.getApplicationException() != null
                    && isTransient(tx.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + firstLine(String.valueOf(root.getMessage()));
    }

    private int report(JobExecution execution, PrintStream out, PrintStream err) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            String path = execution.getExecutionContext().containsKey(MonthCloseNames.PUBLISHED_PATH)
                    ? execution.getExecutionContext().getString(MonthCloseNames.PUBLISHED_PATH) : "?";
            out.println("Closed: execution " + execution.getId() + ", files in " + path);
            return ExitCodes.OK;
        }
        String cause = failures(execution).stream().findFirst()
                .map(MonthCloseLauncher::rootMessage).orElse(execution.getExitStatus().getExitDescription());
        err.println("error: close execution " + execution.getId() + " ended " + execution.getStatus()
                + (cause == null || cause.isBlank() ? "" : " (" + firstLine(cause) + ")")
                + "; run the same close again, or 'restart " + execution.getId() + "', to finish it");
        return ExitCodes.FAILED;
    }

    private String alreadyClosed(YearMonth month, int revision, JobExecution last) {
        return "error: " + month + " is already closed (revision " + revision + ", execution " + last.getId()
                + "). To re-close on purpose, close a new revision, which bills only patient-months no revision has billed: "
                + "close --month " + month + " --revision " + nextRevision(month);
    }

    private int nextRevision(YearMonth month) {
        int next = 2;
        for (JobInstance instance : jobRepository.findJobInstances(MonthCloseNames.JOB)) {
            JobExecution execution = jobRepository.getLastJobExecution(instance);
            if (execution != null && month.toString().equals(execution.getJobParameters().getString(MonthCloseNames.MONTH))) {
                next = Math.max(next, execution.getJobParameters().getLong(MonthCloseNames.REVISION).intValue() + 1);
            }
        }
        return next;
    }

    static JobParameters parameters(YearMonth month, int revision) {
        return new JobParametersBuilder()
                .addString(MonthCloseNames.MONTH, month.toString(), true)
                .addLong(MonthCloseNames.REVISION, (long) revision, true)
                .toJobParameters();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /**
     * The failures of a run, the patient ranges' own first: the decide step itself only reports that a range
     * failed ("Partition handler returned an unsuccessful step"), the range says why.
     */
    static List<Throwable> failures(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>();
        execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(MonthCloseNames.DECIDE_RANGE_STEP + ":"))
                .sorted(Comparator.comparing(StepExecution::getStepName))
                .forEach(step -> failures.addAll(step.getFailureExceptions()));
        for (Throwable failure : execution.getAllFailureExceptions()) {
            if (!failures.contains(failure)) {
                failures.add(failure);
            }
        }
        return failures;
    }
}
