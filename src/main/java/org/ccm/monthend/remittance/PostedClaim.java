package org.ccm.monthend.remittance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One answer (CLP) posted for a claim: the remittance it came in, CLP02, charge, paid, patient responsibility, the
 * payer's claim number (CLP07), the status it gave the claim, whether it was flagged as a second payment (not
 * counted), the claim-level adjustments and remarks, and its service lines.
 */
public record PostedClaim(long remittanceId, String remittanceKey, Instant postedAt, String claimId, String claimStatusCode,
        BigDecimal charge, BigDecimal paid, BigDecimal patientResponsibility, String payerClaimNumber, String resultStatus,
        boolean duplicatePayment, List<Adjustment> adjustments, List<String> remarks, List<PostedLine> lines) {

    /** One SVC: the claim's line it matched, code, units, charge, paid, allowed (paid + PR + CO-253), CAS and LQ*HE. */
    public record PostedLine(int lineSeq, int claimLine, String cpt, int units, BigDecimal charge, BigDecimal paid,
            BigDecimal allowed, List<Adjustment> adjustments, List<String> remarks) {
    }
}
