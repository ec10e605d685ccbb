package org.ccm.monthend.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.importing.InputFile;
import org.ccm.monthend.importing.Upsert;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Generated rows into the business tables through one connection: a JDBC batch per table, committed every
 * {@code batchSize} rows. An empty table gets plain INSERTs; a table with rows gets the import's upsert, so
 * generating into a database that already holds the same ids updates them like an import would.
 */
final class DatabaseSink implements RowSink {

    private final Connection connection;
    private final boolean autoCommit;
    private final int batchSize;
    private final Map<InputFile, PreparedStatement> statements = new EnumMap<>(InputFile.class);
    private final Map<InputFile, Integer> pending = new EnumMap<>(InputFile.class);
    private boolean failed;

    DatabaseSink(DataSource dataSource, Dialect dialect, int batchSize) {
        this.batchSize = batchSize;
        try {
            connection = dataSource.getConnection();
            autoCommit = connection.getAutoCommit();
            Upsert upsert = new Upsert(dialect);
            for (InputFile file : InputFile.values()) {
                statements.put(file, connection.prepareStatement(isEmpty(file) ? upsert.insertSql(file) : upsert.sql(file)));
                pending.put(file, 0);
            }
            connection.setAutoCommit(false);
        }
        catch (SQLException ex) {
            throw failure("cannot start writing demo data", ex);
        }
    }

    private boolean isEmpty(InputFile file) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM " + file.table() + " LIMIT 1");
                ResultSet result = query.executeQuery()) {
            return !result.next();
        }
    }

    @Override
    public void row(InputRow row) {
        InputFile file = row.file();
        Object[] values = row.values();
        PreparedStatement statement = statements.get(file);
        try {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.addBatch();
            int count = pending.merge(file, 1, Integer::sum);
            if (count >= batchSize) {
                statement.executeBatch();
                connection.commit();
                pending.put(file, 0);
            }
        }
        catch (SQLException ex) {
            failed = true;
            throw failure("cannot write demo data into " + file.table(), ex);
        }
    }

    @Override
    public void close() {
        try (connection) {
            if (failed) {
                // keep the committed batches (a new run upserts over them), add nothing half-done
                connection.rollback();
                connection.setAutoCommit(autoCommit);
                return;
            }
            for (Map.Entry<InputFile, PreparedStatement> entry : statements.entrySet()) {
                if (pending.get(entry.getKey()) > 0) {
                    entry.getValue().executeBatch();
                }
                entry.getValue().close();
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
        catch (SQLException ex) {
            throw failure("cannot finish writing demo data", ex);
        }
    }

    private static DataAccessResourceFailureException failure(String message, SQLException ex) {
        return new DataAccessResourceFailureException(message + ": " + ex.getMessage(), ex);
    }
}
