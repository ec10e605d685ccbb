package org.ccm.monthend.cli;

import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.review.Corrections;

import picocli.CommandLine.Command;

@Command(name = "resubmit", mixinStandardHelpOptions = true,
        description = {"Ask for a replacement of a claim the payer answered (CLM05-3 = 7, REF*F8 = the payer's claim number), with the patient's data as it is now and the same billed lines; it goes out in the next 'submit' and the claim becomes REPLACED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:recorded: it goes out in the next submit", "1:failed", "2:bad usage, unknown claim, not answered yet, or already asked for"})
class ResubmitCommand extends CorrectionCommand {

    @Override
    Corrections.Outcome request(Corrections corrections, String actor) {
        return corrections.resubmit(claimId, actor, AuditEntry.CLI, reason);
    }
}
