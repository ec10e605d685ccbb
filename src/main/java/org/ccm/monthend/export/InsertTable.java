package org.ccm.monthend.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table the close inserts rows of type {@code R} into, its columns defined once: the INSERT's column list, the JDBC
 * batch parameters, the positions in the JSON array of each row and JSON_TABLE's {@code PATH '$[n]'} list are all
 * derived from {@link #columns()}, in its order, so they cannot disagree.
 */
record InsertTable<R>(String table, List<Column<R>> columns) {

    /**
     * @param sqlType the column's type in the table (V2__business_schema.sql), which JSON_TABLE converts to
     * @param value the row's value: a string, an Integer or Long, a date as YYYY-MM-DD or an amount as a plain string
     */
    record Column<R>(String name, String sqlType, Function<R, Object> value) {
    }

    InsertTable {
        columns = List.copyOf(columns);
    }

    private String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** {@code INSERT INTO t (a, b) VALUES (?, ?)}, for a JDBC batch of {@link #parameters}. */
    String batchSql() {
        return "INSERT INTO " + table + " (" + columnList() + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    /** One INSERT of all rows, bound as one JSON array of arrays ({@link #json}) that JSON_TABLE turns back into rows. */
    String jsonTableSql() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            paths.add(columns.get(i).name() + " " + columns.get(i).sqlType() + " PATH '$[" + i + "]'");
        }
        return "INSERT INTO " + table + " (" + columnList() + ") SELECT " + columnList()
                + " FROM JSON_TABLE(?, '$[*]' COLUMNS (" + String.join(", ", paths) + ")) AS rows_of_chunk";
    }

    /** Each row's values in column order. */
    List<Object[]> parameters(List<R> rows) {
        List<Object[]> parameters = new ArrayList<>(rows.size());
        for (R row : rows) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = columns.get(i).value().apply(row);
            }
            parameters.add(values);
        }
        return parameters;
    }

    String json(List<R> rows) {
        return ClaimInserts.json(parameters(rows));
    }
}
