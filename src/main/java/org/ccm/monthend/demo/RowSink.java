package org.ccm.monthend.demo;

/** Where generated rows go: the database or the input CSV files. */
interface RowSink extends AutoCloseable {

    void row(InputRow row);

    @Override
    void close();
}
