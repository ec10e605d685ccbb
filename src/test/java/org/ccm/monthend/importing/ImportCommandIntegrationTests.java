package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ccm.monthend.cli.CapturedConsole;
import org.ccm.monthend.cli.Cli;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code import --from DIR} as an operator runs it: exit codes, the printed report path, one summary line. */
class ImportCommandIntegrationTests {

    @TempDir
    Path dir;

    @TempDir
    Path out;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void importsAndPrintsTheReportDirectoryAndASummary() throws IOException {
        Files.writeString(dir.resolve("care_team.csv"), "member_id,name,credential,npi\nM1,Ann Smith,MD,1234567893\n"
                + "M2,Bob Jones,RN,123\n");

        int exit = run("import", "--from", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        String[] lines = console.out().strip().split("\\R");
        Path reportDir = Path.of(lines[lines.length - 2]);
        assertThat(reportDir.getParent()).isEqualTo(out.resolve("imports"));
        assertThat(reportDir.resolve("report.json")).exists();
        assertThat(Files.readAllLines(reportDir.resolve("rejects.csv"))).hasSize(2);
        assertThat(lines[lines.length - 1]).isEqualTo("import " + reportDir.getFileName()
                + ": 1 file(s), 2 rows read, 1 imported, 1 rejected, 0 file(s) refused or stopped");
    }

    @Test
    void aRefusedFileExitsTwoNamingTheFileAndTheColumn() throws IOException {
        Files.writeString(dir.resolve("care_team.csv"), "member_id,name,npi\nM1,Ann Smith,1234567893\n");

        int exit = run("import", "--from", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err())
                .contains("error: care_team.csv refused: the header lacks required column 'credential'");
    }

    @Test
    void aMissingDirectoryExitsTwoWithoutStartingTheApplication() {
        int exit = run("import", "--from", dir.resolve("nope").toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("no such directory");
        assertThat(out.resolve("imports")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutInputFilesExitsTwo() throws IOException {
        Files.writeString(dir.resolve("care-team.csv"), "member_id,name,credential,npi\n");

        int exit = run("import", "--from", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("no input file there");
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--spring.datasource.url=jdbc:h2:mem:import-command;DB_CLOSE_DELAY=-1";
        all[args.length + 1] = "--ccm.output-dir=" + out;
        return Cli.run(all);
    }
}
