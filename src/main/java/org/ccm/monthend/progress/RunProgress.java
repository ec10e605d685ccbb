package org.ccm.monthend.progress;

import java.io.PrintStream;
import java.sql.Date;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.ccm.monthend.billing.InTheMonth;
import org.ccm.monthend.close.DecideStepListener;
import org.ccm.monthend.extract.PatientMonthReader;
import org.ccm.monthend.extract.PatientRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A progress line on the console for the patient-month steps of the close and the preview: patient-months
 * done, rate, and an ETA from a COUNT of the month's patient-months taken when the step starts (after
 * the checkpoint, on a restart). At most one line every 5 seconds, on {@code System.out} only: never in
 * the log files or the export files, and with counts only, never patient data.
 *
 * <p>Each patient range of a close is a step of its own on a thread of its own (one line per range), so the
 * state of a running step is kept per thread.
 */
@Component
public class RunProgress implements DecideStepListener, ChunkListener<Object, Object>, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunProgress.class);
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** The month reader's checkpoint key (extract.PatientMonthReader): the last patient of the last committed chunk. */
    static final String LAST_PATIENT_KEY = PatientMonthReader.LAST_PATIENT_KEY;

    private final JdbcTemplate jdbc;
    private final PrintStream out;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final Executor counting;
    private final ThreadLocal<Run> current = new ThreadLocal<>();

    /**
     * The ETA's COUNT costs about as much as the reader's own driving query (seconds on a million
     * patients), so in production it runs beside the step on a daemon thread and the ETA appears once known.
     */
    @Autowired
    public RunProgress(DataSource dataSource) {
        this(new JdbcTemplate(dataSource), System.out, System::nanoTime, INTERVAL, task -> {
            Thread thread = new Thread(task, "ccm-progress-count");
            thread.setDaemon(true);
            thread.start();
        });
    }

    RunProgress(JdbcTemplate jdbc, PrintStream out, LongSupplier nanoTime, Duration interval, Executor counting) {
        this.jdbc = jdbc;
        this.out = out;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.counting = counting;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        String month = stepExecution.getJobExecution().getJobParameters().getString("month");
        PatientRange range = PatientRange.from(stepExecution.getExecutionContext());
        String after = stepExecution.getExecutionContext().containsKey(LAST_PATIENT_KEY)
                ? stepExecution.getExecutionContext().getString(LAST_PATIENT_KEY) : range.after();
        long now = nanoTime.getAsLong();
        Run run = new Run(stepExecution.getJobExecution().getJobInstance().getJobName(), month,
                stepExecution.getStepName(), now, now);
        current.set(run);
        if (month != null) {
            counting.execute(() -> run.total = countPatientMonths(YearMonth.parse(month), after, range.upTo()));
        }
    }

    @Override
    public void afterChunk(Chunk<Object> chunk) {
        Run run = current.get();
        if (run == null) {
            return;
        }
        run.done += chunk.size();
        long now = nanoTime.getAsLong();
        if (now - run.lastPrinted >= intervalNanos) {
            out.println(line(run, now, false));
            run.lastPrinted = now;
            run.doneAtLastPrint = run.done;
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        Run run = current.get();
        current.remove();
        if (run != null && run.done > 0) {
            out.println(line(run, nanoTime.getAsLong(), true));
        }
        return null;
    }

    /**
     * E.g. {@code [monthClose 2026-10] decidePatientMonths: 12,000 of 50,000 patient-months (24%), 2,400/s, ETA 16s}. While
     * running, the rate is that of the last interval (the first chunks are slow while cursors open and code warms up);
     * the final line gives the whole step's.
     */
    static String line(Run run, long now, boolean finished) {
        double seconds = Math.max(1e-9, (now - run.started) / 1e9);
        double rate = finished ? run.done / seconds
                : (run.done - run.doneAtLastPrint) / Math.max(1e-9, (now - run.lastPrinted) / 1e9);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%s %s] %s: %,d", run.job, run.month, run.step, run.done));
        // the total counts enrolled patients only: past it, the remaining patient-months had time without enrollment
        boolean total = run.total >= 0 && run.done <= run.total;
        if (total) {
            line.append(String.format(Locale.ROOT, " of %,d", run.total));
        }
        line.append(" patient-months");
        if (total && run.total > 0) {
            line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, run.done * 100 / run.total)));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
        if (finished) {
            line.append(", done in ").append(duration(Math.round(seconds)));
        }
        else if (run.total > 0 && rate > 0 && run.done < run.total) {
            line.append(", ETA ").append(duration(Math.round((run.total - run.done) / rate)));
        }
        return line.toString();
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02d", (seconds % 3600) / 60) + "m";
    }

    /**
     * The month reader's driving query, counted: every patient enrolled in the month or with time in it, after
     * {@code after} and up to {@code upTo} (null: to the end).
     */
    private long countPatientMonths(YearMonth month, String after, String upTo) {
        try {
            // The patients enrolled in the month: one index range of the enrollment table, cheap even at a million
            // patients. Patients with time but no enrollment are not in it, so the total is a close lower bound
            // (the percentage is capped at 100); the exact set costs as much as the close's own reading.
            String sql = "SELECT COUNT(DISTINCT patient_id) FROM enrollment WHERE patient_id > ? AND "
                    + InTheMonth.ENROLLMENT_OVERLAPS;
            List<Object> params = new ArrayList<>(List.of(after));
            InTheMonth.parameters(month).forEach(day -> params.add(Date.valueOf(day)));
            if (upTo != null) {
                sql += " AND patient_id <= ?";
                params.add(upTo);
            }
            Long count = jdbc.queryForObject(sql, Long.class, params.toArray());
            return count == null ? -1 : count;
        }
        catch (RuntimeException ex) {
            // the ETA is a convenience: a run never fails because of it
            log.debug("No patient-month count for the progress ETA: {}", ex.toString());
            return -1;
        }
    }

    static final class Run {
        final String job;
        final String month;
        final String step;
        volatile long total = -1;
        final long started;
        long lastPrinted;
        long doneAtLastPrint;
        long done;

        Run(String job, String month, String step, long started, long lastPrinted) {
            this.job = job;
            this.month = month;
            this.step = step;
            this.started = started;
            this.lastPrinted = lastPrinted;
        }
    }
}
