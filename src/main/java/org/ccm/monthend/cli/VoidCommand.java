package org.ccm.monthend.cli;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.review.Corrections;

import picocli.CommandLine.Command;

@Command(name = "void", mixinStandardHelpOptions = true,
        description = {"Ask for a cancellation of a claim the payer answered (CLM05-3 = 8, REF*F8 = the payer's claim number); it goes out in the next 'submit' and the claim becomes VOIDED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded: it goes out in the next submit", "1:failed", "2:bad usage, unknown claim, not answered yet, or already asked for"})
class VoidCommand extends CorrectionCommand {

    @Override
    Corrections.Outcome request(Corrections corrections, String actor) {
        return corrections.voidClaim(claimId, actor, AuditEntry.CLI, reason);
    }
}
