package org.ccm.monthend.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.review.ClaimEvent;
import org.ccm.monthend.review.ClaimReview;
import org.ccm.monthend.review.StatusChange;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "release", mixinStandardHelpOptions = true,
        description = {"Let a held claim go to the next submission again.",
                "A HELD claim becomes RELEASED; the change is recorded with who (--by, else",
                "the operating-system user), when and, with --reason, why."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:released", "1:failed (database unreachable, ...)", "2:bad usage, no such claim, or the claim is not held"})
class ReleaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CLAIM_ID")
    String claimId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why it may go now (optional; it goes on the record)")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "who releases it (default: the operating-system user)")
    String by;

    @Override
    public Integer call() throws Exception {
        String actor = actor(by);
        return Cli.withContext(context -> report(context.getBean(ClaimReview.class).release(claimId, actor, reason), "Released"));
    }

    /** Who is on the record: --by, else the operating-system user. */
    static String actor(String by) {
        String actor = by != null ? by : System.getProperty("user.name");
        if (actor == null || actor.isBlank()) {
            throw new UsageException("--by NAME is needed: the operating-system user name is not known");
        }
        return actor.strip();
    }

    /** The change in one line (without the claim id or the reason: no patient data on the console), and its exit code. */
    static int report(StatusChange change, String done) {
        if (change instanceof StatusChange.Changed changed) {
            ClaimEvent event = changed.event();
            System.out.printf(Locale.ROOT, "%s: the claim is %s (was %s), by %s at %s.%n", done, event.to(), event.from(), event.actor(),
                    event.at());
            return ExitCodes.OK;
        }
        System.err.println("error: " + ((StatusChange.Refused) change).message());
        return ExitCodes.USAGE;
    }
}
