package org.ccm.monthend.close;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.core.NamedLock;
import org.ccm.monthend.core.NoSpaceLeftException;
import org.ccm.monthend.export.ExportFiles;
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
 * Starts, resumes or refuses a month close and answers with a {@link CloseOutcome}; what it does meanwhile
 * goes to a {@link CloseProgress}. The command line, the scheduler (and a web page) share it.
 * A close of a month that failed, was stopped or died is resumed where it stopped; a completed one is
 * refused (3); one that another process is running is refused (4).
 */
@Component
public class MonthCloseLauncher {

    private static final Logger log = LoggerFactory.getLogger(MonthCloseLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job monthCloseJob;
    private final NamedLock lock;
    private final RuleSetCatalog catalog;
    private final CcmProperties.Close settings;
    private final Path outputDir;
    private final GracefulStop gracefulStop;
    private final Clock clock;
    private final AuditTrail audit;

    MonthCloseLauncher(JobOperator jobOperator, JobRepository jobRepository, Job monthCloseJob, NamedLock lock,
            RuleSetCatalog catalog, CcmProperties properties, GracefulStop gracefulStop, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.monthCloseJob = monthCloseJob;
        this.lock = lock;
        this.catalog = catalog;
        this.settings = properties.close();
        this.outputDir = properties.outputDir();
        this.gracefulStop = gracefulStop;
        this.clock = clock;
    }

    /** Closes {@code month} as {@code revision}, saying what it does to {@code progress}. A bad request throws {@link UsageException}. */
    public CloseOutcome close(YearMonth month, int revision, CloseProgress progress) throws Exception {
        return close(month, revision, progress, null, null);
    }

    /**
     * As {@link #close(YearMonth, int, CloseProgress)}, and puts CLOSE_STARTED on the audit log with {@code actor} and
     * {@code channel} when an execution starts or resumes (not when the month is closed already or being closed);
     * {@code actor} null records nothing.
     */
    public CloseOutcome close(YearMonth month, int revision, CloseProgress progress, String actor, String channel) throws Exception {
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
        requireWritableOutputDirectory();
        JobParameters parameters = parameters(month, revision);
        Optional<AutoCloseable> held = lock.tryAcquire("ccm-month-end:close:" + month);
        if (held.isEmpty()) {
            return new CloseOutcome.InProgress(month, revision);
        }
        try (AutoCloseable monthLock = held.get(); GracefulStop.Run run = gracefulStop.watch()) {
            JobInstance instance = jobRepository.getJobInstance(MonthCloseNames.JOB, parameters);
            JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
            JobExecution execution;
            if (last == null) {
                progress.starting(month, revision);
                started(actor, channel, month, "revision " + revision);
                execution = jobOperator.start(monthCloseJob, parameters);
            }
            else if (last.getStatus() == BatchStatus.COMPLETED) {
                return new CloseOutcome.AlreadyClosed(month, revision, last.getId(), nextRevision(month));
            }
            else if (last.getStatus() == BatchStatus.ABANDONED) {
                return new CloseOutcome.Abandoned(month, revision, last.getId(), nextRevision(month));
            }
            else {
                started(actor, channel, month, "revision " + revision + ", resumes execution " + last.getId());
                execution = resume(last, progress);
            }
            execution = retryTransientFailures(recordCause(execution), progress);
            return outcome(month, revision, execution);
        }
        catch (JobInstanceAlreadyCompleteException ex) {
            return new CloseOutcome.AlreadyClosed(month, revision, null, nextRevision(month));
        }
    }

    private void started(String actor, String channel, YearMonth month, String reason) {
        if (actor != null) {
            audit.record(AuditEntry.of(actor, channel, AuditAction.CLOSE_STARTED, "month", month.toString(), month.toString(), reason));
        }
    }

    /**
     * An output directory the close cannot write to is a setting to fix, said before anything is recorded: otherwise
     * the close would decide the whole month and fail at its first file.
     */
    private void requireWritableOutputDirectory() {
        Path dir = outputDir;
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
        }
        catch (IOException | SecurityException ex) {
            throw new UsageException("cannot write to the output directory " + dir + " (setting ccm.output-dir): "
                    + FailureText.of(ex));
        }
    }

    /** Restarts a failed or stopped close (or recovers one whose process died) by execution id. */
    public CloseOutcome restart(long executionId, CloseProgress progress) throws Exception {
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
        return close(month, revision, progress);
    }

    private JobExecution resume(JobExecution last, CloseProgress progress) throws Exception {
        if (last.isRunning()) {
            // We hold the month's lock, so no live process runs this execution: its JVM died (kill -9, power loss).
            progress.recovering(last.getId(), last.getStatus().name());
            last = jobOperator.recover(last);
        }
        progress.resuming(last.getId(), last.getStatus().name());
        return jobOperator.restart(restartable(last));
    }

    /**
     * A close that failed on a transient database error (a dropped connection, a deadlock) is resumed
     * from its checkpoint a bounded number of times; what is committed is never redone.
     */
    private JobExecution retryTransientFailures(JobExecution execution, CloseProgress progress) throws Exception {
        long backoff = settings.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.transientRetries() && isTransientFailure(execution); attempt++) {
            String cause = FailureText.of(failures(execution).get(0));
            log.warn("Close execution {} failed on a transient database error ({}); resuming it in {} ms, retry {} of {}",
                    execution.getId(), cause, backoff, attempt, settings.transientRetries());
            progress.retrying(execution.getId(), cause, attempt, settings.transientRetries());
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
     * started it is what an operator needs. Spring Batch writes the stack trace of a failure into the exit
     * messages of the step and the job, and a driver's message quotes the row it refused (patient ids):
     * those are replaced by the failure said without data ({@link FailureText}).
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
        for (StepExecution step : execution.getStepExecutions()) {
            if (!step.getFailureExceptions().isEmpty()) {
                step.setExitStatus(new ExitStatus(step.getExitStatus().getExitCode(), FailureText.of(step.getFailureExceptions().get(0))));
                jobRepository.update(step);
            }
        }
        execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), "cause: " + FailureText.of(failure)));
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

    private CloseOutcome outcome(YearMonth month, int revision, JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            String path = execution.getExecutionContext().containsKey(MonthCloseNames.PUBLISHED_PATH)
                    ? execution.getExecutionContext().getString(MonthCloseNames.PUBLISHED_PATH) : "?";
            return new CloseOutcome.Closed(month, revision, execution.getId(), path);
        }
        Throwable failure = failures(execution).stream().findFirst().orElse(null);
        String cause = failure == null ? execution.getExitStatus().getExitDescription() : FailureText.of(failure);
        if (failure != null && NoSpaceLeftException.isNoSpace(failure) && !cause.contains(" writing ")) {
            // a chunk's lines are written to the range's staging parts as it commits (Spring Batch's writer names no file)
            cause = "no space left on device writing the staging files under "
                    + ExportFiles.stagingDir(outputDir, month, revision).getParent() + "; free space there and run it again";
        }
        return new CloseOutcome.Failed(month, revision, execution.getId(), execution.getStatus().name(), cause);
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
