package org.ccm.monthend.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.remittance.RemitOutcome;
import org.ccm.monthend.remittance.RemittancePoster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "remit", mixinStandardHelpOptions = true,
        description = {"Post the payer's X12 835 005010X221A1 remittance advice against the claims that went out.",
                "A file that is not an 835 5010 or does not balance (per line, per claim, per transaction) is refused",
                "whole, naming the first difference. Each transaction (payer + TRN trace) is posted once: the same file",
                "again changes nothing. Claims and lines that match nothing sent go to",
                "<ccm.output-dir>/remittances/<payer>-<trace>/remittance-rejects.csv, beside a copy of the file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:posted (also when everything was already posted)", "1:failed: nothing was posted, run it again",
                "2:bad usage, not an 835 5010, or does not balance: nothing was posted", "4:another remit is running"})
class RemitCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "the 835 file")
    Path from;

    @Option(names = "--by", paramLabel = "NAME", description = "who posts (default: the OS user)")
    String by;

    @Option(names = "--json", description = "the outcome as one JSON document on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String actor = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
        try (JsonOut stdout = JsonOut.when(json)) {
            return Cli.withContext("another command is using it", context -> {
                RemitOutcome outcome = context.getBean(RemittancePoster.class).post(from, actor, AuditEntry.CLI);
                if (json) {
                    stdout.print(outcome);
                }
                print(outcome);
                return outcome.exitCode();
            });
        }
    }

    private static void print(RemitOutcome outcome) {
        if (outcome instanceof RemitOutcome.Refused refused) {
            System.err.println("error: " + refused.reason());
        }
        else if (outcome instanceof RemitOutcome.InProgress) {
            System.err.println("error: another remit is in progress; nothing was posted");
        }
        else if (outcome instanceof RemitOutcome.Posted posted) {
            {
                for (RemitOutcome.Transaction t : posted.transactions()) {
                    if (t.alreadyPosted()) {
                        System.out.println("Remittance " + t.key() + " already posted: nothing changed");
                    }
                    else {
                        System.out.println("Posted remittance " + t.key() + " (payment " + t.paymentAmount() + "): " + t.claims() + " claims "
                                + t.statuses() + ", " + t.unmatched() + " unmatched" + (t.duplicatePayments() > 0
                                        ? ", " + t.duplicatePayments() + " second payment(s) flagged, not counted" : "")
                                + "; rejects and the file's copy in " + t.directory());
                    }
                }
            }
        }
    }
}
