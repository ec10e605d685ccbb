package org.ccm.monthend.history;

import org.ccm.monthend.close.MonthCloseNames;
import org.ccm.monthend.core.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /** Execution {@code id} with the state of its published files now; an unknown id is a {@link UsageException}. */
    public ExecutionReport details(long id) throws IOException {
        return details(id, true);
    }

    /**
     * As {@link #details(long)}; with {@code checkFiles} false the published files are listed with what the summary
     * recorded, {@code UNCHECKED} (a page shows them at once and computes the checksums on request: at a large month they
     * are hundreds of megabytes). The summary itself is always checked against its month_close row.
     */
    public ExecutionReport details(long id, boolean checkFiles) throws IOException {
        JobExecution execution = execution(id);
        if (execution == null) {
            throw new UsageException("no job execution " + id + " (see 'history')");
        }
        String job = execution.getJobInstance().getJobName();
        Duration duration = execution.getStartTime() == null ? null : Duration.between(execution.getStartTime(),
                execution.getEndTime() == null ? LocalDateTime.now(clock) : execution.getEndTime());
        List<Long> all = jobRepository.getJobExecutions(execution.getJobInstance()).stream().map(JobExecution::getId).sorted().toList();
        List<ExecutionReport.Parameter> parameters = execution.getJobParameters().parameters().stream()
                .sorted(Comparator.comparing(JobParameter::name))
                .map(p -> new ExecutionReport.Parameter(p.name(), String.valueOf(p.value()), p.identifying())).toList();
        List<ExecutionReport.Step> steps = execution.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId))
                .map(step -> new ExecutionReport.Step(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
                        step.getFilterCount(), step.getCommitCount(), step.getRollbackCount(), step.getExitStatus().getExitCode(),
                        firstLine(step.getExitStatus().getExitDescription())))
                .toList();
        ExecutionContext context = execution.getExecutionContext();
        ExecutionReport.RuleSet ruleSet = context.containsKey(RULE_SET_ID) || context.containsKey(RULE_SET_SHA256)
                ? new ExecutionReport.RuleSet(context.containsKey(RULE_SET_ID) ? context.getString(RULE_SET_ID) : null,
                        context.containsKey(RULE_SET_SHA256) ? context.getString(RULE_SET_SHA256) : null)
                : null;
        return new ExecutionReport(execution.getId(), job, execution.getJobInstanceId(), execution.getStatus().name(),
                execution.getExitStatus().getExitCode(), execution.getStartTime(), execution.getEndTime(), duration, execution.isRunning(),
                firstLine(execution.getExitStatus().getExitDescription()), all, all.isEmpty() || all.get(all.size() - 1) == id,
                parameters, steps, ruleSet, publication(execution, checkFiles));
    }

    private ExecutionReport.Publication publication(JobExecution execution, boolean checkFiles) throws IOException {
        Path published = history.publishedPath(execution);
        if (published == null) {
            return null;
        }
        boolean preview = JobHistory.PREVIEW_JOB.equals(execution.getJobInstance().getJobName());
        Path summaryFile = published.resolve(preview ? Summaries.PREVIEW_SUMMARY : Summaries.CLOSE_SUMMARY);
        ExecutionReport.MonthClose monthClose = null;
        boolean monthCloseRow = false;
        if (!preview) {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "SELECT service_month, revision, summary_sha256 FROM month_close WHERE job_execution_id = ?", execution.getId());
            if (!rows.isEmpty()) {
                monthCloseRow = true;
                String recorded = String.valueOf(rows.get(0).get("SUMMARY_SHA256"));
                ExecutionReport.FileState state = state(summaryFile.getFileName().toString(), summaryFile, recorded, -1);
                monthClose = new ExecutionReport.MonthClose(String.valueOf(rows.get(0).get("SERVICE_MONTH")),
                        ((Number) rows.get(0).get("REVISION")).longValue(), recorded, state.state(), state.now());
            }
        }
        JsonNode summary = Summaries.read(summaryFile);
        List<ExecutionReport.FileState> files = null;
        if (summary != null) {
            files = new ArrayList<>();
            for (Map.Entry<String, Summaries.Recorded> file : Summaries.files(summary).entrySet()) {
                Summaries.Recorded recorded = file.getValue();
                files.add(checkFiles ? state(file.getKey(), published.resolve(file.getKey()), recorded.sha256(), recorded.bytes())
                        : new ExecutionReport.FileState(file.getKey(), recorded.sha256(), recorded.bytes(),
                                ExecutionReport.FileState.State.UNCHECKED, null));
            }
        }
        return new ExecutionReport.Publication(published, summaryFile.getFileName().toString(), preview, monthCloseRow, monthClose,
                files, execution.getJobParameters().getString("month"), execution.getJobParameters().getLong("revision"));
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
    static ExecutionReport.FileState state(String name, Path file, String sha256, long bytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new ExecutionReport.FileState(name, sha256, bytes, ExecutionReport.FileState.State.MISSING, null);
        }
        if (bytes >= 0 && Files.size(file) != bytes) {
            return new ExecutionReport.FileState(name, sha256, bytes, ExecutionReport.FileState.State.CHANGED, "size " + Files.size(file));
        }
        String now = Checksums.sha256(file);
        return now.equals(sha256) ? new ExecutionReport.FileState(name, sha256, bytes, ExecutionReport.FileState.State.OK, null)
                : new ExecutionReport.FileState(name, sha256, bytes, ExecutionReport.FileState.State.CHANGED, "sha256 now " + now);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
