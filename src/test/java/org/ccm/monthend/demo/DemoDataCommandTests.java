package org.ccm.monthend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.ccm.monthend.cli.CapturedConsole;
import org.ccm.monthend.cli.Cli;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.importing.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo-data ... --csv DIR} needs no database, so the command is tested here without an application context. */
class DemoDataCommandTests {

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void writesTheInputFilesAndPrintsTheCounts(@TempDir Path dir) {
        int exit = Cli.run("demo-data", "--patients", "50", "--month", "2026-10", "--seed", "7", "--csv", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        for (InputFile file : InputFile.values()) {
            assertThat(dir.resolve(file.fileName())).isNotEmptyFile();
        }
        assertThat(console.out()).startsWith("generated into " + dir + ": ")
                .contains(" 50 patient, ");
    }

    @Test
    void refusesAMonthThatIsNotYyyyMm(@TempDir Path dir) {
        int exit = Cli.run("demo-data", "--patients", "50", "--month", "2026-1", "--csv", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--month must be a calendar month as YYYY-MM");
    }

    @Test
    void refusesFewerThanOnePatient(@TempDir Path dir) {
        int exit = Cli.run("demo-data", "--patients", "0", "--month", "2026-10", "--csv", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--patients must be at least 1");
        assertThat(dir).isEmptyDirectory();
    }
}
