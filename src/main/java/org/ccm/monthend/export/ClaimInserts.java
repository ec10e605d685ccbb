package org.ccm.monthend.export;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.export.InsertTable.Column;
import org.ccm.monthend.review.ClaimStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts a chunk's claim, claim_line and claim_event rows, in the chunk's transaction: a claim is DECIDED with
 * its event, or not there at all.
 *
 * <p>On MySQL and MariaDB each table's rows go to the server as one INSERT of literal rows
 * ({@link InsertTable#valuesSql}): Connector/J spends about a microsecond binding each parameter of a batched INSERT
 * (eighteen per claim, six per line), and the JSON_TABLE of one bound JSON array that replaced it cost the server more
 * to convert than literal rows cost it to parse (issue 15). Elsewhere (H2, in the same process, where binding is
 * cheap) a JDBC batch.
 */
final class ClaimInserts {

    /** A row of table claim. */
    record ClaimRow(String claimId, String patientId, YearMonth serviceMonth, int revision, long jobExecutionId, Family family,
            String billingNpi, LocalDate dateOfService, BigDecimal minutesCounted, BigDecimal chargeAmount,
            BigDecimal expectedPayment, String ruleSet, ClaimStatus status, String dx1, String dx2, String dx3, String dx4,
            int voidedBefore) {

        /** A claim as a close writes it: DECIDED (claim-lifecycle.md), with the diagnoses of claims.csv for the 837P. */
        static ClaimRow of(Claim claim, int revision, long jobExecutionId) {
            List<String> dx = claim.diagnoses();
            return new ClaimRow(claim.claimId(), claim.patientId(), claim.serviceMonth(), revision, jobExecutionId, claim.family(),
                    claim.billingNpi(), claim.dateOfService(), claim.minutesCounted(), claim.chargeAmount(), claim.expectedPayment(),
                    claim.ruleSet(), ClaimStatus.DECIDED, diagnosis(dx, 0), diagnosis(dx, 1), diagnosis(dx, 2), diagnosis(dx, 3),
                    claim.voidedBefore());
        }

        private static String diagnosis(List<String> diagnoses, int index) {
            return index < diagnoses.size() ? diagnoses.get(index) : null;
        }
    }

    /**
     * A row of table claim_event: the first event of a claim, its decision by a close (from_status null, and no
     * interchange or remittance yet, so those columns are left to their default).
     */
    record EventRow(String claimId, ClaimStatus toStatus, String actor, LocalDateTime at, String reason) {

        /** Who decided a claim: the close itself; which run it was is in the reason. */
        static final String CLOSE_ACTOR = "close";

        static EventRow decided(Claim claim, long jobExecutionId, LocalDateTime at) {
            return new EventRow(claim.claimId(), ClaimStatus.DECIDED, CLOSE_ACTOR, at, "decided by close execution " + jobExecutionId);
        }
    }

    /** A row of table claim_line. */
    record LineRow(String claimId, int line, String cpt, int units, BigDecimal chargeAmount, BigDecimal expectedPayment) {

        static LineRow of(Claim claim, ClaimLine line) {
            return new LineRow(claim.claimId(), line.line(), line.cpt(), line.units(), line.chargeAmount(), line.expectedPayment());
        }
    }

    static final InsertTable<ClaimRow> CLAIM = new InsertTable<>("claim", List.of(
            new Column<>("claim_id", ClaimRow::claimId),
            new Column<>("patient_id", ClaimRow::patientId),
            new Column<>("service_month", row -> row.serviceMonth().toString()),
            new Column<>("revision", ClaimRow::revision),
            new Column<>("job_execution_id", ClaimRow::jobExecutionId),
            new Column<>("family", row -> row.family().name()),
            new Column<>("billing_npi", ClaimRow::billingNpi),
            new Column<>("date_of_service", row -> row.dateOfService().toString()),
            new Column<>("minutes_counted", row -> row.minutesCounted().toPlainString()),
            new Column<>("charge_amount", row -> row.chargeAmount().toPlainString()),
            new Column<>("expected_payment", row -> row.expectedPayment().toPlainString()),
            new Column<>("rule_set", ClaimRow::ruleSet),
            new Column<>("status", row -> row.status().name()),
            new Column<>("dx1", ClaimRow::dx1),
            new Column<>("dx2", ClaimRow::dx2),
            new Column<>("dx3", ClaimRow::dx3),
            new Column<>("dx4", ClaimRow::dx4),
            new Column<>("voided_before", ClaimRow::voidedBefore)));

    static final InsertTable<LineRow> LINE = new InsertTable<>("claim_line", List.of(
            new Column<>("claim_id", LineRow::claimId),
            new Column<>("line", LineRow::line),
            new Column<>("cpt", LineRow::cpt),
            new Column<>("units", LineRow::units),
            new Column<>("charge_amount", row -> row.chargeAmount().toPlainString()),
            new Column<>("expected_payment", row -> row.expectedPayment().toPlainString())));

    /** Wall-clock time as both databases parse it from a string, to the microsecond (DATETIME(6) / TIMESTAMP(6)). */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    static final InsertTable<EventRow> EVENT = new InsertTable<>("claim_event", List.of(
            new Column<>("claim_id", EventRow::claimId),
            new Column<>("to_status", row -> row.toStatus().name()),
            new Column<>("actor", EventRow::actor),
            new Column<>("at", row -> AT.format(row.at())),
            new Column<>("reason", EventRow::reason)));

    private static final String CLAIM_BATCH = CLAIM.batchSql();
    private static final String LINE_BATCH = LINE.batchSql();
    private static final String EVENT_BATCH = EVENT.batchSql();

    private final JdbcTemplate jdbc;
    private final boolean literalRows;

    private ClaimInserts(JdbcTemplate jdbc, boolean literalRows) {
        this.jdbc = jdbc;
        this.literalRows = literalRows;
    }

    /** Literal rows on MySQL and MariaDB, a JDBC batch elsewhere. */
    static ClaimInserts forDialect(JdbcTemplate jdbc, Dialect dialect) {
        return new ClaimInserts(jdbc, dialect == Dialect.MYSQL);
    }

    /** The chunk's claims, their lines and each claim's DECIDED event: one statement per table. */
    void insert(List<ClaimRow> claims, List<LineRow> lines, List<EventRow> events) {
        if (claims.isEmpty()) {
            return; // no claim, no line, no event
        }
        if (literalRows) {
            jdbc.update(CLAIM.valuesSql(claims));
            jdbc.update(LINE.valuesSql(lines));
            jdbc.update(EVENT.valuesSql(events));
        }
        else {
            jdbc.batchUpdate(CLAIM_BATCH, CLAIM.parameters(claims));
            jdbc.batchUpdate(LINE_BATCH, LINE.parameters(lines));
            jdbc.batchUpdate(EVENT_BATCH, EVENT.parameters(events));
        }
    }
}
