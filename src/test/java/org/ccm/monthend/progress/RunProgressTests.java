package org.ccm.monthend.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;

/** The progress line: at most one every 5 seconds, counts, rate and ETA, with a clock and a count given by the test. */
class RunProgressTests {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<Object[]> countArguments = new ArrayList<>();

    /** The COUNT of the month's patient-months answers 1,000 (after the checkpoint, if any). */
    private final JdbcTemplate thousandPatientMonths = new JdbcTemplate() {
        @Override
        public <T> T queryForObject(String sql, Class<T> requiredType, Object... args) {
            countArguments.add(args);
            return requiredType.cast(1_000L);
        }
    };

    private final RunProgress progress = new RunProgress(thousandPatientMonths, new PrintStream(printed, true, StandardCharsets.UTF_8),
            now::get, Duration.ofSeconds(5), Runnable::run);

    @Test
    void printsAtMostEveryFiveSecondsWithTheRateOfTheLastIntervalAndAnEta() {
        StepExecution step = step("decidePatientMonths", "");
        progress.beforeStep(step);

        now.set(1 * SECOND);
        progress.afterChunk(chunk(100));
        assertThat(lines()).isEmpty();

        now.set(5 * SECOND);
        progress.afterChunk(chunk(100));
        // 200 in the first 5 s = 40/s; 800 left at 40/s = 20 s
        assertThat(lines()).containsExactly("[monthClose 2026-10] decidePatientMonths: 200 of 1,000 patient-months (20%), 40/s, ETA 20s");

        now.set(7 * SECOND);
        progress.afterChunk(chunk(200));
        assertThat(lines()).hasSize(1);

        now.set(10 * SECOND);
        progress.afterChunk(chunk(300));
        // 500 more in the last 5 s = 100/s; 300 left = 3 s
        assertThat(lines()).last().isEqualTo("[monthClose 2026-10] decidePatientMonths: 700 of 1,000 patient-months (70%), 100/s, ETA 3s");

        progress.afterStep(step);
        // the whole step: 700 in 10 s
        assertThat(lines()).last().isEqualTo("[monthClose 2026-10] decidePatientMonths: 700 of 1,000 patient-months (70%), 70/s, done in 10s");
    }

    @Test
    void aRestartCountsOnlyThePatientMonthsAfterTheCheckpoint() {
        progress.beforeStep(step("decidePatientMonths", "P0042"));
        assertThat(countArguments).hasSize(1);
        assertThat(countArguments.get(0)[0]).isEqualTo("P0042");
    }

    @Test
    void withoutAMonthThereIsNoTotalAndNoEta() {
        JobExecution job = new JobExecution(7L, new JobInstance(3L, "other"), new JobParametersBuilder().toJobParameters());
        StepExecution step = new StepExecution("s", job);
        progress.beforeStep(step);
        now.set(6 * SECOND);
        progress.afterChunk(chunk(12));
        assertThat(lines()).containsExactly("[other null] s: 12 patient-months, 2/s");
        assertThat(countArguments).isEmpty();
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(RunProgress.duration(59)).isEqualTo("59s");
        assertThat(RunProgress.duration(61)).isEqualTo("1m01s");
        assertThat(RunProgress.duration(3_725)).isEqualTo("1h02m");
    }

    private static StepExecution step(String name, String checkpoint) {
        JobExecution job = new JobExecution(7L, new JobInstance(3L, "monthClose"),
                new JobParametersBuilder().addString("month", "2026-10").addLong("revision", 1L).toJobParameters());
        StepExecution step = new StepExecution(name, job);
        if (!checkpoint.isEmpty()) {
            step.getExecutionContext().putString(RunProgress.LAST_PATIENT_KEY, checkpoint);
        }
        return step;
    }

    private static Chunk<Object> chunk(int size) {
        return new Chunk<>(new ArrayList<Object>(Collections.nCopies(size, new Object())));
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
