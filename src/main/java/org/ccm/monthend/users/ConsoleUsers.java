package org.ccm.monthend.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.core.UsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds, disables and lists console users; each change goes on the audit log in the same transaction. A refused
 * change ({@link UsageException}) changes and records nothing.
 */
@Component
public class ConsoleUsers {

    /** What a user name may be: it appears in the audit log and the header, so no spaces or markup. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,49}");
    public static final int MINIMUM_PASSWORD_LENGTH = 12;

    private final JdbcUserDetailsManager users;
    private final PasswordEncoder encoder;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;

    ConsoleUsers(JdbcUserDetailsManager users, PasswordEncoder encoder, JdbcTemplate jdbc, AuditTrail audit,
            PlatformTransactionManager transactionManager) {
        this.users = users;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Adds an enabled user with {@code roles} and a BCrypt hash of {@code password}; USER_ADDED by {@code actor}. */
    public ConsoleUser add(String name, List<ConsoleRole> roles, char[] password, String actor, String channel) {
        String user = checkedName(name);
        if (roles.isEmpty()) {
            throw new UsageException("a user needs a role (--role AUDITOR, BILLER, OPERATOR or ADMIN)");
        }
        checkPassword(password);
        String hash = encoder.encode(new String(password));
        List<ConsoleRole> distinct = roles.stream().distinct().sorted().toList();
        return transaction.execute(status -> {
            if (users.userExists(user)) {
                throw new UsageException("user '" + user + "' exists already");
            }
            users.createUser(User.withUsername(user).password(hash)
                    .authorities(distinct.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList()).build());
            audit.record(AuditEntry.of(actor, channel, AuditAction.USER_ADDED, "user", user, null,
                    "roles " + String.join(",", distinct.stream().map(Enum::name).toList())));
            return new ConsoleUser(user, true, distinct);
        });
    }

    /** Disables a user (they can no longer log in; the record of what they did stays); USER_DISABLED. */
    public ConsoleUser disable(String name, String actor, String channel, String reason) {
        String user = checkedName(name);
        return transaction.execute(status -> {
            int changed = jdbc.update("UPDATE users SET enabled = FALSE WHERE username = ? AND enabled = TRUE", user);
            if (changed == 0) {
                throw new UsageException(users.userExists(user) ? "user '" + user + "' is disabled already" : "no user '" + user + "'");
            }
            audit.record(AuditEntry.of(actor, channel, AuditAction.USER_DISABLED, "user", user, null, reason));
            return find(user);
        });
    }

    /** Sets a new password; USER_PASSWORD_RESET. */
    public ConsoleUser resetPassword(String name, char[] password, String actor, String channel) {
        String user = checkedName(name);
        checkPassword(password);
        String hash = encoder.encode(new String(password));
        return transaction.execute(status -> {
            int changed = jdbc.update("UPDATE users SET password = ? WHERE username = ?", hash, user);
            if (changed == 0) {
                throw new UsageException("no user '" + user + "'");
            }
            audit.record(AuditEntry.of(actor, channel, AuditAction.USER_PASSWORD_RESET, "user", user, null, null));
            return find(user);
        });
    }

    /** Every user with their roles, by name. */
    public List<ConsoleUser> list() {
        Map<String, Boolean> enabled = new LinkedHashMap<>();
        jdbc.query("SELECT username, enabled FROM users ORDER BY username",
                rs -> { enabled.put(rs.getString(1), rs.getBoolean(2)); });
        Map<String, List<ConsoleRole>> roles = new LinkedHashMap<>();
        jdbc.query("SELECT username, authority FROM authorities ORDER BY username, authority", rs -> {
            String authority = rs.getString(2);
            if (authority.startsWith("ROLE_")) {
                try {
                    roles.computeIfAbsent(rs.getString(1).toLowerCase(java.util.Locale.ROOT), key -> new ArrayList<>())
                            .add(ConsoleRole.valueOf(authority.substring(5)));
                }
                catch (IllegalArgumentException ex) {
                    // an authority this version does not know grants nothing
                }
            }
        });
        return enabled.entrySet().stream().map(e -> new ConsoleUser(e.getKey(), e.getValue(),
                List.copyOf(roles.getOrDefault(e.getKey().toLowerCase(java.util.Locale.ROOT), List.of())))).toList();
    }

    /** Whether anyone can log in: {@code serve} refuses to start otherwise. */
    public boolean anyEnabled() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE enabled = TRUE", Long.class);
        return count != null && count > 0;
    }

    private ConsoleUser find(String user) {
        return list().stream().filter(u -> u.name().equalsIgnoreCase(user)).findFirst()
                .orElseThrow(() -> new UsageException("no user '" + user + "'"));
    }

    private static String checkedName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UsageException("a user name is 1 to 50 letters, digits or . _ @ - (starting with a letter or digit), got '"
                    + (name == null ? "" : name.length() > 60 ? name.substring(0, 60) + "..." : name) + "'");
        }
        return name;
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MINIMUM_PASSWORD_LENGTH) {
            throw new UsageException("a password needs at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        if (password.length > 72) {
            // BCrypt reads 72 bytes at most: a longer password would be silently cut
            throw new UsageException("a password has at most 72 characters (BCrypt reads no more)");
        }
    }
}
