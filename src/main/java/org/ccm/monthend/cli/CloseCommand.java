package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.close.MonthCloseLauncher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "close", mixinStandardHelpOptions = true,
        description = {"Close a month that has ended: decide every patient-month and publish claims.csv, exceptions.csv,",
                "evidence.csv and summary.json under <ccm.output-dir>/<month>/.",
                "A failed or interrupted close is resumed by running the same command again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:closed", "1:failed (restartable: run it again or 'restart ID')", "2:bad usage or configuration",
                "3:month already closed (use --revision N to re-close on purpose)", "4:another close of the month is running"})
class CloseCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "the service month")
    String month;

    @Option(names = "--revision", defaultValue = "1", paramLabel = "N",
            description = "re-close on purpose: bills only patient-months no other revision billed (default ${DEFAULT-VALUE})")
    int revision;

    @Option(names = "--json", description = "the outcome as one JSON document on stdout (progress goes to stderr)")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var serviceMonth = Cli.month(month);
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withStoppableContext("another close of " + serviceMonth + " is in progress", context -> report(context.getBean(MonthCloseLauncher.class)
                    .close(serviceMonth, revision, CloseText.progress(System.out, System.err), ReleaseCommand.actor(null), AuditEntry.CLI), stdout));
        }
    }

    /** The outcome as text (on stderr with --json), and as the JSON document on stdout with --json; its exit code. */
    static int report(CloseOutcome outcome, JsonOut stdout) {
        int exit = CloseText.print(outcome, System.out, System.err);
        stdout.print(CloseText.View.of(outcome));
        return exit;
    }
}
