package org.ccm.monthend.export;

import java.io.StringWriter;
import java.util.List;

import org.ccm.monthend.core.Dialect;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inserts a chunk's claim and claim_line rows, in the chunk's transaction.
 *
 * <p>On MySQL and MariaDB each table's rows go to the server as one JSON array bound to one parameter, which
 * {@code JSON_TABLE} turns back into rows: Connector/J spends about a microsecond binding each parameter of a
 * batched INSERT (twelve per claim, six per line), and that binding was a third of a close's CPU at ten
 * million time entries. Elsewhere (H2, in the same process, where binding is cheap) a JDBC batch.
 */
final class ClaimInserts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CLAIM_COLUMNS = "claim_id, patient_id, service_month, revision, job_execution_id, family,"
            + " billing_npi, date_of_service, minutes_counted, charge_amount, expected_payment, rule_set";
    private static final String LINE_COLUMNS = "claim_id, line, cpt, units, charge_amount, expected_payment";

    private static final String CLAIM_BATCH = "INSERT INTO claim (" + CLAIM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LINE_BATCH = "INSERT INTO claim_line (" + LINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

    // the column types are the tables' own (V2__business_schema.sql)
    private static final String CLAIM_JSON = "INSERT INTO claim (" + CLAIM_COLUMNS + ") SELECT " + CLAIM_COLUMNS + " " + """
             FROM JSON_TABLE(?, '$[*]' COLUMNS (
                    claim_id VARCHAR(100) PATH '$[0]', patient_id VARCHAR(64) PATH '$[1]', service_month CHAR(7) PATH '$[2]',
                    revision INT PATH '$[3]', job_execution_id BIGINT PATH '$[4]', family VARCHAR(20) PATH '$[5]',
                    billing_npi CHAR(10) PATH '$[6]', date_of_service DATE PATH '$[7]', minutes_counted DECIMAL(9,2) PATH '$[8]',
                    charge_amount DECIMAL(12,2) PATH '$[9]', expected_payment DECIMAL(12,2) PATH '$[10]',
                    rule_set VARCHAR(40) PATH '$[11]')) AS rows_of_chunk""";
    private static final String LINE_JSON = "INSERT INTO claim_line (" + LINE_COLUMNS + ") SELECT " + LINE_COLUMNS + " " + """
             FROM JSON_TABLE(?, '$[*]' COLUMNS (
                    claim_id VARCHAR(100) PATH '$[0]', line INT PATH '$[1]', cpt VARCHAR(5) PATH '$[2]', units INT PATH '$[3]',
                    charge_amount DECIMAL(12,2) PATH '$[4]', expected_payment DECIMAL(12,2) PATH '$[5]')) AS rows_of_chunk""";

    private final JdbcTemplate jdbc;
    private final boolean json;

    private ClaimInserts(JdbcTemplate jdbc, boolean json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** JSON_TABLE on MySQL and MariaDB, a JDBC batch elsewhere. */
    static ClaimInserts forDialect(JdbcTemplate jdbc, Dialect dialect) {
        return new ClaimInserts(jdbc, dialect == Dialect.MYSQL);
    }

    /** The rows as a JSON array of arrays, written by a streaming generator (no serializer lookup per value). */
    static String json(List<Object[]> rows) {
        StringWriter text = new StringWriter(rows.size() * 160);
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartArray();
            for (Object[] row : rows) {
                out.writeStartArray();
                for (Object value : row) {
                    if (value instanceof Integer number) {
                        out.writeNumber(number);
                    }
                    else if (value instanceof Long number) {
                        out.writeNumber(number);
                    }
                    else {
                        out.writeString(value.toString()); // strings, and amounts as plain strings: exact
                    }
                }
                out.writeEndArray();
            }
            out.writeEndArray();
        }
        return text.toString();
    }

    /**
     * @param claims rows in {@link #CLAIM_COLUMNS} order: strings, numbers, dates as YYYY-MM-DD, amounts as plain strings
     * @param lines rows in {@link #LINE_COLUMNS} order, likewise
     */
    void insert(List<Object[]> claims, List<Object[]> lines) {
        if (claims.isEmpty()) {
            return; // no claim, no line
        }
        if (json) {
            jdbc.update(CLAIM_JSON, json(claims));
            jdbc.update(LINE_JSON, json(lines));
        }
        else {
            jdbc.batchUpdate(CLAIM_BATCH, claims);
            jdbc.batchUpdate(LINE_BATCH, lines);
        }
    }
}
