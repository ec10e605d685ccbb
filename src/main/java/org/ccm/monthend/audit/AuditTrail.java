package org.ccm.monthend.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
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

    private static final String COLUMNS = "audit_id, at, actor, channel, action, target_type, target, service_month, reason, outcome";

    private static final RowMapper<AuditEntry> ENTRY = (rs, row) -> new AuditEntry(rs.getLong("audit_id"),
            rs.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString("actor"), rs.getString("channel"),
            AuditAction.valueOf(rs.getString("action")), rs.getString("target_type"), rs.getString("target"),
            rs.getString("service_month"), rs.getString("reason"), rs.getString("outcome"));

    /** A page of the log, newest first, filtered by any of actor, action and month (null: any). */
    public List<AuditEntry> page(String actor, AuditAction action, String month, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(actor, action, month, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_event" + where + " ORDER BY at DESC, audit_id DESC LIMIT ? OFFSET ?", ENTRY,
                args.toArray());
    }

    /** How many entries {@link #page} has in all for the same filter: the number of pages. */
    public long count(String actor, AuditAction action, String month) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event" + where(actor, action, month, args), Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    /** The WHERE clause of {@link #page} and {@link #count} for the filters given (null: any), their values added to {@code args}. */
    private static String where(String actor, AuditAction action, String month, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
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
        return sql.toString();
    }

    /** The entries about one target (a claim's hold and release, an interchange's publication), oldest first. */
    public List<AuditEntry> about(String targetType, String target) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_event WHERE target_type = ? AND target = ? ORDER BY at, audit_id", ENTRY,
                targetType, target);
    }
}
