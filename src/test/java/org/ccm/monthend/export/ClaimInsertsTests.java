package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.Family;
import org.junit.jupiter.api.Test;

class ClaimInsertsTests {

    private static final Claim CLAIM = new Claim("CCM-202610-P001", "P001", "1EG4TE5MK01", "1234567893", YearMonth.of(2026, 10),
            LocalDate.of(2026, 10, 31), "11", Family.COMPLEX,
            List.of(new ClaimLine(1, "99487", 1, new BigDecimal("144.29"), new BigDecimal("140.00")),
                    new ClaimLine(2, "99489", 2, new BigDecimal("156.32"), new BigDecimal("150.00"))),
            List.of("I10", "E11.9"), new BigDecimal("95.00"), Family.NON_COMPLEX, new BigDecimal("162.33"), "ccm-2026");

    /**
     * The literal rows of {@link InsertTable#valuesSql}: digits for numbers, quotes only around letters, digits, space and
     * {@code . : _ -}, and the UTF-8 bytes in hexadecimal for anything else (a quote, a backslash, a semicolon, a non-ASCII
     * letter), so no value can end its literal; the expected statement is written out by hand.
     */
    @Test
    void literalRowsQuoteOnlyPlainTextAndWriteEverythingElseAsHexadecimal() {
        InsertTable<Object[]> table = new InsertTable<>("t", List.of(
                new InsertTable.Column<>("a", row -> row[0]),
                new InsertTable.Column<>("b", row -> row[1]),
                new InsertTable.Column<>("c", row -> row[2])));
        List<Object[]> rows = List.of(
                new Object[] {"CCM-202610-P1", 1, "2026-11-28 12:00:05.123456"},
                new Object[] {"P'1", 22L, null},
                new Object[] {"a\\b;é", -3, ""});

        assertThat(table.valuesSql(rows)).isEqualTo("INSERT INTO t (a, b, c) VALUES "
                + "('CCM-202610-P1', 1, '2026-11-28 12:00:05.123456'), "
                + "(_utf8mb4 X'502731', 22, NULL), "
                + "(_utf8mb4 X'615C623BC3A9', -3, '')");
    }

    /** A component moved in a row record, or a value passed in the wrong place, puts a value in the wrong column. */
    @Test
    void eachClaimColumnTakesItsOwnValue() {
        assertThat(byColumn(ClaimInserts.CLAIM, ClaimInserts.ClaimRow.of(CLAIM, 2, 41L))).containsExactly(
                Map.entry("claim_id", "CCM-202610-P001"), Map.entry("patient_id", "P001"), Map.entry("service_month", "2026-10"),
                Map.entry("revision", 2), Map.entry("job_execution_id", 41L), Map.entry("family", "COMPLEX"),
                Map.entry("billing_npi", "1234567893"), Map.entry("date_of_service", "2026-10-31"),
                Map.entry("minutes_counted", "95.00"), Map.entry("charge_amount", "300.61"),
                Map.entry("expected_payment", "290.00"), Map.entry("rule_set", "ccm-2026"), Map.entry("status", "DECIDED"),
                // the diagnoses of the claim, for the 837P's HI segment; a claim with two leaves dx3 and dx4 empty
                Map.entry("dx1", "I10"), Map.entry("dx2", "E11.9"), new java.util.AbstractMap.SimpleEntry<>("dx3", null),
                new java.util.AbstractMap.SimpleEntry<>("dx4", null), Map.entry("voided_before", 0));
        // a claim that bills its patient-month again after an accepted void: the key's third column
        Claim rebill = new Claim("CCM-202610-P001-R2", CLAIM.patientId(), CLAIM.mbi(), CLAIM.billingNpi(), CLAIM.serviceMonth(),
                CLAIM.dateOfService(), CLAIM.placeOfService(), CLAIM.family(), CLAIM.lines(), CLAIM.diagnoses(), CLAIM.minutesCounted(),
                CLAIM.runnerUpFamily(), CLAIM.runnerUpPayment(), CLAIM.ruleSet(), 1);
        assertThat(byColumn(ClaimInserts.CLAIM, ClaimInserts.ClaimRow.of(rebill, 2, 41L))).containsEntry("claim_id", "CCM-202610-P001-R2")
                .containsEntry("voided_before", 1);
    }

