package org.ccm.monthend.history;

import javax.sql.DataSource;

import org.ccm.monthend.core.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;

/** JdbcTemplates for reading: one that streams large results, one that stops after a number of rows. */
final class Jdbc {

    private Jdbc() {
    }

    /** Rows one by one: Connector/J buffers a whole result set unless the fetch size is MIN_VALUE. */
    static JdbcTemplate streaming(DataSource dataSource, Dialect dialect) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(dialect.streamingFetchSize());
        return jdbc;
    }

    /** At most {@code rows} rows, whatever the dialect (no LIMIT / FETCH FIRST in the SQL). */
    static JdbcTemplate limited(DataSource dataSource, int rows) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setMaxRows(rows);
        return jdbc;
    }

}
