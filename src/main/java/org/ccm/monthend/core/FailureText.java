package org.ccm.monthend.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessException;

/**
 * A failure said in one line that carries no patient data, for the console, the log and the exit message
 * of an execution. Database drivers quote the values of the row they refused ({@code VALUES ('P001',
 * '2026-10')}, {@code Duplicate entry 'P001-2026-10'}): for a database failure this names the kind of
 * failure, the SQLState and vendor code, the table and the constraint when they can be read, never the
 * values. Any other failure is named by its class, with its message only when the message is ours (thrown
 * from this application, whose messages name files, lines, months and executions, never a patient), an
 * I/O message (a path), or Spring Batch's own (steps, jobs, parameters).
 */
public final class FailureText {

    /** The table of a statement: INSERT INTO claim, UPDATE patient, DELETE FROM x, SELECT ... FROM y. */
    private static final Pattern STATEMENT_TABLE = Pattern.compile("(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|FROM)\\s+[`\"]?(\\w+)");
    /** H2: {@code "PUBLIC.CONSTRAINT_3D INDEX PUBLIC.PRIMARY_KEY_3D ON PUBLIC.CLAIM(PATIENT_ID, ...)"}. */
    private static final Pattern H2_INDEX = Pattern.compile("(?:INDEX\\s+(?:\\w+\\.)?(\\w+)\\s+)?ON\\s+(?:\\w+\\.)?(\\w+)\\s*\\(");
    /** MySQL / MariaDB: {@code for key 'claim.PRIMARY'}. */
    private static final Pattern MYSQL_KEY = Pattern.compile("for key '(?:(\\w+)\\.)?(\\w+)'");
    /** MySQL / MariaDB foreign keys: {@code (`db`.`claim_line`, CONSTRAINT `fk_x` FOREIGN KEY ...}. */
    private static final Pattern MYSQL_CONSTRAINT = Pattern.compile("`(\\w+)`, CONSTRAINT `(\\w+)`");
    private static final String OURS = "org.ccm.monthend.";
    private static final String BATCH_CORE = "org.springframework.batch.core.";

    private FailureText() {
    }

    /** One line for {@code failure} and its causes, free of the data being processed. */
    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        NoSpaceLeftException full = find(failure, NoSpaceLeftException.class);
        if (full != null) {
            return full.getMessage();
        }
        if (NoSpaceLeftException.isNoSpace(failure)) {
            return "no space left on device (a write was cut short); free space and run it again";
        }
        // an exception class of our own is written to be read (ImportFailedException says which file and lines
        // failed and what to do); what it wraps is not quoted
        if (failure.getClass().getName().startsWith(OURS) && failure.getMessage() != null && !failure.getMessage().isBlank()) {
            return failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage());
        }
        SQLException sql = find(failure, SQLException.class);
        DataAccessException dataAccess = find(failure, DataAccessException.class);
        if (sql != null || dataAccess != null) {
            return database(dataAccess, sql, root(failure));
        }
        Throwable root = root(failure);
        String message = safeMessage(root);
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** What this one failure says, without its causes, as safe as {@link #of}; for the log's stack traces. */
    static String single(Throwable failure) {
        if (failure instanceof DataAccessException dataAccess) {
            return database(dataAccess, find(failure, SQLException.class), root(failure));
        }
        if (failure instanceof SQLException sql) {
            return database(null, sql, root(failure));
        }
        String message = safeMessage(failure);
        return failure.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static String database(DataAccessException dataAccess, SQLException sql, Throwable root) {
        StringBuilder text = new StringBuilder(dataAccess != null ? dataAccess.getClass().getSimpleName() : sql.getClass().getSimpleName());
        String vendor = sql == null ? "" : String.valueOf(sql.getMessage());
        String statement = dataAccess == null ? "" : statement(String.valueOf(dataAccess.getMessage()));
        String table = null;
        String constraint = null;
        Matcher key = MYSQL_KEY.matcher(vendor);
        Matcher mysqlConstraint = MYSQL_CONSTRAINT.matcher(vendor);
        Matcher index = H2_INDEX.matcher(vendor);
        if (key.find()) {
            table = key.group(1);
            constraint = key.group(2);
        }
        else if (mysqlConstraint.find()) {
            table = mysqlConstraint.group(1);
            constraint = mysqlConstraint.group(2);
        }
        else if (index.find()) {
            constraint = index.group(1);
            table = index.group(2);
        }
        if (table == null) {
            // only from the statement (Spring's "SQL [...]", H2's "SQL statement:"), never from the prose of a message
            int h2 = vendor.indexOf("SQL statement:");
            String sqlText = !statement.isEmpty() ? statement : h2 >= 0 ? vendor.substring(h2 + 14) : "";
            Matcher fromStatement = STATEMENT_TABLE.matcher(sqlText);
            table = fromStatement.find() ? fromStatement.group(1) : null;
        }
        if (table != null) {
            text.append(" on table ").append(table.toLowerCase(Locale.ROOT));
        }
        if (constraint != null) {
            text.append(", constraint ").append(constraint);
        }
        if (sql != null) {
            text.append(" (SQLState ").append(sql.getSQLState()).append(", vendor code ").append(sql.getErrorCode()).append(')');
            if (isConnectionFailure(sql)) {
                // a lost link is reported by the driver, not about a row: its words help the operator and quote no data
                text.append(": ").append(firstLine(vendor));
                if (root != sql && (root instanceof IOException)) {
                    // the socket's own words under the driver's ("Can not read response from server ...")
                    text.append("; ").append(root.getClass().getSimpleName()).append(": ").append(firstLine(String.valueOf(root.getMessage())));
                }
            }
        }
        return text.toString();
    }

    /** A connection that dropped, could not be opened, or a transaction the server rolled back (deadlock). */
    private static boolean isConnectionFailure(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return sql instanceof SQLNonTransientConnectionException || sql instanceof SQLTransientConnectionException
                || sql instanceof SQLRecoverableException || state.startsWith("08") || state.startsWith("40");
    }

    /** The SQL of Spring's "PreparedStatementCallback; SQL [INSERT ...]; vendor message", or "". */
    private static String statement(String message) {
        int start = message.indexOf("SQL [");
        int end = start < 0 ? -1 : message.indexOf(']', start);
        return end < 0 ? "" : message.substring(start + 5, end);
    }

    /** The message of a failure when it cannot hold data: ours, or an I/O error (it names a path); else null. */
    private static String safeMessage(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        boolean io = failure instanceof IOException || failure instanceof UncheckedIOException;
        StackTraceElement[] frames = failure.getStackTrace();
        boolean ours = failure instanceof UsageException
                || frames.length > 0 && frames[0].getClassName().startsWith(OURS);
        // Spring Batch's own failures name steps, jobs and parameters ("Partition handler returned an unsuccessful step")
        boolean batch = failure.getClass().getName().startsWith(BATCH_CORE);
        return io || ours || batch ? firstLine(message) : null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return (newline < 0 ? trimmed : trimmed.substring(0, newline)).strip();
    }
}
