package org.ccm.monthend.demo;

import org.ccm.monthend.core.Dialect;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/** The synthetic practice straight into the business tables, in JDBC batches of 1,000 rows. */
@Component
public class DemoDataLoader {

    static final int BATCH_SIZE = 1000;

    private final DataSource dataSource;
    private final Dialect dialect;

    public DemoDataLoader(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Generates {@code spec} into the database; rows whose ids already exist are updated (upsert), not duplicated. */
    public DemoCounts load(DemoSpec spec) {
        try (DatabaseSink sink = new DatabaseSink(dataSource, dialect, BATCH_SIZE)) {
            return new DemoGenerator(spec).generate(sink);
        }
    }
}
