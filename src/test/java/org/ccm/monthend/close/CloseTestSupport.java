package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.ExitCodes;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Shared pieces of the close tests: steps by name, CSV reading, a close in an application of its own. */
final class CloseTestSupport {

    private CloseTestSupport() {
    }

    /** A step of an execution by name (kept out of test classes: the step-scope test listener scans them for StepExecution factories). */
    static org.springframework.batch.core.step.StepExecution step(org.springframework.batch.core.job.JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    /** Every record of a CSV export, header included as the first row, as lists of fields. */
    static List<List<String>> rows(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            return parser.stream().map(CSVRecord::toList).toList();
        }
    }

    /** A console that swallows what a close prints. */
    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /**
     * The practice of {@link MonthCloseData} closed for October 2026 in a separate application with its own
     * in-memory database {@code database} and {@code settings} (e.g. {@code --ccm.close.chunk-size=3}), without
     * failure; returns the published directory.
     */
    static Path closeInItsOwnApplication(String database, Path outputDir, String... settings) throws Exception {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--ccm.output-dir=" + outputDir));
        args.addAll(List.of(settings));
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CcmMonthEndApplication.class, FixedClock.class)
                .run(args.toArray(String[]::new))) {
            MonthCloseData.load(other.getBean(JdbcTemplate.class));
            assertThat(other.getBean(MonthCloseLauncher.class).close(YearMonth.of(2026, 10), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        }
        return outputDir.resolve("2026-10");
    }

    /** summary.json without the execution id, the one thing that differs between two closes of the same data. */
    static String summaryWithoutExecutionId(Path dir) throws IOException {
        return Files.readString(dir.resolve("summary.json")).replaceAll("\"job_execution_id\" : \\d+,?", "");
    }
}
