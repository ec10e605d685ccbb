package org.ccm.monthend.remittance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What "the payer accepted the void" means in the data (claim-lifecycle.md: "A voided claim whose void the payer accepted
 * no longer counts as billed"): a claim whose void (CLM05-3 = 8) went out, so its status is VOIDED, answered by an 835
 * claim with CLP02 = 22, reversal of previous payment. That is how a Medicare contractor's 835 answers a void or cancel
 * it processed: 005010X221A1 section 1.10.2.8 (Reversals and Corrections) reverses the original adjudication with CLP02
 * 22, the original's CLP01 (the void carries the original's control number) and negated amounts and adjustments, and a
 * void, unlike a replacement, is followed by no corrected claim. A processed status with zero paid is what a denial of
 * the original looks like too, so it does not count; a denied void (CLP02 4) or one not answered yet leaves the claim
 * billed.
 *
 * <p>The poster keeps setting the claim REVERSED with its event (VOIDED to REVERSED, with the remittance id); this
 * records, in the same database transaction, the remittance in {@code claim.void_accepted_remittance_id}, which the
 * close's reader reads: such a claim no longer makes its patient-month ALREADY_BILLED.
 */
final class VoidAcceptance {

    private final List<String> accepted = new ArrayList<>();

    /** Whether {@code answer}, posted against a claim whose status was {@code statusBefore}, accepts the claim's void. */
    static boolean accepts(Era835.ClaimPayment answer, String statusBefore) {
        return answer.reversal() && "VOIDED".equals(statusBefore);
    }

    /** Notes the claim if {@code answer} accepts its void. */
    void answered(String claimId, Era835.ClaimPayment answer, String statusBefore) {
        if (accepts(answer, statusBefore)) {
            accepted.add(claimId);
        }
    }

    /** Records the voids noted so far as accepted by remittance {@code remittanceId}, in the caller's transaction. */
    void record(JdbcTemplate jdbc, long remittanceId) {
        if (accepted.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(accepted.size());
        for (String claimId : accepted) {
            rows.add(new Object[] {remittanceId, claimId});
        }
        jdbc.batchUpdate("UPDATE claim SET void_accepted_remittance_id = ? WHERE claim_id = ? AND void_accepted_remittance_id IS NULL",
                rows);
        accepted.clear();
    }
}
