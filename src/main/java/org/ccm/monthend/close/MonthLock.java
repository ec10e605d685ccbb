package org.ccm.monthend.close;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.ccm.monthend.core.Dialect;
import org.springframework.stereotype.Component;

/**
 * One close of a month at a time, across processes and machines. On MySQL it is a named lock
 * ({@code GET_LOCK}) held by a dedicated connection for the whole run: the server releases it when the
 * holder's connection dies, so a lock that can be taken proves no live process is running the month,
 * which is what makes recovering a STARTED execution safe. The embedded H2 database can only be opened
 * by one process at a time, so there a lock within the JVM is enough.
 */
@Component
class MonthLock {

    private static final Set<String> LOCAL = ConcurrentHashMap.newKeySet();

    private final DataSource dataSource;
    private final Dialect dialect;

    MonthLock(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** The held lock, or empty when another run holds it. */
    Optional<AutoCloseable> tryAcquire(YearMonth month) throws SQLException {
        String name = "ccm-month-end:close:" + month;
        if (dialect != Dialect.MYSQL) {
            if (!LOCAL.add(name)) {
                return Optional.empty();
            }
            return Optional.of(() -> LOCAL.remove(name));
        }
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
}
