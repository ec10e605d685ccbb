package org.ccm.monthend.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.importing.ImportReport.FileReport;
import org.ccm.monthend.importing.ImportReport.Status;
import org.ccm.monthend.importing.InputSchema.FileSchema;

/**
 * Imports one file: streams its records, validates each, and every {@code batchSize} records checks the
 * batch's patient and member references with one query per table, upserts the good rows in one JDBC batch
 * and one transaction, and writes the batch's rejects in line order.
 */
final class FileImport {

    /** RFC 4180 without a header definition: the header is read as the first record, so its problems are ours to word. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final int IN_LIST = 500;

    private record Row(long line, String key, Object[] values) {
    }

    private record Reject(long line, String key, String field, String reason) {
    }

    private final InputFile file;
    private final FileSchema schema;
    private final Path path;
    private final Connection connection;
    private final Upsert upsert;
    private final RejectsWriter rejects;
    private final LocalDateTime now;
    private final int batchSize;

    private final List<Row> rows = new ArrayList<>();
    private final List<Reject> batchRejects = new ArrayList<>();
    private long rowsRead;
    private long imported;
    private long rejected;

    FileImport(InputFile file, Path path, Connection connection, Upsert upsert, RejectsWriter rejects,
            LocalDateTime now, int batchSize) {
        this.file = file;
        this.schema = InputSchema.of(file);
        this.path = path;
        this.connection = connection;
        this.upsert = upsert;
        this.rejects = rejects;
        this.now = now;
        this.batchSize = batchSize;
    }

    /**
     * @throws DatabaseFailure when the database fails (rather than refuses a row): the import must stop, and be
     *         run again
     */
    FileReport run() throws IOException, DatabaseFailure {
        try {
            return importFile();
        }
        catch (DatabaseFailure failure) {
            throw failure;
        }
        catch (SQLException ex) {
            throw new DatabaseFailure(file.fileName(), ex);
        }
    }

