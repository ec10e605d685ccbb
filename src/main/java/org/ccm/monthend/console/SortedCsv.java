package org.ccm.monthend.console;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A published CSV file read without loading it: one record per physical line (the exports write no line breaks inside
 * values), sorted by its first column in Java's string order (claims.csv by claim id, evidence.csv by entry id,
 * exceptions.csv by patient id). {@link #find} bisects the bytes (O(log n) reads of a few hundred bytes), {@link #page}
 * reads forward from a line's byte offset, which is the paging cursor: it names a position, never a patient.
 */
final class SortedCsv implements AutoCloseable {

    private static final int CHUNK = 512;

    private final RandomAccessFile file;
    private final long length;
    private final long dataStart;
    private final List<String> header;

    private SortedCsv(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "r");
        this.length = file.length();
        Line first = readLine(0);
        this.dataStart = first == null ? length : first.end();
        this.header = first == null ? List.of() : fields(first.text());
    }

    static SortedCsv open(Path path) throws IOException {
        return new SortedCsv(path);
    }

    List<String> header() {
        return header;
    }

    long dataStart() {
        return dataStart;
    }

    /** The records whose first column is {@code key} (consecutive, since the file is sorted by it). */
    List<CSVRecord> find(String key) throws IOException {
        long lo = dataStart;
        long hi = length;
        // lines before lo have a smaller key, lines from hi on a key at least as large
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            long start = lineStartAtOrBefore(mid, lo);
            Line line = readLine(start);
            if (firstField(line.text()).compareTo(key) < 0) {
                lo = line.end();
            }
            else {
                hi = start;
            }
        }
        List<CSVRecord> found = new ArrayList<>();
        for (long at = lo; at < length;) {
            Line line = readLine(at);
            if (line == null || !firstField(line.text()).equals(key)) {
                break;
            }
            found.add(record(line.text()));
            at = line.end();
        }
        return found;
    }

    /** A page of records: up to {@code size} that {@code keep} accepts, from the line at {@code from}. */
    Page page(long from, int size, Predicate<CSVRecord> keep) throws IOException {
        long at = Math.max(from, dataStart);
        if (at > dataStart && at < length && !startsLine(at)) {
            throw new IllegalArgumentException("not the start of a row: " + from);
        }
        List<CSVRecord> rows = new ArrayList<>();
        while (at < length && rows.size() < size) {
            Line line = readLine(at);
            if (line == null) {
                break;
            }
            at = line.end();
            if (line.text().isEmpty()) {
                continue;
            }
            CSVRecord record = record(line.text());
            if (keep.test(record)) {
                rows.add(record);
            }
        }
        // the next page starts at the next row that is kept: skip to it, so "next" is offered only when there is one
        long next = -1;
        while (at < length) {
            Line line = readLine(at);
            if (line == null) {
                break;
            }
            if (!line.text().isEmpty() && keep.test(record(line.text()))) {
                next = at;
                break;
            }
            at = line.end();
        }
        return new Page(rows, next);
    }

    /** Records and the byte offset of the next page (-1: none). */
    record Page(List<CSVRecord> rows, long next) {
    }

    private boolean startsLine(long at) throws IOException {
        file.seek(at - 1);
        return file.read() == '\n';
    }

    /** The start of the line holding byte {@code at}, not before {@code floor} (itself a line start). */
    private long lineStartAtOrBefore(long at, long floor) throws IOException {
        long end = at;
        byte[] buffer = new byte[CHUNK];
        while (end > floor) {
            long begin = Math.max(floor, end - CHUNK);
            int n = (int) (end - begin);
            file.seek(begin);
            file.readFully(buffer, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return begin + i + 1;
                }
            }
            end = begin;
        }
        return floor;
    }

    /** The line starting at {@code start} without its line break, and where the next one starts; null at the end. */
    private Line readLine(long start) throws IOException {
        if (start >= length) {
            return null;
        }
        file.seek(start);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(160);
        byte[] buffer = new byte[CHUNK];
        long at = start;
        while (at < length) {
            int n = file.read(buffer);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    bytes.write(buffer, 0, i);
                    return new Line(strip(bytes.toString(StandardCharsets.UTF_8)), at + i + 1);
                }
            }
            bytes.write(buffer, 0, n);
            at += n;
        }
        return new Line(strip(bytes.toString(StandardCharsets.UTF_8)), length);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private record Line(String text, long end) {
    }

    private static String firstField(String line) {
        if (line.startsWith("\"")) {
            return fields(line).get(0);
        }
        int comma = line.indexOf(',');
        return comma < 0 ? line : line.substring(0, comma);
    }

    private static List<String> fields(String line) {
        return record(line).toList();
    }

    private static CSVRecord record(String line) {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), CSVFormat.DEFAULT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.isEmpty()) {
                throw new IllegalStateException("an empty row");
            }
            return records.get(0);
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
