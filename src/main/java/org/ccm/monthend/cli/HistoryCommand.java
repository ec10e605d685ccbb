package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.history.JobHistory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List close and preview runs, newest first, with their counts.",
                "For each execution of the close and the preview: month, revision, execution",
                "id, status, start, duration, patient-months read, and the billed / excepted",
                "patient-months and time entries of the summary the close published. 'show",
                "EXECUTION_ID' gives one in detail; 'restart EXECUTION_ID' resumes a failed",
                "close."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (also when there is nothing to list)", "1:failed (database unreachable, ...)", "2:bad usage"})
class HistoryCommand implements Callable<Integer> {

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "only the executions of this service month")
    String month;

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "at most N executions (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "the runs as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        YearMonth serviceMonth = month == null ? null : Cli.month(month);
        if (limit < 1) {
            throw new UsageException("--limit must be 1 or more, got " + limit);
        }
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> {
                List<JobHistory.Run> runs = context.getBean(JobHistory.class).runs(serviceMonth, limit);
                if (json) {
                    stdout.print(new View(serviceMonth == null ? null : serviceMonth.toString(), runs));
                }
                else {
                    print(serviceMonth, runs, System.out);
                }
                return ExitCodes.OK;
            });
        }
    }

    /** {@code --json}: the runs newest first, as {@link JobHistory.Run} names them (unknown counts left out). */
    record View(String month, List<JobHistory.Run> runs) {
    }

    static void print(YearMonth month, List<JobHistory.Run> runs, PrintStream out) {
        if (runs.isEmpty()) {
            out.println(month == null ? "No close or preview has run yet." : "No close or preview of " + month + " has run.");
            return;
        }
        String format = "%-10s %-8s %-8s %-4s %-10s %-19s %9s %8s %7s %9s %8s%n";
        out.printf(Locale.ROOT, format, "EXECUTION", "JOB", "MONTH", "REV", "STATUS", "STARTED", "DURATION", "READ", "BILLED",
                "EXCEPTED", "ENTRIES");
        for (JobHistory.Run run : runs) {
            boolean preview = JobHistory.PREVIEW_JOB.equals(run.job());
            out.printf(Locale.ROOT, format, run.executionId(), preview ? "preview" : "close", dash(run.month()),
                    dash(run.revision()), run.status(), run.start() == null ? "-" : JobHistory.TIME.format(run.start()),
                    run.duration() == null ? "-" : JobHistory.duration(run.duration()) + (run.running() ? "+" : ""), run.read(),
                    dash(run.billed()), dash(run.excepted()), dash(run.entries()));
        }
        out.println();
        out.println("READ: patient-months read by this execution (a restarted close reads only what was left).");
        out.println("BILLED / EXCEPTED / ENTRIES: from the summary.json the close published. Details: show EXECUTION.");
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
