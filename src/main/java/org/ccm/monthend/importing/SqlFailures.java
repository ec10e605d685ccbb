package org.ccm.monthend.importing;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whose fault a failed statement is: the row's (a value the database refuses for that row, which a reject
 * reports) or the database's (a lock wait, a deadlock, a lost connection, a missing table, which no row
 * caused and which must fail the import instead of rejecting good rows). Import is idempotent, so a failure
 * costs a second run; a good row rejected costs a claim.
 */
final class SqlFailures {

    /**
     * SQLState classes of the database's own trouble: 08 connection, 25 invalid transaction state, 40 transaction
     * rollback (deadlock, serialization), 53 insufficient resources, 57 operator intervention, 58 system error,
     * HY driver and MySQL's catch-all (lock wait timeout is HY000, error 1205; H2's is HYT00).
     */
    private static final Set<String> DATABASE_CLASSES = Set.of("08", "25", "40", "53", "57", "58", "HY");
    /** SQLState classes a row's own data causes: 22 data exception (too long, out of range), 23 constraint violation. */
    private static final Set<String> ROW_CLASSES = Set.of("22", "23");
    /** MySQL: 1205 lock wait timeout, 1213 deadlock; 2006/2013 server gone or connection lost mid-query. */
    private static final Set<Integer> MYSQL_DATABASE_ERRORS = Set.of(1205, 1213, 2006, 2013);
    /**
     * MySQL reports some refusals of a row's value under HY000: 1366 incorrect value for the column's type,
     * 1265 data truncated, 3819 check constraint violated. Only a replayed single row is judged by them.
     */
    private static final Set<Integer> MYSQL_ROW_ERRORS = Set.of(1265, 1366, 3819);

    private SqlFailures() {
    }

    /** True when anything in the chain (next exceptions and causes) says the database failed, not the row. */
    static boolean isDatabaseFailure(SQLException failure) {
        for (SQLException link : chain(failure)) {
            if (link instanceof SQLTransientException || link instanceof SQLRecoverableException
                    || link instanceof SQLNonTransientConnectionException
                    || MYSQL_DATABASE_ERRORS.contains(link.getErrorCode())) {
                return true;
            }
            if (MYSQL_ROW_ERRORS.contains(link.getErrorCode())) {
                continue;
            }
            if (DATABASE_CLASSES.contains(stateClass(link))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True only when the chain positively names the row's data (class 22 or 23, or MySQL's row errors) and nothing
     * in it is a database failure. An unknown failure is not the row's: it fails the import rather than reject.
     */
    static boolean isRowFault(SQLException failure) {
        if (isDatabaseFailure(failure)) {
            return false;
        }
        for (SQLException link : chain(failure)) {
            if (link instanceof SQLDataException || link instanceof SQLIntegrityConstraintViolationException
                    || ROW_CLASSES.contains(stateClass(link)) || MYSQL_ROW_ERRORS.contains(link.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    private static String stateClass(SQLException ex) {
        String state = ex.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2);
    }

    /** The exception, its next exceptions (a batch's per-row failures) and their causes, each once. */
    private static List<SQLException> chain(SQLException failure) {
        List<SQLException> chain = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && chain.size() < 64) {
            Throwable next = pending.remove(0);
            if (next instanceof SQLException sql && chain.stream().noneMatch(seen -> seen == sql)) {
                chain.add(sql);
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (next.getCause() != null && next.getCause() != next) {
                pending.add(next.getCause());
            }
        }
        return chain;
    }
}
