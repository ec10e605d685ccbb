package org.ccm.monthend.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** rejects.csv of one import: every row that was not imported, with the reason. Written as the import goes. */
final class RejectsWriter implements AutoCloseable {

    static final String[] HEADER = {"file", "line", "key", "field", "reason"};

    private final CSVPrinter printer;

    RejectsWriter(Path path) throws IOException {
        this.printer = new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(HEADER).get());
    }

    void write(String file, long line, String key, String field, String reason) {
        try {
            printer.printRecord(file, line, key, field, reason);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
