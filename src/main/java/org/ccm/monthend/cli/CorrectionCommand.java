package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.review.Corrections;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code resubmit} and {@code void} share: the claim, the reason, who asks, and how the outcome is said. */
abstract class CorrectionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CLAIM_ID", description = "the claim")
    String claimId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (on the record)")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "who asks (default: the OS user)")
    String by;

    /** Asks {@code corrections} for this command's correction of the claim. */
    abstract Corrections.Outcome request(Corrections corrections, String actor);

    @Override
    public Integer call() throws Exception {
        String actor = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
        return Cli.withContext(context -> {
            Corrections.Outcome outcome = request(context.getBean(Corrections.class), actor);
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
