package org.ccm.monthend.demo;

import java.io.IOException;
import java.nio.file.Path;

/** The synthetic practice as the input CSV files of the data contract: no database needed. */
public final class DemoData {

    private DemoData() {
    }

    /**
     * Writes care_team.csv, patients.csv, ..., time_entries.csv into {@code dir} (created if missing, files
     * replaced). {@code import --from dir} then gives the same rows as {@link DemoDataLoader#load}.
     */
    public static DemoCounts writeCsv(DemoSpec spec, Path dir) throws IOException {
        try (CsvSink sink = new CsvSink(dir)) {
            return new DemoGenerator(spec).generate(sink);
        }
    }
}
