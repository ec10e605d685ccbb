package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.review.Corrections;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "void", mixinStandardHelpOptions = true,
        description = {"Ask for a cancellation of a claim the payer answered (CLM05-3 = 8, REF*F8 = the payer's claim number); it goes out in the next 'submit' and the claim becomes VOIDED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded: it goes out in the next submit", "1:failed", "2:bad usage, unknown claim, not answered yet, or already asked for"})
class VoidCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CLAIM_ID", description = "the claim")
    String claimId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (on the record)")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "who asks (default: the OS user)")
    String by;

    @Override
    public Integer call() throws Exception {
        String actor = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
        return Cli.withContext(context -> {
            Corrections.Outcome outcome = context.getBean(Corrections.class).voidClaim(claimId, actor, AuditEntry.CLI, reason);
            if (!outcome.recorded()) {
                System.err.println("error: " + outcome.refusal().message() + "; nothing was changed");
                return ExitCodes.USAGE;
            }
            System.out.println((outcome.frequency() == Corrections.REPLACEMENT ? "Replacement" : "Void")
                    + " recorded (frequency " + outcome.frequency() + ", REF*F8 " + outcome.payerClaimNumber() + "): it goes out in the next submit");
            return ExitCodes.OK;
        });
    }
}
