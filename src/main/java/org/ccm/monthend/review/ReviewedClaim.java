package org.ccm.monthend.review;

import java.math.BigDecimal;
import java.util.List;

/**
 * A claim as a biller reviews it: its lifecycle status beside what the close decided.
 *
 * @param controlNumber CLM01 ({@link ClaimControlNumber})
 * @param practiceId the billing provider, null while no practices exist
 * @param totalCharge the claim's charge, the sum of its lines' charges
 * @param paid what the payer paid, null until a remittance is posted
 * @param submission the interchange (ISA13) that carried it, null until submitted
 */
public record ReviewedClaim(String claimId, String controlNumber, String patientId, String practiceId, ClaimStatus status,
        String family, BigDecimal totalCharge, BigDecimal expectedPayment, BigDecimal paid, String submission, List<Line> lines) {

    public ReviewedClaim {
        lines = List.copyOf(lines);
    }

    /** A claim line; {@code paid} is null until a remittance is posted. */
    public record Line(int line, String cpt, int units, BigDecimal chargeAmount, BigDecimal expectedPayment, BigDecimal paid) {
    }
}
