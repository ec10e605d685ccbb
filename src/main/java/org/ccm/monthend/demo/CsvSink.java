package org.ccm.monthend.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ccm.monthend.importing.InputFile;

/** The input files of the data contract, written as rows arrive (nothing is held in memory). */
final class CsvSink implements RowSink {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final Map<InputFile, CSVPrinter> printers = new EnumMap<>(InputFile.class);

    CsvSink(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            for (InputFile file : InputFile.values()) {
                printers.put(file, new CSVPrinter(Files.newBufferedWriter(dir.resolve(file.fileName()), StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setHeader(file.columns().toArray(String[]::new)).get()));
            }
        }
        catch (IOException ex) {
            close();
            throw ex;
        }
    }

    @Override
    public void row(InputRow row) {
        Object[] values = row.values();
        Object[] cells = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = format(values[i]);
        }
        try {
            printers.get(row.file()).printRecord(cells);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The forms the importer reads back to equal values: ISO dates, seconds always shown, plain decimals. */
    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDateTime dateTime) {
            return DATE_TIME.format(dateTime);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    @Override
    public void close() {
        IOException failure = null;
        for (CSVPrinter printer : printers.values()) {
            try {
                printer.close(true);
            }
            catch (IOException ex) {
                failure = ex;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}
