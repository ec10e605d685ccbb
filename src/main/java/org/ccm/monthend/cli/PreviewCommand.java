package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.preview.PreviewLauncher;
import org.ccm.monthend.preview.PreviewOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {"Where a month in progress stands, per patient; never bills.",
                "Decides a month so far (a month in progress, or any month) with the close's",
                "own rules and writes <ccm.output-dir>/previews/<month>/<run>/preview.csv",
                "(per patient: minutes, the family reachable now, its lines, the next",
                "threshold and the minutes to it, at risk, the first failing gate) and",
                "preview-summary.json. At risk: under 20 minutes, and the pace so far",
                "(minutes per day up to today) does not reach 20 by the end of the month.",
                "Writes no claim and nothing under the close's folder; each run is a",
                "'monthPreview' execution in 'history'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:preview written", "1:failed (run it again)", "2:bad usage or configuration (e.g. no rule set for the month)",
                "4:a preview of the month started in the same second"})
class PreviewCommand implements Callable<Integer> {

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "the service month")
    String month;

    @Override
    public Integer call() throws Exception {
        var serviceMonth = Cli.month(month);
        return Cli.withContext(context -> print(context.getBean(PreviewLauncher.class).preview(serviceMonth)));
    }

    static int print(PreviewOutcome outcome) {
        if (outcome instanceof PreviewOutcome.Previewed done) {
            System.out.println("Preview of " + done.month() + " as of " + done.today() + ": execution " + done.executionId()
                    + ", files in " + done.directory());
            System.out.println("  patient-months " + done.patientMonths() + ", reachable now " + done.reachable() + ", at risk "
                    + done.atRisk() + ", blocked by a gate " + done.blockedByGate() + ", expected payment reachable "
                    + done.expectedPaymentReachable().toPlainString());
        }
        else if (outcome instanceof PreviewOutcome.AlreadyRan ran) {
            System.err.println("error: a preview of " + ran.month() + " already ran at " + ran.runAt()
                    + (ran.directory() == null ? "" : " (" + ran.directory() + ")") + "; run it again in a second");
        }
        else if (outcome instanceof PreviewOutcome.Failed failed) {
            System.err.println("error: preview execution " + failed.executionId() + " of " + failed.month() + " ended " + failed.status()
                    + (failed.cause() == null ? "" : " (" + failed.cause() + ")") + "; run the preview again");
        }
        return outcome.exitCode();
    }
}
