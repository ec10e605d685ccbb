package org.ccm.monthend.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.review.StatusChange.Changed;
import org.ccm.monthend.review.StatusChange.Refusal;
import org.ccm.monthend.review.StatusChange.Refused;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A biller's review of decided claims: the claims of a month with their status, and {@link #hold} and
 * {@link #release}, each a status change and its {@code claim_event} row in one transaction.
 *
 * <p>A change is a conditional UPDATE ({@code WHERE status = 'what was read'}) whose row count says whether the
 * claim still had the status it was judged by: when another process changed it in between, the change is judged
 * again on the new status in a new transaction, so two concurrent holds give one HELD event and one refusal, never
 * two events or a lost one.
 */
@Component
public class ClaimReview {

    /** A claim changed by another process between each read and update this many times in a row is an error. */
    private static final int ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuditTrail audit;

    ClaimReview(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.audit = audit;
    }

    /** Keeps a claim out of submission; the reason is required and goes on the record (from the command line). */
    public StatusChange hold(String claimId, String reason, String actor) {
        return hold(claimId, reason, actor, AuditEntry.CLI);
    }

    /** Keeps a claim out of submission; the reason is required and goes on the record, with the channel it came from. */
    public StatusChange hold(String claimId, String reason, String actor, String channel) {
        if (reason == null || reason.isBlank()) {
            return new Refused(Refusal.NO_REASON, null);
        }
        return change(claimId, ClaimStatus.HELD, actor, channel, reason.strip(), current -> {
            if (current == ClaimStatus.HELD) {
                return Optional.of(Refusal.ALREADY_HELD);
            }
            if (current.submitted()) {
                return Optional.of(Refusal.SUBMITTED);
            }
            // reserved by an interchange a crashed submit recorded: the next submit publishes it with this claim in it
            if (reservedByUnfinishedSubmission(claimId)) {
                return Optional.of(Refusal.BEING_SUBMITTED);
            }
            return Optional.empty();
        });
    }

    private boolean reservedByUnfinishedSubmission(String claimId) {
        Integer reserved = jdbc.queryForObject("""
                SELECT COUNT(*) FROM submission_claim s JOIN submission x ON x.isa13 = s.isa13
                 WHERE s.claim_id = ? AND x.state = 'RECORDED'""", Integer.class, claimId);
        return reserved != null && reserved > 0;
    }

    /** Lets a held claim go to the next submission again; {@code reason} may be null. */
    public StatusChange release(String claimId, String actor, String reason) {
        return release(claimId, actor, reason, AuditEntry.CLI);
    }

    /** Lets a held claim go to the next submission again, with the channel the release came from. */
    public StatusChange release(String claimId, String actor, String reason, String channel) {
        return change(claimId, ClaimStatus.RELEASED, actor, channel, reason == null || reason.isBlank() ? null : reason.strip(),
                current -> current == ClaimStatus.HELD ? Optional.empty() : Optional.of(Refusal.NOT_HELD));
    }

    public StatusChange release(String claimId, String actor) {
        return release(claimId, actor, null);
    }

    private StatusChange change(String claimId, ClaimStatus to, String actor, String channel, String reason,
            Function<ClaimStatus, Optional<Refusal>> refusal) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a status change needs an actor: who made it goes on the record");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StatusChange> done = transaction.execute(status -> {
                List<String[]> read = jdbc.query("SELECT status, service_month FROM claim WHERE claim_id = ?",
                        (rs, row) -> new String[] {rs.getString(1), rs.getString(2)}, claimId);
                if (read.isEmpty()) {
                    return Optional.of(new Refused(Refusal.NO_SUCH_CLAIM, null));
                }
                ClaimStatus current = ClaimStatus.valueOf(read.get(0)[0]);
                String month = read.get(0)[1];
                Optional<Refusal> refused = refusal.apply(current);
                if (refused.isPresent()) {
                    return Optional.of(new Refused(refused.get(), current));
                }
                int updated = jdbc.update("UPDATE claim SET status = ? WHERE claim_id = ? AND status = ?", to.name(), claimId,
                        current.name());
                if (updated == 0) {
                    return Optional.empty(); // changed since it was read: judge it again on what it is now
                }
                // microseconds: what both databases keep, so the event read back equals the one returned
                Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
                jdbc.update("INSERT INTO claim_event (claim_id, from_status, to_status, actor, at, reason) VALUES (?, ?, ?, ?, ?, ?)",
                        claimId, current.name(), to.name(), actor, LocalDateTime.ofInstant(at, ZoneOffset.UTC), reason);
                audit.record(AuditEntry.of(actor, channel, to == ClaimStatus.HELD ? AuditAction.CLAIM_HELD : AuditAction.CLAIM_RELEASED,
                        "claim", claimId, month, reason));
                return Optional.of(new Changed(new ClaimEvent(claimId, current, to, actor, at, reason, null, null)));
            });
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new IllegalStateException("the claim's status kept changing while it was being changed; try again");
    }

    /** The claims of {@code month}, all or those with {@code status} (null: all), by claim id, with their lines. */
    public List<ReviewedClaim> claims(YearMonth month, ClaimStatus status) {
        String where = " WHERE c.service_month = ?" + (status == null ? "" : " AND c.status = ?");
        Object[] args = status == null ? new Object[] {month.toString()} : new Object[] {month.toString(), status.name()};
        Map<String, List<ReviewedClaim.Line>> lines = new HashMap<>();
        jdbc.query("SELECT l.claim_id, l.line, l.cpt, l.units, l.charge_amount, l.expected_payment FROM claim_line l"
                + " JOIN claim c ON c.claim_id = l.claim_id" + where + " ORDER BY l.claim_id, l.line", rs -> {
                    lines.computeIfAbsent(rs.getString("claim_id"), id -> new ArrayList<>()).add(new ReviewedClaim.Line(rs.getInt("line"),
                            rs.getString("cpt"), rs.getInt("units"), rs.getBigDecimal("charge_amount"), rs.getBigDecimal("expected_payment"),
                            null));
                }, args);
        return jdbc.query("SELECT c.claim_id, c.patient_id, c.status, c.family, c.charge_amount, c.expected_payment FROM claim c"
                + where + " ORDER BY c.claim_id", (rs, row) -> claim(rs, lines.getOrDefault(rs.getString("claim_id"), List.of())), args);
    }

    private static ReviewedClaim claim(ResultSet rs, List<ReviewedClaim.Line> lines) throws SQLException {
        String claimId = rs.getString("claim_id");
        return new ReviewedClaim(claimId, ClaimControlNumber.of(claimId), rs.getString("patient_id"), null,
                ClaimStatus.valueOf(rs.getString("status")), rs.getString("family"), rs.getBigDecimal("charge_amount"),
                rs.getBigDecimal("expected_payment"), null, null, lines);
    }

    /** The claim's status now, if there is such a claim. */
    public Optional<ClaimStatus> status(String claimId) {
        return jdbc.query("SELECT status FROM claim WHERE claim_id = ?", (rs, row) -> ClaimStatus.valueOf(rs.getString(1)), claimId)
                .stream().findFirst();
    }

    /** The claim's lifecycle, oldest event first. */
    public List<ClaimEvent> events(String claimId) {
        return jdbc.query("SELECT claim_id, from_status, to_status, actor, at, reason, submission_id, remittance_id FROM claim_event"
                + " WHERE claim_id = ? ORDER BY event_id", (rs, row) -> new ClaimEvent(rs.getString("claim_id"),
                        rs.getString("from_status") == null ? null : ClaimStatus.valueOf(rs.getString("from_status")),
                        ClaimStatus.valueOf(rs.getString("to_status")), rs.getString("actor"),
                        rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("reason"),
                        rs.getString("submission_id"), rs.getString("remittance_id")), claimId);
    }
}
