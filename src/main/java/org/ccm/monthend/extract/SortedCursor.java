package org.ccm.monthend.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * One forward-only query ordered by patient_id, read on its own connection (outside the step's
 * transaction) and consumed patient by patient. On MySQL the driver streams row by row, so no result
 * set is ever held in memory whatever the month's size.
 */
final class SortedCursor<T> implements AutoCloseable {

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A row that carries several items of its patient (one row per patient, assembled by the server). */
    @FunctionalInterface
    interface RowsMapper<T> {
        void map(ResultSet rs, List<T> into) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowsMapper<T> mapper;
    private String currentKey;
    private boolean exhausted;

    SortedCursor(DataSource dataSource, boolean mysql, String sql, List<Object> parameters, RowMapper<T> mapper) throws SQLException {
        this(dataSource, mysql, null, sql, parameters, (rs, into) -> into.add(mapper.map(rs)));
    }

    /** @param session a statement run on the cursor's connection before the query (a session variable), or null */
    SortedCursor(DataSource dataSource, boolean mysql, String session, String sql, List<Object> parameters, RowsMapper<T> mapper)
            throws SQLException {
        this.mapper = mapper;
        this.connection = dataSource.getConnection();
        try {
            connection.setReadOnly(true);
            if (session != null) {
                try (var setting = connection.createStatement()) {
                    setting.execute(session);
                }
            }
            this.statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            // Connector/J buffers the whole result unless the fetch size is MIN_VALUE (row streaming)
            statement.setFetchSize(mysql ? Integer.MIN_VALUE : 1_000);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            this.rows = statement.executeQuery();
            advance();
        }
        catch (SQLException | RuntimeException ex) {
            connection.close();
            throw ex;
        }
    }

    /** Rows for {@code patientId}, skipping rows of patients before it (they are not part of the month). */
    List<T> take(String patientId) throws SQLException {
        while (!exhausted && currentKey.compareTo(patientId) < 0) {
            advance();
        }
        if (exhausted || !currentKey.equals(patientId)) {
            return List.of();
        }
        List<T> taken = new ArrayList<>(4);
        while (!exhausted && currentKey.equals(patientId)) {
            mapper.map(rows, taken);
            advance();
        }
        return taken;
    }

    /** The next row's patient id, or null at the end; used by the driving cursor. */
    String peekKey() {
        return exhausted ? null : currentKey;
    }

    private void advance() throws SQLException {
        if (rows.next()) {
            currentKey = rows.getString(1); // every cursor's first column is patient_id
        }
        else {
            exhausted = true;
            currentKey = null;
        }
    }

    @Override
    public void close() throws SQLException {
        try (connection; statement; rows) {
            // closing the statement ends a streaming result on MySQL; the connection goes back to the pool
        }
    }
}
