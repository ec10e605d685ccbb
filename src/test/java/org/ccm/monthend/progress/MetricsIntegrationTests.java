package org.ccm.monthend.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.TestPractice;
import org.ccm.monthend.preview.PreviewLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;

/**
 * With --ccm.metrics.log=true the close and the preview are observed: Spring Batch's timers go to a logging registry,
 * which writes them to the log every interval and once more when the command ends (here: when the registry closes).
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:metrics-it;DB_CLOSE_DELAY=-1",
        "ccm.metrics.log=true"})
@Import(TestPractice.Clocks.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class MetricsIntegrationTests {

    /** A timer as LoggingMeterRegistry logs it: {@code name{tag=value,...} delta_count=N throughput=... mean=... max=...}. */
    private static final Pattern LOGGED_TIMER = Pattern.compile(" metrics - ([a-z.]+)\\{([^}]*)} delta_count=(\\d+) ");

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MeterRegistry meters;

    @Autowired
    MonthCloseLauncher close;

    @Autowired
    PreviewLauncher preview;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobRepository jobRepository;

    @Test
    void batchTimersAreRecordedAndLoggedWithTheRunsCounts(CapturedOutput output) throws Exception {
        assertThat(meters).isInstanceOf(LoggingMeterRegistry.class);
        TestPractice.loadOctober2026(jdbc);
        assertThat(close.close(YearMonth.of(2026, 10), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(preview.preview(YearMonth.of(2026, 11)).exitCode()).isEqualTo(ExitCodes.OK);

        // a timer is registered when its first observation stops
        Timer closeJob = meters.find("spring.batch.job").tag("spring.batch.job.name", "monthClose").timer();
        Timer previewJob = meters.find("spring.batch.job").tag("spring.batch.job.name", "monthPreview").timer();
        assertThat(closeJob).as("the close job (a bean) is observed").isNotNull();
        assertThat(previewJob).as("the preview job (built per run) is observed").isNotNull();

        meters.close(); // what the end of a command does: the last interval is logged
        Map<String, Long> logged = loggedCounts(output.getOut());

        StepExecution range = step(lastExecution("monthClose"), "decidePatientRange:range0");
        assertThat(range.getReadCount()).isPositive();
        assertThat(logged).containsEntry("spring.batch.job{spring.batch.job.name=monthClose,spring.batch.job.status=COMPLETED}", 1L)
                .containsEntry("spring.batch.step{spring.batch.step.name=decidePatientMonths,spring.batch.step.status=COMPLETED}", 1L)
                // every read is observed, the one that finds the end of the range too
                .containsEntry("spring.batch.item.read{spring.batch.item.read.step.name=decidePatientRange:range0}", range.getReadCount() + 1L)
                .containsEntry("spring.batch.item.process{spring.batch.item.process.step.name=decidePatientRange:range0}",
                        (long) range.getReadCount())
                .containsEntry("spring.batch.chunk.write{spring.batch.chunk.write.step.name=decidePatientRange:range0}",
                        (long) range.getCommitCount());

        StepExecution previewed = step(lastExecution("monthPreview"), "previewPatientMonths");
        assertThat(previewed.getReadCount()).isPositive();
        assertThat(logged).containsEntry("spring.batch.job{spring.batch.job.name=monthPreview,spring.batch.job.status=COMPLETED}", 1L)
                .containsEntry("spring.batch.item.process{spring.batch.item.process.step.name=previewPatientMonths}",
                        (long) previewed.getReadCount())
                .containsEntry("spring.batch.chunk.write{spring.batch.chunk.write.step.name=previewPatientMonths}",
                        (long) previewed.getCommitCount());
    }

    /**
     * The logged counts by timer and by the tags that say what was timed (name, status), summed over the intervals
     * the run spanned. Tags that vary (error, job name of a step's timer, step type) are dropped from the key.
     */
    private static Map<String, Long> loggedCounts(String log) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher timer = LOGGED_TIMER.matcher(log);
        while (timer.find()) {
            String name = timer.group(1);
            String tags = Arrays.stream(timer.group(2).split(",")).filter(tag -> saysWhatWasTimed(name, tag))
                    .collect(Collectors.joining(","));
            counts.merge(timer.group(1) + "{" + tags + "}", Long.parseLong(timer.group(3)), Long::sum);
        }
        return counts;
    }

    /** The job's or the step's name, and the status of a job or step; not the error, the step type, a step's job. */
    private static boolean saysWhatWasTimed(String timer, String tag) {
        String key = tag.substring(0, tag.indexOf('='));
        boolean jobOrStep = timer.equals("spring.batch.job") || timer.equals("spring.batch.step");
        return key.equals("spring.batch.job.name") || key.endsWith(".step.name") && !timer.equals("spring.batch.job")
                || jobOrStep && key.endsWith(".status");
    }

    private JobExecution lastExecution(String job) {
        return jobRepository.getLastJobExecution(jobRepository.getLastJobInstance(job));
    }

    private static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

}
