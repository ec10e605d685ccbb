package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full disk while publishing (issue 11: it said only "All bytes to be written were not successfully written"):
 * the close ends FAILED with one line naming the file, nothing is published, and once there is space the same
 * close publishes the files of an uninterrupted run. The full disk is Linux's /dev/full (every write fails with
 * ENOSPC), linked where the publish step writes evidence.csv.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:close-full-disk;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=3"})
@Import({FixedClock.class, MonthCloseRestartIntegrationTests.FailSecondChunk.class})
@DirtiesContext
class MonthCloseFullDiskIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final Path FULL = Path.of("/dev/full");

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
    JdbcTemplate jdbc;

    @Autowired
    MonthCloseRestartIntegrationTests.FailSecondChunk failure;

    @Test
    void aFullDiskWhilePublishingIsOneLineNamingTheFileAndTheNextCloseFinishes() throws Exception {
        assumeTrue(Files.isWritable(FULL), "/dev/full is a Linux device");
        MonthCloseData.load(jdbc);
        // a first run that fails mid-decide leaves the staging directory in place for the restart to publish into
        failure.armed.set(true);
        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.FAILED);
        failure.armed.set(false);
        Path staging = out.resolve(".staging").resolve("2026-10-revision-1");
        Path evidence = Files.createSymbolicLink(staging.resolve("evidence.csv"), FULL);

        CloseOutcome full = launcher.close(OCTOBER, 1, CloseProgress.NONE);

        assertThat(full).isInstanceOfSatisfying(CloseOutcome.Failed.class, failed -> {
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.cause()).isEqualTo("no space left on device writing " + evidence + "; free space there and run it again");
        });
        assertThat(out.resolve("2026-10")).as("nothing half-written is published").doesNotExist();

        Files.delete(evidence); // space again
        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        Path uninterrupted = CloseTestSupport.closeInItsOwnApplication("close-full-disk-reference", uninterruptedOut,
                "--ccm.close.chunk-size=3");
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(Files.readAllBytes(out.resolve("2026-10").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(uninterrupted.resolve(file)));
        }
    }
}
