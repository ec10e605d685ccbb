package org.ccm.monthend.history;

import org.ccm.monthend.close.MonthCloseNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The executions of the month close and the preview, newest first. The page of execution ids is chosen
 * in SQL (with the month as a parameter, and at most {@code limit} rows), so a long history is never
 * loaded whole; each listed execution is then read through the JobRepository, and its counts of billed
 * and excepted patient-months and time entries from the summary it published.
 */
@Component
public class JobHistory {

    public static final String CLOSE_JOB = MonthCloseNames.JOB;
    public static final String PREVIEW_JOB = "monthPreview";
    /** The close's patient-month step, and the preview's. */
    static final String DECIDE_STEP = MonthCloseNames.DECIDE_STEP;
    static final String PREVIEW_STEP = "previewPatientMonths";

    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final JobRepository jobRepository;
    private final Clock clock;

    JobHistory(DataSource dataSource, JobRepository jobRepository, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jobRepository = jobRepository;
        this.clock = clock;
    }

    /**
     * One line of the history. Counts are null when unknown (not published, summary gone); {@code latest} is whether it
     * is the last execution of its job instance (only that one can be restarted).
     */
    public record Run(long executionId, String job, String month, Long revision, String status, String exitCode,
            LocalDateTime start, Duration duration, boolean running, long read, Long billed, Long excepted, Long entries,
            Path published, boolean latest) {
    }

    /** Executions of the close and the preview, newest first, of {@code month} only when given; at most {@code limit}. */
    public List<Run> runs(YearMonth month, int limit) {
        String sql = """
                SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME IN (?, ?)""";
        List<Object> args = new ArrayList<>(List.of(CLOSE_JOB, PREVIEW_JOB));
        if (month != null) {
            sql += """

                   AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p
                                WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                                  AND p.PARAMETER_NAME = 'month' AND p.PARAMETER_VALUE = ?)""";
            args.add(month.toString());
        }
        sql += "\n ORDER BY e.JOB_EXECUTION_ID DESC";
        List<Long> ids = Jdbc.limited(dataSource, limit).queryForList(sql, Long.class, args.toArray());
        List<Run> runs = new ArrayList<>(ids.size());
        for (long id : ids) {
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution != null) {
                runs.add(run(execution));
            }
        }
        return runs;
    }

    /**
     * What the executions list may be narrowed to: {@code job} {@link #CLOSE_JOB} or {@link #PREVIEW_JOB}, a Batch status
     * name ({@code FAILED}, {@code STARTED}...), a month; null is any.
     */
    public record Filter(String job, String status, YearMonth month) {

        public static final Filter ANY = new Filter(null, null, null);

        public Filter {
            if (job != null && !CLOSE_JOB.equals(job) && !PREVIEW_JOB.equals(job)) {
                throw new IllegalArgumentException("job is " + CLOSE_JOB + " or " + PREVIEW_JOB + ", not " + job);
            }
        }
    }

    /** One page of executions, newest first, and how many match in all. */
    public record Page(List<Run> runs, long total, int offset, int limit) {

        public boolean hasNext() {
            return offset + runs.size() < total;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }
    }

    /**
     * The executions matching {@code filter}, newest first, from {@code offset} on, at most {@code limit}; the ids are
     * chosen and counted in SQL, so only the page is read through the JobRepository.
     */
    public Page page(Filter filter, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1, got " + offset + " and " + limit);
        }
        StringBuilder where = new StringBuilder("""
                  FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME IN (?, ?)""");
        List<Object> args = new ArrayList<>(List.of(CLOSE_JOB, PREVIEW_JOB));
        if (filter.job() != null) {
            where.append(" AND i.JOB_NAME = ?");
            args.add(filter.job());
        }
        if (filter.status() != null) {
            where.append(" AND e.STATUS = ?");
            args.add(filter.status());
        }
        if (filter.month() != null) {
            where.append("""

                   AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p
                                WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                                  AND p.PARAMETER_NAME = 'month' AND p.PARAMETER_VALUE = ?)""");
            args.add(filter.month().toString());
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<Long> ids = jdbc.queryForList("SELECT e.JOB_EXECUTION_ID" + where + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ? OFFSET ?",
                Long.class, pageArgs.toArray());
        List<Run> runs = new ArrayList<>(ids.size());
        for (long id : ids) {
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution != null) {
                runs.add(run(execution));
            }
        }
        return new Page(runs, total == null ? 0 : total, offset, limit);
    }

    private Run run(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        boolean preview = PREVIEW_JOB.equals(job);
        long read = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals(preview ? PREVIEW_STEP : DECIDE_STEP))
                .mapToLong(StepExecution::getReadCount).sum();
        Path published = publishedPath(execution);
        JsonNode summary = published == null ? null
                : Summaries.read(published.resolve(preview ? Summaries.PREVIEW_SUMMARY : Summaries.CLOSE_SUMMARY));
        LocalDateTime start = execution.getStartTime();
        LocalDateTime end = execution.getEndTime();
        Duration duration = start == null ? null : Duration.between(start, end != null ? end : LocalDateTime.now(clock));
        return new Run(execution.getId(), job, execution.getJobParameters().getString("month"),
                execution.getJobParameters().getLong("revision"), execution.getStatus().name(),
                execution.getExitStatus().getExitCode(), start, duration, execution.isRunning(), read,
                preview ? null : Summaries.count(summary, "/patient_months/billed"),
                preview ? null : Summaries.count(summary, "/patient_months/excepted"),
                preview ? null : Summaries.count(summary, "/entries/read"), published, latest(execution));
    }

    private boolean latest(JobExecution execution) {
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        return last == null || last.getId() == execution.getId();
    }

    /** Where the execution published: the month_close row it wrote, else its execution context. */
    Path publishedPath(JobExecution execution) {
        if (CLOSE_JOB.equals(execution.getJobInstance().getJobName())) {
            List<String> recorded = jdbc.queryForList("SELECT output_path FROM month_close WHERE job_execution_id = ?",
                    String.class, execution.getId());
            if (!recorded.isEmpty()) {
                return Path.of(recorded.get(0));
            }
        }
        for (String key : List.of(Summaries.EXPORT_PATH_KEY, Summaries.PREVIEW_PATH_KEY)) {
            if (execution.getExecutionContext().containsKey(key)) {
                return Path.of(execution.getExecutionContext().getString(key));
            }
        }
        return null;
    }

    /** H:MM:SS, as history and show print a duration. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }
}
