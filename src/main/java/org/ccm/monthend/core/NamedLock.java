package org.ccm.monthend.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * One run of a kind at a time, across processes and machines: a close of a month, a submission. A lock is
 * named ({@code ccm-month-end:close:2026-10}, {@code ccm-month-end:submit}). On MySQL it is a named lock
 * ({@code GET_LOCK}) held by a dedicated connection for the whole run: the server releases it when the
 * holder's connection dies, so a lock that can be taken proves no live process is running the month,
 * which is what makes recovering a STARTED execution safe. On the embedded H2 database (opened with
 * {@code AUTO_SERVER=TRUE}, so several processes share one engine) the same holds for a row of
 * {@code month_lock} locked {@code FOR UPDATE NOWAIT} by a connection whose transaction stays open.
 */
@Component
public class NamedLock {

    /** H2's "timeout trying to lock table": the row is locked by another session. */
    private static final int H2_LOCK_TIMEOUT = 50200;

    private final DataSource dataSource;
    private final Dialect dialect;

    public NamedLock(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The held lock, or empty when another run holds it. */
    public Optional<AutoCloseable> tryAcquire(String name) throws SQLException {
        return dialect == Dialect.MYSQL ? namedLock(name) : rowLock(name);
    }

    private Optional<AutoCloseable> namedLock(String name) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
                lock.setString(1, name);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        connection.close();
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(() -> {
                try (connection; PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    release.setString(1, name);
                    release.execute();
                }
            });
        }
        catch (SQLException | RuntimeException ex) {
            connection.close();
            throw ex;
        }
    }

    private Optional<AutoCloseable> rowLock(String name) throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        try {
            connection.setAutoCommit(true);
            // a plain read does not wait for a locked row (MVCC): only the first lock of a name inserts it
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO month_lock (lock_name) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM month_lock WHERE lock_name = ?)")) {
                insert.setString(1, name);
                insert.setString(2, name);
                insert.executeUpdate();
            }
            catch (SQLIntegrityConstraintViolationException insertedMeanwhile) {
                // another process inserted the same name between the read and the insert: the row is there
            }
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT lock_name FROM month_lock WHERE lock_name = ? FOR UPDATE NOWAIT")) {
                lock.setString(1, name);
                lock.executeQuery().close();
            }
            catch (SQLException held) {
                if (held.getErrorCode() != H2_LOCK_TIMEOUT) {
                    throw held;
                }
                connection.rollback();
                connection.setAutoCommit(autoCommit);
                connection.close();
                return Optional.empty();
            }
            return Optional.of(() -> {
                try (connection) {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                }
            });
        }
        catch (SQLException | RuntimeException ex) {
            connection.close();
            throw ex;
        }
    }
}
