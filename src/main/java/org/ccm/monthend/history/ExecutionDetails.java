package org.ccm.monthend.history;

import org.ccm.monthend.close.MonthCloseNames;
import org.ccm.monthend.core.Checksums;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ccm.monthend.core.UsageException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * One execution in detail, as an auditor asks for it: its parameters, every step with its counters and
 * exit message, the rule set it decided with, where it published, and whether each published file is
 * still the one the summary recorded (its SHA-256 is computed again).
 */
@Component
public class ExecutionDetails {

    static final String RULE_SET_ID = MonthCloseNames.RULE_SET_ID;
    static final String RULE_SET_SHA256 = MonthCloseNames.RULE_SET_SHA256;

    private final JobRepository jobRepository;
    private final JobHistory history;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ExecutionDetails(JobRepository jobRepository, JobHistory history, JdbcTemplate jdbc, Clock clock) {
        this.jobRepository = jobRepository;
        this.history = history;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Prints execution {@code id}; a file that no longer matches its checksum is shown as CHANGED or MISSING. */
    public void print(long id, PrintStream out) throws IOException {
        JobExecution execution = execution(id);
        if (execution == null) {
            throw new UsageException("no job execution " + id + " (see 'history')");
        }
        String job = execution.getJobInstance().getJobName();
        out.printf(Locale.ROOT, "Execution %d of %s (job instance %d)%n", execution.getId(), job, execution.getJobInstanceId());
        out.printf(Locale.ROOT, "  status    %s (exit code %s)%n", execution.getStatus(), execution.getExitStatus().getExitCode());
        out.printf(Locale.ROOT, "  started   %s%n", time(execution.getStartTime()));
        out.printf(Locale.ROOT, "  ended     %s%s%n", time(execution.getEndTime()), execution.getStartTime() == null ? ""
                : "  (" + JobHistory.duration(Duration.between(execution.getStartTime(),
                        execution.getEndTime() == null ? LocalDateTime.now(clock) : execution.getEndTime()))
                        + (execution.getEndTime() == null ? " so far" : "") + ")");
        String failure = firstLine(execution.getExitStatus().getExitDescription());
        if (!failure.isEmpty()) {
            out.printf(Locale.ROOT, "  message   %s%n", failure);
        }
        List<JobExecution> all = jobRepository.getJobExecutions(execution.getJobInstance());
        if (all.size() > 1) {
            out.printf(Locale.ROOT, "  instance  executions %s (this one is %s)%n",
                    all.stream().map(JobExecution::getId).sorted().map(String::valueOf).toList(),
                    all.stream().mapToLong(JobExecution::getId).max().orElse(id) == id ? "the latest" : "not the latest");
        }

        out.println();
        out.println("Parameters");
        execution.getJobParameters().parameters().stream().sorted(Comparator.comparing(JobParameter::name))
                .forEach(p -> out.printf(Locale.ROOT, "  %-10s %s%s%n", p.name(), p.value(), p.identifying() ? "  (identifying)" : ""));

        out.println();
        out.println("Steps");
        String format = "  %-22s %-10s %8s %8s %7s %7s %9s  %s%n";
        out.printf(Locale.ROOT, format, "STEP", "STATUS", "READ", "WRITE", "FILTER", "COMMIT", "ROLLBACK", "EXIT");
        List<StepExecution> steps = execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)).toList();
        for (StepExecution step : steps) {
            out.printf(Locale.ROOT, format, step.getStepName(), step.getStatus(), step.getReadCount(), step.getWriteCount(),
                    step.getFilterCount(), step.getCommitCount(), step.getRollbackCount(), step.getExitStatus().getExitCode());
            String message = firstLine(step.getExitStatus().getExitDescription());
            if (!message.isEmpty()) {
                out.printf(Locale.ROOT, "  %-22s %s%n", "", message);
            }
        }
        if (steps.isEmpty()) {
            out.println("  (none ran)");
        }

        ExecutionContext context = execution.getExecutionContext();
        if (context.containsKey(RULE_SET_ID) || context.containsKey(RULE_SET_SHA256)) {
            out.println();
            out.println("Rule set");
            out.printf(Locale.ROOT, "  id        %s%n", context.containsKey(RULE_SET_ID) ? context.getString(RULE_SET_ID) : "-");
            out.printf(Locale.ROOT, "  sha256    %s%n", context.containsKey(RULE_SET_SHA256) ? context.getString(RULE_SET_SHA256) : "-");
        }

        out.println();
        Path published = history.publishedPath(execution);
        if (published == null) {
            out.println("Published: nothing (this execution did not publish" + (execution.isRunning() ? " yet)" : ")"));
            return;
        }
        out.printf(Locale.ROOT, "Published %s%n", published);
        boolean preview = JobHistory.PREVIEW_JOB.equals(job);
        Path summaryFile = published.resolve(preview ? Summaries.PREVIEW_SUMMARY : Summaries.CLOSE_SUMMARY);
        if (!preview) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT service_month, revision, summary_sha256 FROM month_close WHERE job_execution_id = ?", execution.getId());
            if (rows.isEmpty()) {
                out.println("  month_close  no row for this execution");
            }
            else {
                String recorded = String.valueOf(rows.get(0).get("SUMMARY_SHA256"));
                out.printf(Locale.ROOT, "  month_close  %s revision %s, summary.json sha256 %s  %s%n", rows.get(0).get("SERVICE_MONTH"),
                        rows.get(0).get("REVISION"), recorded, state(summaryFile, recorded, -1));
            }
        }
        JsonNode summary = Summaries.read(summaryFile);
        if (summary == null) {
            out.printf(Locale.ROOT, "  %s is missing or unreadable%n", summaryFile.getFileName());
            return;
        }
        out.printf(Locale.ROOT, "  %-21s %-64s %12s  %s%n", "FILE", "SHA-256 (as recorded)", "BYTES", "NOW");
        for (Map.Entry<String, Summaries.Recorded> file : Summaries.files(summary).entrySet()) {
            Summaries.Recorded recorded = file.getValue();
            out.printf(Locale.ROOT, "  %-21s %-64s %12d  %s%n", file.getKey(), recorded.sha256(), recorded.bytes(),
                    state(published.resolve(file.getKey()), recorded.sha256(), recorded.bytes()));
        }
        if (!preview) {
            out.println("  (verify --month " + execution.getJobParameters().getString("month") + " --revision "
                    + execution.getJobParameters().getLong("revision") + " also reconciles the files with each other and the claims)");
        }
    }

    /** The execution, or null. Batch 6.0 throws instead of returning null for an id it does not know. */
    private JobExecution execution(long id) {
        try {
            return jobRepository.getJobExecution(id);
        }
        catch (EmptyResultDataAccessException unknown) {
            return null;
        }
    }

    /** OK when the file is there with the recorded checksum (and size, when recorded), else CHANGED or MISSING. */
    static String state(Path file, String sha256, long bytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "MISSING";
        }
        if (bytes >= 0 && Files.size(file) != bytes) {
            return "CHANGED (size " + Files.size(file) + ")";
        }
        String now = Checksums.sha256(file);
        return now.equals(sha256) ? "OK" : "CHANGED (sha256 now " + now + ")";
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }

    private static String time(LocalDateTime time) {
        return time == null ? "-" : JobHistory.TIME.format(time);
    }
}