    private FileReport importFile() throws IOException, SQLException {
        try (Reader reader = open(path); CSVParser parser = FORMAT.parse(reader);
                PreparedStatement statement = connection.prepareStatement(upsert.sql(file))) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> header;
            try {
                header = records.next().stream().map(String::strip).toList();
            }
            catch (NoSuchElementException empty) {
                return refused("the file is empty: no header row", List.of());
            }
            catch (UncheckedIOException | IllegalStateException broken) {
                return refused("the header row cannot be read: " + message(broken), List.of());
            }
            String problem = headerProblem(header);
            List<String> ignored = header.stream().filter(h -> !file.columns().contains(h)).toList();
            if (problem != null) {
                return refused(problem, ignored);
            }
            String stopped = importRows(parser, records, header, statement);
            return new FileReport(file.fileName(), file.table(), stopped == null ? Status.IMPORTED : Status.STOPPED,
                    rowsRead, imported, rejected, stopped, ignored);
        }
    }

    /** Reads the data rows after the header; returns why reading stopped early, or null when the whole file was read. */
    private String importRows(CSVParser parser, Iterator<CSVRecord> records, List<String> header,
            PreparedStatement statement) throws SQLException {
        RowReader rowReader = new RowReader(schema, header, now);
        // time_entries.csv may hold 10 million rows: a repeated entry_id there is left to the upsert
        KeyLines seen = file == InputFile.TIME_ENTRIES ? null : new KeyLines();
        String keyFields = String.join("|", file.keyColumns());
        String stopped = null;
        int sinceFlush = 0;
        while (true) {
            // the line counter stands after the previous record's line break: the next record starts one further
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                record = records.next();
            }
            catch (NoSuchElementException end) {
                break;
            }
            catch (UncheckedIOException | IllegalStateException broken) {
                rowsRead++;
                stopped = (broken.getCause() instanceof CharacterCodingException ? "not UTF-8" : "broken quoting")
                        + " at line " + line + ": " + message(broken) + "; the rest of the file was not read";
                batchRejects.add(new Reject(line, "", "", stopped));
                break;
            }
            if (record.size() <= 1 && record.get(0).isBlank() && header.size() > 1) {
                continue; // a blank line is not a row
            }
            rowsRead++;
            try {
                if (record.size() != header.size()) {
                    throw new Rejected("", "the row has " + record.size() + " values, the header has "
                            + header.size() + " columns");
                }
                Object[] values = rowReader.read(record);
                String key = rowReader.key(values);
                if (seen != null && line <= Integer.MAX_VALUE) {
                    int first = seen.putIfAbsent(key, (int) line);
                    if (first != 0) {
                        throw new Rejected(keyFields, "duplicate key in file, first at line " + first);
                    }
                }
                rows.add(new Row(line, key, values));
            }
            catch (Rejected reject) {
                batchRejects.add(new Reject(line, rowReader.rawKey(record), reject.field(), reject.reason()));
            }
            if (++sinceFlush >= batchSize) {
                flush(statement);
                sinceFlush = 0;
            }
        }
        flush(statement);
        return stopped;
    }

    private String headerProblem(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (file.columns().contains(name) && !seen.add(name)) {
                return "the header has column '" + name + "' twice";
            }
        }
        List<String> missing = schema.columns().stream()
                .filter(c -> !c.optionalInHeader() && !header.contains(c.name())).map(Column::name).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return "the header lacks required column" + (missing.size() == 1 ? " '" + missing.get(0) + "'"
                : "s " + missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")));
    }

    private FileReport refused(String problem, List<String> ignored) {
        return new FileReport(file.fileName(), file.table(), Status.REFUSED, 0, 0, 0, problem, ignored);
    }

    private void flush(PreparedStatement statement) throws SQLException {
        List<Row> good = checkReferences();
        write(statement, good);
        batchRejects.sort(Comparator.comparingLong(Reject::line));
        for (Reject reject : batchRejects) {
            rejects.write(file.fileName(), reject.line(), reject.key(), reject.field(), reject.reason());
        }
        rejected += batchRejects.size();
        batchRejects.clear();
        rows.clear();
    }

    /** Unknown patients and members: one query per referenced table for the whole batch, not one per row. */
    private List<Row> checkReferences() throws SQLException {
        List<Column> referencing = schema.columns().stream().filter(c -> c.reference() != null).toList();
        if (referencing.isEmpty() || rows.isEmpty()) {
            return new ArrayList<>(rows);
        }
        List<Set<String>> known = new ArrayList<>();
        for (Column column : referencing) {
            int index = file.indexOf(column.name());
            Set<String> wanted = new LinkedHashSet<>();
            for (Row row : rows) {
                if (row.values()[index] != null) {
                    wanted.add((String) row.values()[index]);
                }
            }
            known.add(existing(column.reference(), wanted));
        }
        List<Row> good = new ArrayList<>(rows.size());
        rows:
        for (Row row : rows) {
            for (int i = 0; i < referencing.size(); i++) {
                Column column = referencing.get(i);
                Object value = row.values()[file.indexOf(column.name())];
                if (value != null && !known.get(i).contains(value)) {
                    batchRejects.add(new Reject(row.line(), row.key(), column.name(),
                            "unknown " + column.reference().noun + " '" + value + "'"));
                    continue rows;
                }
            }
            good.add(row);
        }
        return good;
    }

    private Set<String> existing(Column.Reference reference, Set<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
            String sql = "SELECT " + reference.keyColumn + " FROM " + reference.table + " WHERE " + reference.keyColumn
                    + " IN (" + chunk.stream().map(id -> "?").collect(Collectors.joining(", ")) + ")";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(i + 1, chunk.get(i));
                }
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        found.add(result.getString(1));
                    }
                }
            }
        }
        connection.commit(); // end the read-only transaction the query opened
        return found;
    }

    /**
     * One batch, one transaction. Validation should leave nothing for the database to refuse; if it still refuses a
     * value (a constraint this code does not know), the batch is replayed row by row so that only the bad row is
     * lost. A failure of the database itself (a lock wait, a deadlock, a lost connection) is no row's fault: it
     * stops the import instead, rejecting nothing, so that running the import again loads every row.
     */
    private void write(PreparedStatement statement, List<Row> good) throws SQLException {
        if (good.isEmpty()) {
            return;
        }
        try {
            for (Row row : good) {
                bind(statement, row.values());
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
            imported += good.size();
            return;
        }
        catch (SQLException batchFailure) {
            statement.clearBatch();
            rollback(batchFailure);
            if (SqlFailures.isDatabaseFailure(batchFailure)) {
                throw new DatabaseFailure(lines(good.get(0), good.get(good.size() - 1)), batchFailure);
            }
        }
        for (Row row : good) {
            try {
                bind(statement, row.values());
                statement.executeUpdate();
                connection.commit();
                imported++;
            }
            catch (SQLException rowFailure) {
                rollback(rowFailure);
                if (!SqlFailures.isRowFault(rowFailure)) {
                    throw new DatabaseFailure(lines(row, row), rowFailure);
                }
                // the vendor message may quote the row's values (patient data): state and code only
                batchRejects.add(new Reject(row.line(), row.key(), "", "the database refused the row (SQLState "
                        + rowFailure.getSQLState() + ", error " + rowFailure.getErrorCode() + ")"));
            }
        }
    }

    /** Rolls back after {@code failure}; a rollback that fails too (a lost connection) is recorded beside it. */
    private void rollback(SQLException failure) {
        try {
            connection.rollback();
        }
        catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private String lines(Row first, Row last) {
        return file.fileName() + (first == last ? " line " + first.line() : " lines " + first.line() + "-" + last.line());
    }

    /**
     * The database failed while this file was imported; the message names the file (and the lines being written),
     * never a value. State and vendor code are those of the failure.
     */
    static final class DatabaseFailure extends SQLException {

        DatabaseFailure(String where, SQLException cause) {
            super(where, cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    /** UTF-8, refusing malformed bytes rather than guessing, and without the byte-order mark spreadsheets write. */
    private static Reader open(Path path) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static String message(RuntimeException ex) {
        Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
        return String.valueOf(cause.getMessage());
    }
}
