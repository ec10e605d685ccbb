package org.ccm.monthend.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.importing.CsvImporter;
import org.ccm.monthend.importing.ImportReport.FileReport;
import org.ccm.monthend.importing.ImportReport;
import org.ccm.monthend.importing.InputFile;

import picocli.CommandLine.Command;
import tools.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load the input CSV files of the data contract (care_team.csv, patients.csv, enrollments.csv,",
                "conditions.csv, attestations.csv, inpatient_stays.csv, other_services.csv, time_entries.csv) found in DIR.",
                "Rows are upserted by their key: importing the same files twice leaves the same database.",
                "Bad rows go to rejects.csv beside report.json under <ccm.output-dir>/imports/<import id>/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported (rejected rows, if any, are listed in rejects.csv)",
                "1:failed (run it again: the import is idempotent)",
                "2:bad usage, or a file was refused (header lacks a required column) or stopped (broken quoting)"})
class ImportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the directory holding the CSV files")
    Path from;

    @Option(names = "--json", description = "the import report (report.json) as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        // checked before any context starts: a wrong directory costs no database connection
        if (!Files.isDirectory(from)) {
            throw new UsageException("--from " + from + ": no such directory");
        }
        if (Stream.of(InputFile.values()).noneMatch(f -> Files.isRegularFile(from.resolve(f.fileName())))) {
            throw new UsageException("--from " + from + ": no input file there (expected any of "
                    + String.join(", ", Stream.of(InputFile.values()).map(InputFile::fileName).toList()) + ")");
        }
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> work(context.getBean(CsvImporter.class).importFrom(from), stdout));
        }
    }

    private int work(ImportReport report, JsonOut stdout) {
        int exit = report.incompleteFiles().isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
        if (json) {
            // the document of report.json, with where it is and the exit code
            ObjectNode document = (ObjectNode) Json.read(report.reportFile());
            document.put("report_directory", report.reportDirectory().toString());
            document.put("exit_code", exit);
            stdout.print(document);
        }
        else {
            System.out.println(report.reportDirectory());
            System.out.println(report.summary());
        }
        for (FileReport file : report.incompleteFiles()) {
            System.err.println("error: " + file.file() + " " + file.status().name().toLowerCase() + ": "
                    + file.problem());
        }
        if (!report.ignoredFiles().isEmpty()) {
            System.err.println("warning: not input files of the contract, ignored: "
                    + String.join(", ", report.ignoredFiles()));
        }
        return exit;
    }
}
