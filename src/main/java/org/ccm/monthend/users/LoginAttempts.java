package org.ccm.monthend.users;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's login attempts: a failure is recorded with LOGIN_FAILED on the audit log (same transaction); a name
 * with {@code limit} failures within {@code window} since its last successful login is locked out until the oldest of
 * them leaves the window.
 */
@Component
public class LoginAttempts {

    public static final int LIMIT = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int NAME_LENGTH = 50;

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;

    LoginAttempts(JdbcTemplate jdbc, AuditTrail audit, Clock clock, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Whether {@code name} is locked out now. */
    public boolean lockedOut(String name) {
        String user = stored(name);
        LocalDateTime since = LocalDateTime.ofInstant(clock.instant().minus(WINDOW), ZoneOffset.UTC);
        Long failures = jdbc.queryForObject("""
                SELECT COUNT(*) FROM login_attempt a WHERE a.username = ? AND a.at > ? AND a.succeeded = FALSE
                  AND a.at > COALESCE((SELECT MAX(s.at) FROM login_attempt s WHERE s.username = ? AND s.succeeded = TRUE), ?)""",
                Long.class, user, since, user, since);
        return failures != null && failures >= LIMIT;
    }

    /** A failed login: on the record, with why (bad credentials, locked out, disabled). */
    public void failed(String name, String why) {
        String user = stored(name);
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO login_attempt (username, at, succeeded) VALUES (?, ?, FALSE)", user, now());
            audit.record(AuditEntry.of(user.isEmpty() ? "(blank)" : user, AuditEntry.CONSOLE, AuditAction.LOGIN_FAILED, "user",
                    user, null, why));
        });
    }

    /** A successful login: failures before it no longer count. */
    public void succeeded(String name) {
        jdbc.update("INSERT INTO login_attempt (username, at, succeeded) VALUES (?, ?, TRUE)", stored(name), now());
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static String stored(String name) {
        String value = name == null ? "" : name.strip();
        return value.length() <= NAME_LENGTH ? value : value.substring(0, NAME_LENGTH);
    }
}
