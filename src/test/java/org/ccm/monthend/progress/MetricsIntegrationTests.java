package org.ccm.monthend.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.YearMonth;

import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.TestPractice;
import org.ccm.monthend.preview.PreviewLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;

/** With --ccm.metrics.log=true the close and the preview are observed: Spring Batch's timers go to a logging registry. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:metrics-it;DB_CLOSE_DELAY=-1",
        "ccm.metrics.log=true"})
@Import(TestPractice.Clocks.class)
@DirtiesContext
class MetricsIntegrationTests {

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

    @Test
    void batchTimersAreRecordedAndLogged() throws Exception {
        assertThat(meters).isInstanceOf(LoggingMeterRegistry.class);
        TestPractice.loadOctober2026(jdbc);
        assertThat(close.close(YearMonth.of(2026, 10), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(preview.preview(YearMonth.of(2026, 11), quiet(), quiet())).isEqualTo(ExitCodes.OK);

        // a timer is registered when its first observation stops (a logging registry counts per interval, so no count here)
        Timer closeJob = meters.find("spring.batch.job").tag("spring.batch.job.name", "monthClose").timer();
        Timer previewJob = meters.find("spring.batch.job").tag("spring.batch.job.name", "monthPreview").timer();
        assertThat(closeJob).as("the close job (a bean) is observed").isNotNull();
        assertThat(previewJob).as("the preview job (built per run) is observed").isNotNull();
        assertThat(meters.find("spring.batch.step").tag("spring.batch.step.name", "decidePatientMonths").timer()).isNotNull();
        assertThat(meters.find("spring.batch.step").tag("spring.batch.step.name", "previewPatientMonths").timer()).isNotNull();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
