package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A close fails in the middle, the operator edits the chargemaster or a billing setting, and runs it again: the
 * restart is refused (one export is decided under one set of settings, the set summary.json names) and publishes
 * nothing; once the edit is undone the restart finishes with the files of a close that never failed. Each run is
 * an application of its own over one in-memory database, as a restart is a new process.
 */
class MonthCloseRestartSettingsIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    private static final String NO_CHARGES = "charges: {}\n";

    @TempDir
    Path dir;

    /** An edit made between the failed close and its restart: the chargemaster's text, or extra settings. */
    record Edit(String chargemaster, List<String> settings) {
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("chargemaster", new Edit("charges:\n  \"99490\": 85.00\n", List.of()),
                        "chargemaster %s changed since this close started; restore it to finish the close"),
                Arguments.of("selection policy", new Edit(NO_CHARGES, List.of("--ccm.billing.selection-policy=PREFER_COMPLEX_WHEN_ATTESTED")),
                        "setting ccm.billing.selection-policy changed from HIGHEST_EXPECTED_PAYMENT to PREFER_COMPLEX_WHEN_ATTESTED"
                                + " since this close started; restore it to finish the close"),
                Arguments.of("date of service", new Edit(NO_CHARGES, List.of("--ccm.billing.date-of-service=THRESHOLD_MET")),
                        "setting ccm.billing.date-of-service changed from LAST_DAY_OF_MONTH to THRESHOLD_MET"
                                + " since this close started; restore it to finish the close"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void refusesARestartAfterAnEditAndFinishesOnceItIsUndone(String what, Edit edit, String refusal) throws Exception {
        String database = "close-restart-settings-" + what.replace(' ', '-');
        Path out = dir.resolve("out");
        Path chargemaster = dir.resolve("chargemaster.yml");
        Files.writeString(chargemaster, NO_CHARGES);

        inApplication(database, out, chargemaster, List.of(), app -> {
            MonthCloseData.load(app.getBean(JdbcTemplate.class));
            app.getBean(MonthCloseRestartIntegrationTests.FailSecondChunk.class).armed.set(true);
            assertThat(close(app).exit()).isEqualTo(ExitCodes.FAILED);
        });

        Files.writeString(chargemaster, edit.chargemaster());
        inApplication(database, out, chargemaster, edit.settings(), app -> {
            Closed refused = close(app);
            assertThat(refused.exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.err()).contains(refusal.formatted(chargemaster));
            var last = app.getBean(JobRepository.class).getLastJobExecution(app.getBean(JobRepository.class)
                    .getJobInstance(MonthCloseNames.JOB, MonthCloseLauncher.parameters(OCTOBER, 1)));
            assertThat(last.getStatus()).isEqualTo(BatchStatus.FAILED);
            // no patient-month was decided under the edited settings
            assertThat(app.getBean(JdbcTemplate.class).queryForList("SELECT patient_id FROM claim ORDER BY patient_id", String.class))
                    .containsExactly("P001", "P002", "P003");
        });
        assertThat(out.resolve("2026-10")).doesNotExist();

        Files.writeString(chargemaster, NO_CHARGES);
        inApplication(database, out, chargemaster, List.of(), app -> assertThat(close(app).exit()).isEqualTo(ExitCodes.OK));

        Path uninterrupted = CloseTestSupport.closeInItsOwnApplication(database + "-uninterrupted", dir.resolve("uninterrupted"),
                "--ccm.close.chunk-size=3");
        Path resumed = out.resolve("2026-10");
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(Files.readAllBytes(resumed.resolve(file))).as(file).isEqualTo(Files.readAllBytes(uninterrupted.resolve(file)));
        }
        assertThat(CloseTestSupport.summaryWithoutExecutionId(resumed)).isEqualTo(CloseTestSupport.summaryWithoutExecutionId(uninterrupted));
    }

    private record Closed(int exit, String err) {
    }

    private static Closed close(ConfigurableApplicationContext app) throws Exception {
        CloseOutcome outcome = app.getBean(MonthCloseLauncher.class).close(OCTOBER, 1, CloseProgress.NONE);
        return new Closed(outcome.exitCode(), outcome instanceof CloseOutcome.Failed failed ? String.valueOf(failed.cause()) : "");
    }

    private interface Run {
        void in(ConfigurableApplicationContext app) throws Exception;
    }

    private static void inApplication(String database, Path out, Path chargemaster, List<String> settings, Run run) throws Exception {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--ccm.output-dir=" + out, "--ccm.chargemaster=" + chargemaster, "--ccm.close.chunk-size=3"));
        args.addAll(settings);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CcmMonthEndApplication.class, FixedClock.class,
                MonthCloseRestartIntegrationTests.FailSecondChunk.class).run(args.toArray(String[]::new))) {
            run.in(app);
        }
    }
}
