package org.ccm.monthend.cli;

import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.review.ClaimReview;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hold", mixinStandardHelpOptions = true,
        description = {"Keep a claim out of submission, with the reason on the record.",
                "A DECIDED or RELEASED claim becomes HELD; the change is recorded with who",
                "(--by, else the operating-system user), when and why. 'release' lets it go",
                "again. A claim an interchange has carried cannot be held: 'void' it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:held", "1:failed (database unreachable, ...)",
                "2:bad usage, no reason, no such claim, already held, or already submitted"})
class HoldCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CLAIM_ID")
    String claimId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why the claim must wait (required; it goes on the record)")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "who holds it (default: the operating-system user)")
    String by;

    @Override
    public Integer call() throws Exception {
        if (reason == null || reason.isBlank()) {
            // refused before anything starts: a hold without a reason is never on the record
            System.err.println("error: a hold needs a reason (--reason TEXT): it goes on the claim's record");
            return ExitCodes.USAGE;
        }
        String actor = ReleaseCommand.actor(by);
        return Cli.withContext(context -> ReleaseCommand.report(context.getBean(ClaimReview.class).hold(claimId, reason, actor), "Held"));
    }
}