    /** A close's claim starts its lifecycle with one DECIDED event naming the execution (claim-lifecycle.md). */
    @Test
    void eachDecidedEventColumnTakesItsOwnValue() {
        assertThat(byColumn(ClaimInserts.EVENT, ClaimInserts.EventRow.decided(CLAIM, 41L, LocalDateTime.of(2026, 11, 28, 12, 0, 5, 123_456_000))))
                .containsExactly(Map.entry("claim_id", "CCM-202610-P001"), Map.entry("to_status", "DECIDED"), Map.entry("actor", "close"),
                        Map.entry("at", "2026-11-28 12:00:05.123456"), Map.entry("reason", "decided by close execution 41"));
    }

    @Test
    void eachClaimLineColumnTakesItsOwnValue() {
        assertThat(byColumn(ClaimInserts.LINE, ClaimInserts.LineRow.of(CLAIM, CLAIM.lines().get(1)))).containsExactly(
                Map.entry("claim_id", "CCM-202610-P001"), Map.entry("line", 2), Map.entry("cpt", "99489"), Map.entry("units", 2),
                Map.entry("charge_amount", "156.32"), Map.entry("expected_payment", "150.00"));
    }

    /** The records read like the tables: their components in column order, named like the columns. */
    @Test
    void rowRecordsListTheColumnsInTheTablesOrder() {
        assertThat(componentsAsColumns(ClaimInserts.ClaimRow.class)).isEqualTo(columnNames(ClaimInserts.CLAIM));
        assertThat(componentsAsColumns(ClaimInserts.LineRow.class)).isEqualTo(columnNames(ClaimInserts.LINE));
        assertThat(componentsAsColumns(ClaimInserts.EventRow.class)).isEqualTo(columnNames(ClaimInserts.EVENT));
    }

    /** The batch parameters and the literal rows both follow the one column list. */
    @Test
    void theStatementsFollowTheColumnList() {
        assertThat(ClaimInserts.LINE.batchSql())
                .isEqualTo("INSERT INTO claim_line (claim_id, line, cpt, units, charge_amount, expected_payment) VALUES (?, ?, ?, ?, ?, ?)");
        assertThat(ClaimInserts.LINE.valuesSql(List.of(ClaimInserts.LineRow.of(CLAIM, CLAIM.lines().get(0)))))
                .isEqualTo("INSERT INTO claim_line (claim_id, line, cpt, units, charge_amount, expected_payment) VALUES"
                        + " ('CCM-202610-P001', 1, '99487', 1, '144.29', '140.00')");
        assertThat(ClaimInserts.EVENT.valuesSql(List.of(ClaimInserts.EventRow.decided(CLAIM, 41L,
                LocalDateTime.of(2026, 11, 28, 12, 0, 5, 123_456_000))))).endsWith(
                        "VALUES ('CCM-202610-P001', 'DECIDED', 'close', '2026-11-28 12:00:05.123456', 'decided by close execution 41')");
        assertThat(ClaimInserts.LINE.parameters(List.of(ClaimInserts.LineRow.of(CLAIM, CLAIM.lines().get(0)))))
                .containsExactly(new Object[] {"CCM-202610-P001", 1, "99487", 1, "144.29", "140.00"});
    }

    private static <R> Map<String, Object> byColumn(InsertTable<R> table, R row) {
        Object[] values = table.parameters(List.of(row)).get(0);
        Map<String, Object> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            byColumn.put(table.columns().get(i).name(), values[i]);
        }
        return byColumn;
    }

    private static List<String> columnNames(InsertTable<?> table) {
        return table.columns().stream().map(InsertTable.Column::name).toList();
    }

    private static List<String> componentsAsColumns(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT)).toList();
    }
}
