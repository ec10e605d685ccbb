package org.ccm.monthend.remittance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One posted 835 transaction (ST/SE): the payer, the check or EFT trace (TRN02, TRN03), the payment (BPR02, BPR04,
 * BPR16), how many of its claims matched a claim this product sent and how many went to the rejects, the posted
 * file's SHA-256 and where its copy is kept, and who posted it when.
 */
public record Remittance(long id, String payerId, String traceNumber, String traceOriginator, String payerName,
        BigDecimal paymentAmount, String paymentMethod, LocalDate paymentDate, int claims, int unmatched, String fileSha256,
        String filePath, Instant postedAt, String postedBy) {

    /** {@code payer-trace}: the remittance's name in the audit log, its rejects directory and the console. */
    public String key() {
        return payerId + "-" + traceNumber;
    }
}
