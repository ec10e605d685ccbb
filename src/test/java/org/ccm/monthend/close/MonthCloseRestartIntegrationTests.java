package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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

/** A close that fails in the middle of the decide step, then resumes: same files as a close that never failed, no line twice. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:close-restart;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=3"})
@Import({FixedClock.class, MonthCloseRestartIntegrationTests.FailSecondChunk.class})
@DirtiesContext
class MonthCloseRestartIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    static Path out;

    @TempDir
    static Path uninterruptedOut;

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
    FailSecondChunk failure;

    @Test
    void resumesAFailedCloseAndWritesTheSameFilesAsAnUninterruptedOne() throws Exception {
        MonthCloseData.load(jdbc);

        failure.armed.set(true);
        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.FAILED);
        JobInstance instance = jobRepository.getJobInstance("monthClose", MonthCloseLauncher.parameters(OCTOBER, 1));
        JobExecution failed = jobRepository.getLastJobExecution(instance);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        var failedStep = CloseTestSupport.step(failed, "decidePatientMonths");
        assertThat(failedStep.getCommitCount()).isEqualTo(1);
        assertThat(failedStep.getRollbackCount()).isEqualTo(1);
        // the first chunk (P001..P003) is committed, nothing is published
        assertThat(jdbc.queryForList("SELECT patient_id FROM claim ORDER BY patient_id", String.class))
                .containsExactly("P001", "P002", "P003");
        assertThat(out.resolve("2026-10")).doesNotExist();

        failure.armed.set(false);
        RecordedProgress said = new RecordedProgress();
        assertThat(launcher.close(OCTOBER, 1, said).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(said.said).contains("resuming " + failed.getId() + " FAILED");
        JobExecution resumed = jobRepository.getLastJobExecution(instance);
        assertThat(resumed.getId()).isNotEqualTo(failed.getId());
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // the restart reads only the patients after the last checkpoint (P004..P008)
        assertThat(CloseTestSupport.step(resumed, "decidePatientMonths").getReadCount()).isEqualTo(5);
        assertThat(resumed.getStepExecutions()).extracting(s -> s.getStepName())
                .containsExactly("decidePatientMonths", "decidePatientRange:range0", "publishExport");

        Path uninterrupted = CloseTestSupport.closeInItsOwnApplication("close-uninterrupted", uninterruptedOut, "--ccm.close.chunk-size=3");
        Path resumedDir = out.resolve("2026-10");
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(Files.readAllBytes(resumedDir.resolve(file))).as(file).isEqualTo(Files.readAllBytes(uninterrupted.resolve(file)));
        }
        assertThat(CloseTestSupport.summaryWithoutExecutionId(resumedDir)).isEqualTo(CloseTestSupport.summaryWithoutExecutionId(uninterrupted));
        List<String> claimIds = CloseTestSupport.rows(resumedDir.resolve("claims.csv")).stream().skip(1)
                .map(row -> row.get(0) + "/" + row.get(1)).toList();
        assertThat(claimIds).doesNotHaveDuplicates().hasSize(7);
    }

    /** Fails the second chunk's write while armed, as a database error or a bug would. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailSecondChunk implements DecideStepListener, ItemWriteListener<Decision> {

        final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicInteger writes = new AtomicInteger();

        @Override
        public void beforeWrite(Chunk<? extends Decision> items) {
            if (armed.get() && writes.incrementAndGet() == 2) {
                throw new IllegalStateException("failing the second chunk on purpose");
            }
        }
    }
}
