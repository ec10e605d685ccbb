package org.ccm.monthend.importing;

import java.util.List;
import java.util.stream.Collectors;

import org.ccm.monthend.core.Dialect;

/**
 * The insert-or-update statement of a table for the database at hand. Both the import and the demo-data
 * generator write through it, so "the same rows twice leave the same database" holds for both.
 * <ul>
 * <li>H2: {@code MERGE INTO t (cols) KEY (keys) VALUES (?, ...)}</li>
 * <li>MySQL and MariaDB: {@code INSERT INTO t (cols) VALUES (?, ...) ON DUPLICATE KEY UPDATE c = VALUES(c), ...}
 * ({@code VALUES()} is deprecated on MySQL 8.0.20+ but is the one form both MySQL and MariaDB accept)</li>
 * </ul>
 */
public final class Upsert {

    private final Dialect dialect;

    public Upsert(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The upsert of all columns of {@code file}'s table, parameters in {@link InputFile#columns()} order. */
    public String sql(InputFile file) {
        return sql(file.table(), file.columns(), file.keyColumns());
    }

    public String sql(String table, List<String> columns, List<String> keyColumns) {
        String names = String.join(", ", columns);
        String parameters = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        if (dialect == Dialect.H2) {
            return "MERGE INTO " + table + " (" + names + ") KEY (" + String.join(", ", keyColumns) + ") VALUES ("
                    + parameters + ")";
        }
        List<String> updated = columns.stream().filter(c -> !keyColumns.contains(c)).toList();
        // a table made only of its key (other_service) has nothing to update: a no-op assignment keeps the syntax valid
        String assignments = updated.isEmpty() ? keyColumns.get(0) + " = " + keyColumns.get(0)
                : updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + parameters + ") ON DUPLICATE KEY UPDATE "
                + assignments;
    }

    /** A plain INSERT, for loading tables known to be empty (faster than an upsert on some databases). */
    public String insertSql(InputFile file) {
        return "INSERT INTO " + file.table() + " (" + String.join(", ", file.columns()) + ") VALUES ("
                + file.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }
}
