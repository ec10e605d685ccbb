package org.ccm.monthend.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.submission.Submitter;
import org.ccm.monthend.submission.Submitter.SubmissionRow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "submissions", mixinStandardHelpOptions = true,
        description = "The 837P interchanges written, newest first: control number (ISA13), time, usage, state, claims, lines, charge.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "1:failed (database unreachable, ...)"})
class SubmissionsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "the interchanges as one JSON document on stdout")
    boolean json;

    /** {@code --json}: the interchanges, newest first. */
    record View(List<SubmissionRow> submissions) {
    }

    @Override
    public Integer call() throws Exception {
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> {
                List<SubmissionRow> rows = context.getBean(Submitter.class).submissions();
                if (json) {
                    stdout.print(new View(rows));
                    return ExitCodes.OK;
                }
                if (rows.isEmpty()) {
                    System.out.println("No interchange has been written yet.");
                    return ExitCodes.OK;
                }
                System.out.println(String.format(Locale.ROOT, "%-10s %-19s %-5s %-9s %8s %8s %14s  %s", "ISA13", "CREATED", "USAGE",
                        "STATE", "CLAIMS", "LINES", "CHARGE", "PATH"));
                for (SubmissionRow row : rows) {
                    System.out.println(String.format(Locale.ROOT, "%-10s %-19s %-5s %-9s %8d %8d %14s  %s", row.isa13(),
                            row.createdAt(), row.usage(), row.state(), row.claims(), row.lines(), row.totalCharge().toPlainString(),
                            row.path() == null ? "-" : row.path()));
                }
                return ExitCodes.OK;
            });
        }
    }
}
