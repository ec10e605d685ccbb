package org.ccm.monthend.core;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The SQL dialect of the database at hand, decided once from the connection metadata when the context
 * starts and injected where SQL differs (upserts, the month lock, streaming reads, claim inserts).
 */
public enum Dialect {

    /** The embedded default. */
    H2(1_000),
    /** MySQL 8 and MariaDB 10.11+ (Connector/J reports a MariaDB server as "MySQL"). */
    MYSQL(Integer.MIN_VALUE);

    private final int streamingFetchSize;

    Dialect(int streamingFetchSize) {
        this.streamingFetchSize = streamingFetchSize;
    }

    /**
     * The fetch size that streams a large result: Connector/J buffers a whole result set unless it is
     * {@code Integer.MIN_VALUE}; H2 reads in pages of this many rows.
     */
    public int streamingFetchSize() {
        return streamingFetchSize;
    }

    /** The dialect of {@code dataSource}, from one connection's metadata. */
    public static Dialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        }
        catch (SQLException ex) {
            throw new DataAccessResourceFailureException("cannot read the database product name", ex);
        }
    }

    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> H2;
            // MySQL Connector/J reports a MariaDB server as "MySQL", the MariaDB driver as "MariaDB"
            case "MySQL", "MariaDB" -> MYSQL;
            default -> throw new InvalidDataAccessApiUsageException(
                    "unsupported database '" + product + "': use the embedded H2, MySQL 8 or MariaDB 10.11+");
        };
    }
}
