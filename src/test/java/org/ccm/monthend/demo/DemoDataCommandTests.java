package org.ccm.monthend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.ccm.monthend.cli.Cli;
import org.ccm.monthend.cli.ExitCodes;
import org.ccm.monthend.importing.InputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo-data ... --csv DIR} needs no database, so the command is tested here without an application context. */
class DemoDataCommandTests {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void captureConsole() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void writesTheInputFilesAndPrintsTheCounts(@TempDir Path dir) {
        int exit = Cli.run("demo-data", "--patients", "50", "--month", "2026-10", "--seed", "7", "--csv", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        for (InputFile file : InputFile.values()) {
            assertThat(dir.resolve(file.fileName())).isNotEmptyFile();
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("generated into " + dir + ": ")
                .contains(" 50 patient, ");
    }

    @Test
    void refusesAMonthThatIsNotYyyyMm(@TempDir Path dir) {
        int exit = Cli.run("demo-data", "--patients", "50", "--month", "2026-1", "--csv", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--month must be a calendar month as YYYY-MM");
    }

    @Test
    void refusesFewerThanOnePatient(@TempDir Path dir) {
        int exit = Cli.run("demo-data", "--patients", "0", "--month", "2026-10", "--csv", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--patients must be at least 1");
        assertThat(dir).isEmptyDirectory();
    }
}
