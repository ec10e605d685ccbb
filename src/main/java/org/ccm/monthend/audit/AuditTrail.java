package org.ccm.monthend.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the {@code audit_event} table. {@link #record} uses the caller's transaction when there is one
 * (a {@link org.springframework.transaction.support.TransactionTemplate} or {@code @Transactional} around the change
 * it records), so the entry and the change commit or roll back together.
 */
@Component
public class AuditTrail {

    private static final int REASON_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records {@code entry} now; returns it with its time. */
    public AuditEntry record(AuditEntry entry) {
        if (entry.actor() == null || entry.actor().isBlank()) {
            throw new IllegalArgumentException("an audited action needs an actor: who did it goes on the record");
        }
        // microseconds: what both databases keep, so the entry read back equals the one returned
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String reason = entry.reason() == null || entry.reason().length() <= REASON_LENGTH ? entry.reason()
                : entry.reason().substring(0, REASON_LENGTH);
        jdbc.update("""
                INSERT INTO audit_event (at, actor, channel, action, target_type, target, service_month, reason, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", LocalDateTime.ofInstant(at, ZoneOffset.UTC), entry.actor(), entry.channel(),
                entry.action().name(), entry.targetType(), entry.target(), entry.month(), reason, entry.outcome());
        return new AuditEntry(null, at, entry.actor(), entry.channel(), entry.action(), entry.targetType(), entry.target(),
                entry.month(), reason, entry.outcome());
    }

    /** A page of the log, newest first, filtered by any of actor, action and month (null: any). */
    public List<AuditEntry> page(String actor, AuditAction action, String month, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT audit_id, at, actor, channel, action, target_type, target, service_month, reason, outcome"
                + " FROM audit_event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action.name());
        }
        if (month != null) {
            sql.append(" AND service_month = ?");
            args.add(month);
        }
        sql.append(" ORDER BY at DESC, audit_id DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), (rs, row) -> new AuditEntry(rs.getLong("audit_id"),
                rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("actor"), rs.getString("channel"),
                AuditAction.valueOf(rs.getString("action")), rs.getString("target_type"), rs.getString("target"), rs.getString("service_month"),
                rs.getString("reason"), rs.getString("outcome")), args.toArray());
    }

    /** How many entries {@link #page} has in all for the same filter: the number of pages. */
    public long count(String actor, AuditAction action, String month) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM audit_event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            args.add(action.name());
        }
        if (month != null) {
            sql.append(" AND service_month = ?");
            args.add(month);
        }
        Long count = jdbc.queryForObject(sql.toString(), Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** The entries about one target (a claim's hold and release, an interchange's publication), oldest first. */
    public List<AuditEntry> about(String targetType, String target) {
        return jdbc.query("SELECT audit_id, at, actor, channel, action, target_type, target, service_month, reason, outcome FROM audit_event"
                + " WHERE target_type = ? AND target = ? ORDER BY at, audit_id", (rs, row) -> new AuditEntry(rs.getLong("audit_id"),
                        rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("actor"), rs.getString("channel"),
                        AuditAction.valueOf(rs.getString("action")), rs.getString("target_type"), rs.getString("target"),
                        rs.getString("service_month"), rs.getString("reason"), rs.getString("outcome")), targetType, target);
    }
}
