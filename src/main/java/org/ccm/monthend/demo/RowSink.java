package org.ccm.monthend.demo;

import org.ccm.monthend.importing.InputFile;

/** Where generated rows go: the database or the input CSV files. Values in {@link InputFile#columns()} order. */
interface RowSink extends AutoCloseable {

    void row(InputFile file, Object... values);

    @Override
    void close();
}
