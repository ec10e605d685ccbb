package org.ccm.monthend.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ccm.monthend.core.SqlLiterals;

/**
 * A table the close inserts rows of type {@code R} into, its columns defined once: the INSERT's column list, the JDBC
 * batch parameters and the literal rows are all derived from {@link #columns()}, in its order, so they cannot disagree.
 */
record InsertTable<R>(String table, List<Column<R>> columns) {

    /**
     * @param value the row's value: a string, an Integer or Long, a date as YYYY-MM-DD or an amount as a plain string
     */
    record Column<R>(String name, Function<R, Object> value) {
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

    /**
     * One {@code INSERT ... VALUES (...), (...)} of all rows with their values written into the statement, for MySQL
     * and MariaDB: the server parses literal rows for less than the JSON_TABLE this replaced cost it to convert JSON
     * (issue 15, docs/performance.md), and writing them costs the JVM less than a JDBC batch's binding (13 s more at
     * 1M patients). {@link SqlLiterals} writes the values: no value is ever read as SQL, whatever the SQL mode.
     */
    String valuesSql(List<R> rows) {
        return SqlLiterals.insert(table, columnList(), parameters(rows));
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
}
