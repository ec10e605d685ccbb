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
                "again changes nothing. Claims are committed a chunk at a time (ccm.remit.chunk-claims); a run that stops",
                "part-way is finished by the next remit of the same file. Claims and lines that match nothing sent go to",
                "<ccm.output-dir>/remittances/<payer>-<trace>/remittance-rejects.csv, beside a copy of the file."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:posted (also when everything was already posted)", "1:failed part-way: what was committed stays; run it again with the same file to finish (nothing is posted twice)",
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
                    stdout.print(View.of(outcome));
                }
                print(outcome);
                return outcome.exitCode();
            });
        }
    }

    /** {@code --json}: {"outcome": "posted" | "already_posted" | "refused" | "in_progress", "reason", "file_sha256", "transactions", "exit_code"}. */
    record View(String outcome, String reason, String fileSha256, java.util.List<RemitOutcome.Transaction> transactions, int exitCode) {

        static View of(RemitOutcome outcome) {
            if (outcome instanceof RemitOutcome.Posted posted) {
                return new View(posted.nothingNew() ? "already_posted" : "posted", null, posted.fileSha256(), posted.transactions(),
                        outcome.exitCode());
            }
            if (outcome instanceof RemitOutcome.Refused refused) {
                return new View("refused", refused.reason(), null, null, outcome.exitCode());
            }
            return new View("in_progress", null, null, null, outcome.exitCode());
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
                                + (t.resumedClaims() > 0 ? " (finished: " + t.resumedClaims() + " of its claims were posted by a run that stopped)"
                                        : "")
                                + "; rejects and the file's copy in " + t.directory());
                    }
                }
            }
        }
    }
}
