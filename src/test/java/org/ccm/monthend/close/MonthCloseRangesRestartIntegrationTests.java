package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A close split into three patient ranges (P001..P003, P004..P006, P007..P009) whose middle range fails in its
 * second chunk while the others complete: the restart decides the rest of that range only, and the published
 * files are byte for byte those of a close in one range that never failed.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:close-ranges-restart;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=2", "ccm.close.ranges=3", "ccm.close.range-min-patients=1"})
@Import({FixedClock.class, MonthCloseRangesRestartIntegrationTests.FailAtP006.class})
@DirtiesContext
class MonthCloseRangesRestartIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    static Path out;

    @TempDir
    static Path oneRangeOut;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FailAtP006 failure;

    @Test
    void restartsOnlyTheRangeThatFailedFromItsOwnCheckpoint() throws Exception {
        MonthCloseData.load(jdbc);

        failure.armed.set(true);
        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.FAILED);
        JobInstance instance = jobRepository.getJobInstance("monthClose", MonthCloseLauncher.parameters(OCTOBER, 1));
        JobExecution failed = jobRepository.getLastJobExecution(instance);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(CloseTestSupport.step(failed, "decidePatientRange:range0").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(CloseTestSupport.step(failed, "decidePatientRange:range2").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        var middle = CloseTestSupport.step(failed, "decidePatientRange:range1");
        assertThat(middle.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(middle.getCommitCount()).isEqualTo(1);
        // committed: range 0 (P001..P003 billed), range 1's first chunk (P004 billed, P005 excepted), range 2 (no claim)
        assertThat(jdbc.queryForList("SELECT patient_id FROM claim ORDER BY patient_id", String.class))
                .containsExactly("P001", "P002", "P003", "P004");
        assertThat(out.resolve("2026-10")).doesNotExist();

        failure.armed.set(false);
        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        JobExecution resumed = jobRepository.getLastJobExecution(instance);
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getStepExecutions()).extracting(s -> s.getStepName())
                .containsExactlyInAnyOrder("decidePatientMonths", "decidePatientRange:range1", "publishExport");
        // only the rest of the middle range: P006, after its checkpoint P005
        assertThat(CloseTestSupport.step(resumed, "decidePatientRange:range1").getReadCount()).isEqualTo(1);

        Path oneRange = CloseTestSupport.closeInItsOwnApplication("close-one-range", oneRangeOut, "--ccm.close.chunk-size=2",
                "--ccm.close.ranges=1");
        Path resumedDir = out.resolve("2026-10");
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(Files.readAllBytes(resumedDir.resolve(file))).as(file).isEqualTo(Files.readAllBytes(oneRange.resolve(file)));
        }
        assertThat(CloseTestSupport.summaryWithoutExecutionId(resumedDir)).isEqualTo(CloseTestSupport.summaryWithoutExecutionId(oneRange));
        assertThat(out.resolve(".staging").toFile().list()).as("the ranges' parts are removed once published").isEmpty();
    }

    /** Fails the write of the chunk holding P006 while armed, as a database error or a bug would. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailAtP006 implements DecideStepListener, ItemWriteListener<Decision> {

        final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public void beforeWrite(Chunk<? extends Decision> items) {
            if (armed.get() && items.getItems().stream().anyMatch(decision -> decision.patientId().equals("P006"))) {
                throw new IllegalStateException("failing the chunk of P006 on purpose");
            }
        }
    }
}
