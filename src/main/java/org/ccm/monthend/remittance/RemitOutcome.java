package org.ccm.monthend.remittance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.core.ExitCodes;

/** What {@code remit --from FILE} did; the command presents it. */
public sealed interface RemitOutcome {

    int exitCode();

    /** Not posted at all: not an 835 5010, unbalanced (the first difference), or unreadable. Nothing recorded. */
    record Refused(String reason) implements RemitOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.USAGE;
        }
    }

    /** Another remit is posting. */
    record InProgress() implements RemitOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.IN_PROGRESS;
        }
    }

    /** Every transaction of the file, posted now or already posted before. */
    record Posted(String fileSha256, List<Transaction> transactions) implements RemitOutcome {
        @Override
        public int exitCode() {
            return ExitCodes.OK;
        }

        public boolean nothingNew() {
            return transactions.stream().allMatch(Transaction::alreadyPosted);
        }
    }

    /**
     * One 835 transaction: its key (payer-trace), the remittance id, whether it had been posted before, claims
     * posted, unmatched (claims and lines in the rejects), second payments flagged, claims per status it set, the
     * payment and where its rejects and the file's copy are; {@code resumedClaims}: how many of its claims an earlier run
     * that stopped part-way had posted (this run posted the rest), 0 when this run posted it all.
     */
    record Transaction(String key, long remittanceId, boolean alreadyPosted, int claims, int unmatched, int duplicatePayments,
            Map<String, Integer> statuses, String paymentAmount, Path directory, int resumedClaims) {
    }
}
