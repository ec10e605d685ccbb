package org.ccm.monthend.importing;

import java.io.IOException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ccm.monthend.importing.ImportReport.FileReport;
import org.ccm.monthend.importing.ImportReport.Status;
import org.ccm.monthend.importing.InputSchema.FileSchema;

/**
 * Imports one file: streams its records (line by line, see {@link CsvLines}), validates each, and every {@code batchSize} records checks the
 * batch's patient and member references with one query per table, upserts the good rows in one JDBC batch
 * and one transaction, and writes the batch's rejects in line order.
 */
final class FileImport {

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
    private long linesRead;
    private long blankLines;
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
        try (CsvLines lines = new CsvLines(Files.newInputStream(path));
                PreparedStatement statement = connection.prepareStatement(upsert.sql(file))) {
            CsvLines.Row first = lines.next();
            if (first == null) {
                return refused("the file is empty: no header row", List.of());
            }
            if (first.problem() != null) {
                return refused("the header row cannot be read: " + first.problem(), List.of());
            }
            List<String> header = first.values().stream().map(String::strip).toList();
            String problem = headerProblem(header);
            List<String> ignored = header.stream().filter(h -> !file.columns().contains(h)).toList();
            if (problem != null) {
                return refused(problem, ignored);
            }
            lines.expectValues(header.size());
            importRows(lines, header, statement);
            return new FileReport(file.fileName(), file.table(), Status.IMPORTED, linesRead, blankLines, rowsRead, imported,
                    rejected, null, ignored);
        }
    }

    /**
     * Reads the data rows after the header to the end of the file. Every physical line is counted: blank, part of
     * a row (imported or rejected), or rejected on its own (broken quoting, not UTF-8).
     */
    private void importRows(CsvLines lines, List<String> header, PreparedStatement statement)
            throws IOException, SQLException {
        RowReader rowReader = new RowReader(schema, header, now);
        // time_entries.csv may hold 10 million rows: a repeated entry_id there is left to the upsert
        KeyLines seen = file == InputFile.TIME_ENTRIES ? null : new KeyLines();
        String keyFields = String.join("|", file.keyColumns());
        int sinceFlush = 0;
        for (CsvLines.Row row = lines.next(); row != null; row = lines.next()) {
            long line = row.line();
            if (row.problem() == null && row.blank() && header.size() > 1) {
                linesRead++;
                blankLines++;
                continue; // a blank line is not a row
            }
            rowsRead++;
            linesRead += row.lines();
            if (row.problem() != null) {
                batchRejects.add(new Reject(line, "", "", row.problem()));
            }
            else {
                List<String> values = row.values();
                try {
                    if (values.size() != header.size()) {
                        throw new Rejected("", "the row has " + values.size() + " values, the header has "
                                + header.size() + " columns");
                    }
                    Object[] parsed = rowReader.read(values);
                    String key = rowReader.key(parsed);
                    if (seen != null && line <= Integer.MAX_VALUE) {
                        int earlier = seen.putIfAbsent(key, (int) line);
                        if (earlier != 0) {
                            throw new Rejected(keyFields, "duplicate key in file, first at line " + earlier);
                        }
                    }
                    rows.add(new Row(line, key, parsed));
                }
                catch (Rejected reject) {
                    if (row.lines() > 1) {
                        // a quote that opened a value and closed lines later made one row of several lines, and
                        // that row is refused: more likely an unclosed quote; read the lines after it on their own
                        linesRead -= row.lines() - 1;
                        batchRejects.add(new Reject(line, "", "", lines.unjoin(reject.field().isEmpty() ? reject.reason()
                                : reject.field() + ": " + reject.reason())));
                    }
                    else {
                        batchRejects.add(new Reject(line, rowReader.rawKey(values), reject.field(), reject.reason()));
                    }
                }
            }
            if (++sinceFlush >= batchSize) {
                flush(statement);
                sinceFlush = 0;
            }
        }
        flush(statement);
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
        return new FileReport(file.fileName(), file.table(), Status.REFUSED, 0, 0, 0, 0, 0, problem, ignored);
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

}
