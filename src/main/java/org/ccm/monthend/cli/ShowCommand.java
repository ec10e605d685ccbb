package org.ccm.monthend.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.ExecutionDetails;
import org.ccm.monthend.history.ExecutionReport;
import org.ccm.monthend.history.JobHistory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show one execution in detail, and whether its published files still match.",
                "For an execution (see 'history'): its parameters; each step with its read /",
                "write / filter / commit / rollback counts and exit message; the rule set id",
                "and SHA-256 it decided with; where it published; and each published file",
                "with the SHA-256 summary.json recorded and whether the file still matches it",
                "(computed again)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (a file that no longer matches is shown as CHANGED or MISSING; 'verify' fails on it)",
                "1:failed (database unreachable, ...)", "2:bad usage or no such execution"})
class ShowCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXECUTION_ID")
    long executionId;

    @Option(names = "--json", description = "the execution as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext(context -> {
                ExecutionReport report = context.getBean(ExecutionDetails.class).details(executionId);
                if (json) {
                    stdout.print(report);
                }
                else {
                    print(report, System.out);
                }
                return ExitCodes.OK;
            });
        }
    }

    static void print(ExecutionReport e, PrintStream out) {
        out.printf(Locale.ROOT, "Execution %d of %s (job instance %d)%n", e.executionId(), e.job(), e.jobInstanceId());
        out.printf(Locale.ROOT, "  status    %s (exit code %s)%n", e.status(), e.exitCode());
        out.printf(Locale.ROOT, "  started   %s%n", time(e.start()));
        out.printf(Locale.ROOT, "  ended     %s%s%n", time(e.end()), e.start() == null ? ""
                : "  (" + JobHistory.duration(e.duration()) + (e.end() == null ? " so far" : "") + ")");
        if (!e.message().isEmpty()) {
            out.printf(Locale.ROOT, "  message   %s%n", e.message());
        }
        if (e.instanceExecutions().size() > 1) {
            out.printf(Locale.ROOT, "  instance  executions %s (this one is %s)%n", e.instanceExecutions(),
                    e.latest() ? "the latest" : "not the latest");
        }

        out.println();
        out.println("Parameters");
        e.parameters().forEach(p -> out.printf(Locale.ROOT, "  %-10s %s%s%n", p.name(), p.value(), p.identifying() ? "  (identifying)" : ""));

        out.println();
        out.println("Steps");
        String format = "  %-22s %-10s %8s %8s %7s %7s %9s  %s%n";
        out.printf(Locale.ROOT, format, "STEP", "STATUS", "READ", "WRITE", "FILTER", "COMMIT", "ROLLBACK", "EXIT");
        for (ExecutionReport.Step step : e.steps()) {
            out.printf(Locale.ROOT, format, step.name(), step.status(), step.read(), step.write(), step.filter(), step.commit(),
                    step.rollback(), step.exitCode());
            if (!step.message().isEmpty()) {
                out.printf(Locale.ROOT, "  %-22s %s%n", "", step.message());
            }
        }
        if (e.steps().isEmpty()) {
            out.println("  (none ran)");
        }

        if (e.ruleSet() != null) {
            out.println();
            out.println("Rule set");
            out.printf(Locale.ROOT, "  id        %s%n", e.ruleSet().id() == null ? "-" : e.ruleSet().id());
            out.printf(Locale.ROOT, "  sha256    %s%n", e.ruleSet().sha256() == null ? "-" : e.ruleSet().sha256());
        }

        out.println();
        ExecutionReport.Publication published = e.published();
        if (published == null) {
            out.println("Published: nothing (this execution did not publish" + (e.running() ? " yet)" : ")"));
            return;
        }
        out.printf(Locale.ROOT, "Published %s%n", published.path());
        if (!published.preview()) {
            ExecutionReport.MonthClose row = published.monthClose();
            if (row == null) {
                out.println("  month_close  no row for this execution");
            }
            else {
                out.printf(Locale.ROOT, "  month_close  %s revision %s, summary.json sha256 %s  %s%n", row.month(), row.revision(),
                        row.summarySha256(), new ExecutionReport.FileState("", "", -1, row.state(), row.now()).stateText());
            }
        }
        if (published.files() == null) {
            out.printf(Locale.ROOT, "  %s is missing or unreadable%n", published.summaryFile());
            return;
        }
        out.printf(Locale.ROOT, "  %-21s %-64s %12s  %s%n", "FILE", "SHA-256 (as recorded)", "BYTES", "NOW");
        for (ExecutionReport.FileState file : published.files()) {
            out.printf(Locale.ROOT, "  %-21s %-64s %12d  %s%n", file.name(), file.sha256(), file.bytes(), file.stateText());
        }
        if (!published.preview()) {
            out.println("  (verify --month " + published.month() + " --revision " + published.revision()
                    + " also reconciles the files with each other and the claims)");
        }
    }

    private static String time(LocalDateTime time) {
        return time == null ? "-" : JobHistory.TIME.format(time);
    }
}
