package org.ccm.monthend.review;

import org.ccm.monthend.core.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A number that changes whenever a claim's status (or its paid amount) changes, for the console's caches of counts
 * over many claims: every such change appends a {@code claim_event} row in its own transaction (the close's DECIDED,
 * holds and releases, submit, remittances, corrections), and nothing deletes one. On H2 it is the table's row count,
 * which H2 keeps (no scan) and which moves with every commit, whatever order the ids were drawn in. MySQL counts by
 * scanning, so there it is the highest {@code event_id} (the primary key's last entry): a transaction that drew its
 * ids before another one committed can then commit without moving it, which is why the caches also expire after a
 * short time ({@link #MAX_AGE}).
 */
@Component
public class StatusVersion {

    /** How long a cache may keep a count whose version did not move (the MySQL case above). */
    public static final java.time.Duration MAX_AGE = java.time.Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final String sql;

    StatusVersion(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.sql = dialect == Dialect.H2 ? "SELECT COUNT(*) FROM claim_event" : "SELECT COALESCE(MAX(event_id), 0) FROM claim_event";
    }

    /** Read it before the counts it versions: a change committed in between then only makes the next read count again. */
    public long now() {
        Long version = jdbc.queryForObject(sql, Long.class);
        return version == null ? 0 : version;
    }
}
