package org.ccm.monthend.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Values written into a MySQL or MariaDB statement as literals, for multi-row INSERTs whose parameters would cost
 * Connector/J about a microsecond each to bind (issue 15: the close's claims, submit's reservations). Numbers are
 * written as digits; a string only of letters, digits, space and {@code . : _ -} goes in quotes; any other string as
 * the hexadecimal of its UTF-8 bytes ({@code _utf8mb4 X'...'}), so no value can end its literal or be read as SQL,
 * whatever the SQL mode ({@code NO_BACKSLASH_ESCAPES}, {@code ANSI_QUOTES}); null as NULL.
 */
public final class SqlLiterals {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiterals() {
    }

    /** {@code INSERT INTO table (columns) VALUES (...), (...)}: one row per array, its values in column order. */
    public static String insert(String table, String columns, List<Object[]> rows) {
        StringBuilder sql = new StringBuilder(64 + rows.size() * 64);
        sql.append("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            Object[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    sql.append(", ");
                }
                append(sql, row[i]);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** One value as a literal: an Integer or a Long as digits, null as NULL, anything else as its string. */
    public static void append(StringBuilder sql, Object value) {
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
}
