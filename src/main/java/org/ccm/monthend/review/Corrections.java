package org.ccm.monthend.review;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Corrections of a claim the payer answered (claim-lifecycle.md, "REPLACED / VOIDED"): {@link #resubmit} asks for a
 * replacement (CLM05-3 = 7) and {@link #voidClaim} for a cancellation (8), each pointing at the payer's claim control
 * number (CLP07, sent as REF*F8). The request is recorded (claim_correction, and the audit log) and goes out in the
 * next {@code submit}, which writes the claim with the patient's data as it is then and its same billed lines, and sets
 * REPLACED or VOIDED with an event naming the interchange. A claim is voided once; it may be replaced again once the
 * payer answered its last replacement (the next REF*F8 is the claim number that answer gave); a claim whose void the
 * payer accepted is cancelled and refused.
 */
@Component
public class Corrections {

    public static final int REPLACEMENT = 7;
    public static final int VOID = 8;

    /** Why a correction was not recorded; the messages name neither the claim nor the patient. */
    public enum Refusal {
        NO_SUCH_CLAIM("no such claim"),
        NOT_ANSWERED("the payer has not answered this claim (no payer claim number from an 835): nothing to correct yet"),
        WAITING("a correction of this claim is already waiting for the next submit"),
        ALREADY_SENT("this claim was already voided"),
        REPLACEMENT_UNANSWERED("a replacement of this claim went out and the payer has not answered it yet: correct it again once it has"),
        VOID_ACCEPTED("the payer accepted this claim's void: it is cancelled; 'close --month M --revision N' may bill the month again");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** Recorded (it goes out in the next submit), or refused. */
    public record Outcome(String claimId, int frequency, String payerClaimNumber, Refusal refusal) {

        public boolean recorded() {
            return refusal == null;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuditTrail audit;

    Corrections(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.audit = audit;
    }

    public Outcome resubmit(String claimId, String actor, String channel, String reason) {
        return request(claimId, REPLACEMENT, actor, channel, reason);
    }

    public Outcome voidClaim(String claimId, String actor, String channel, String reason) {
        return request(claimId, VOID, actor, channel, reason);
    }

    private Outcome request(String claimId, int frequency, String actor, String channel, String reason) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a correction needs an actor: who asked for it goes on the record");
        }
        return transaction.execute(status -> {
            List<Map<String, Object>> claim = jdbc.queryForList(
                    "SELECT payer_claim_number, service_month, void_accepted_remittance_id, status FROM claim WHERE claim_id = ?", claimId);
            if (claim.isEmpty()) {
                return new Outcome(claimId, frequency, null, Refusal.NO_SUCH_CLAIM);
            }
            String payerClaimNumber = (String) claim.get(0).get("payer_claim_number");
            String month = String.valueOf(claim.get(0).get("service_month"));
            if (payerClaimNumber == null) {
                return new Outcome(claimId, frequency, null, Refusal.NOT_ANSWERED);
            }
            if (claim.get(0).get("void_accepted_remittance_id") != null) {
                return new Outcome(claimId, frequency, payerClaimNumber, Refusal.VOID_ACCEPTED);
            }
            Integer waiting = jdbc.queryForObject("SELECT COUNT(*) FROM claim_correction WHERE claim_id = ? AND isa13 IS NULL",
                    Integer.class, claimId);
            if (waiting != null && waiting > 0) {
                return new Outcome(claimId, frequency, payerClaimNumber, Refusal.WAITING);
            }
            // one void per claim; a replacement again only once the payer answered the last one (its status is no longer
            // REPLACED, and the payer claim number is the one that answer gave)
            if (frequency == REPLACEMENT && "REPLACED".equals(claim.get(0).get("status"))) {
                return new Outcome(claimId, frequency, payerClaimNumber, Refusal.REPLACEMENT_UNANSWERED);
            }
            Integer sent = frequency == REPLACEMENT ? 0
                    : jdbc.queryForObject("SELECT COUNT(*) FROM submission_claim WHERE claim_id = ? AND frequency = ?", Integer.class,
                            claimId, frequency);
            if (sent != null && sent > 0) {
                return new Outcome(claimId, frequency, payerClaimNumber, Refusal.ALREADY_SENT);
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            jdbc.update("""
                    INSERT INTO claim_correction (claim_id, frequency, payer_claim_number, requested_by, requested_at, reason)
                    VALUES (?, ?, ?, ?, ?, ?)""", claimId, frequency, payerClaimNumber, actor, LocalDateTime.ofInstant(at, ZoneOffset.UTC),
                    reason);
            audit.record(AuditEntry.of(actor, channel, frequency == REPLACEMENT ? AuditAction.CLAIM_RESUBMITTED : AuditAction.CLAIM_VOIDED,
                    "claim", claimId, month, reason == null || reason.isBlank() ? (frequency == REPLACEMENT ? "replacement" : "void")
                            + " asked for; goes out in the next submit" : reason.strip()));
            return new Outcome(claimId, frequency, payerClaimNumber, null);
        });
    }
}
