package org.ccm.monthend.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table the close inserts rows of type {@code R} into, its columns defined once: the INSERT's column list, the JDBC
 * batch parameters and the literal rows are all derived from {@link #columns()}, in its order, so they cannot disagree.
 */
record InsertTable<R>(String table, List<Column<R>> columns) {

    /**
     * @param sqlType the column's type in the table (V2__business_schema.sql)
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

    /**
     * One {@code INSERT ... VALUES (...), (...)} of all rows with their values written into the statement, for MySQL
     * and MariaDB: the server parses literal rows for less than the JSON_TABLE this replaced cost it to convert JSON
     * (issue 15, docs/performance.md), and writing them costs the JVM less than a JDBC batch's binding (13 s more at
     * 1M patients). Numbers are written as digits; a string only of letters, digits, space and {@code . : _ -} goes in
     * quotes, any other as the hexadecimal of its UTF-8 bytes ({@code _utf8mb4 X'...'}), so no value is ever read as
     * SQL, whatever the SQL mode; NULL as NULL.
     */
    String valuesSql(List<R> rows) {
        StringBuilder sql = new StringBuilder(64 + rows.size() * columns.size() * 16);
        sql.append("INSERT INTO ").append(table).append(" (").append(columnList()).append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                appendLiteral(sql, columns.get(i).value().apply(rows.get(r)));
            }
            sql.append(')');
        }
        return sql.toString();
    }

    static void appendLiteral(StringBuilder sql, Object value) {
        if (value == null) {
            sql.append("NULL");
        }
        else if (value instanceof Integer || value instanceof Long) {
            sql.append(value);
        }
        else {
            String text = value.toString();
            if (plain(text)) {
                sql.append('\'').append(text).append('\'');
            }
            else {
                sql.append("_utf8mb4 X'");
                for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                    sql.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                sql.append('\'');
            }
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.'
                    || c == ':' || c == '_' || c == '-';
            if (!safe) {
                return false;
            }
        }
        return true;
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
