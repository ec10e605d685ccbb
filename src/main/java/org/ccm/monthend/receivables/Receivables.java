package org.ccm.monthend.receivables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.receivables.MonthReceivables.Count;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Read-only: the receivables of a service month, or of every month with claims; and receivables.csv. */
@Component
public class Receivables {

    private static final List<String> NOT_SUBMITTED = List.of("DECIDED", "HELD", "RELEASED");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int outstandingDays;
    private final String straightJoin;

    Receivables(JdbcTemplate jdbc, Clock clock, Dialect dialect, @Value("${ccm.remit.outstanding-days:30}") int outstandingDays) {
        this.straightJoin = dialect == Dialect.MYSQL ? "STRAIGHT_JOIN " : "";
        if (outstandingDays < 0) {
            throw new IllegalArgumentException("ccm.remit.outstanding-days must be 0 or more, got " + outstandingDays);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.outstandingDays = outstandingDays;
    }

    /** Every service month that has claims, oldest first. */
    public List<MonthReceivables> all() {
        List<MonthReceivables> months = new ArrayList<>();
        for (String month : jdbc.queryForList("SELECT DISTINCT service_month FROM claim ORDER BY service_month", String.class)) {
            months.add(of(YearMonth.parse(month)));
        }
        return months;
    }

    public MonthReceivables of(YearMonth serviceMonth) {
        String month = serviceMonth.toString();
        Map<String, Count> byStatus = new HashMap<>();
        jdbc.query("SELECT status, COUNT(*), SUM(charge_amount) FROM claim WHERE service_month = ? GROUP BY status",
                rs -> {
                    byStatus.put(rs.getString(1), new Count(rs.getInt(2), money(rs.getBigDecimal(3))));
                }, month);
        Count decided = Count.ZERO;
        for (Count c : byStatus.values()) {
            decided = decided.plus(c);
        }
        Count held = byStatus.getOrDefault("HELD", Count.ZERO);
        Count ready = byStatus.getOrDefault("DECIDED", Count.ZERO).plus(byStatus.getOrDefault("RELEASED", Count.ZERO));
        Count submitted = Count.ZERO;
        for (Map.Entry<String, Count> e : byStatus.entrySet()) {
            if (!NOT_SUBMITTED.contains(e.getKey())) {
                submitted = submitted.plus(e.getValue());
            }
        }
        Count outstanding = count("""
                SELECT COUNT(*), SUM(charge_amount) FROM claim
                 WHERE service_month = ? AND remittance_id IS NULL AND status NOT IN ('DECIDED', 'HELD', 'RELEASED')""", month);
        LocalDateTime before = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(outstandingDays);
        Count overdue = count("""
                SELECT COUNT(*), SUM(c.charge_amount) FROM claim c
                  JOIN submission_claim s ON s.claim_id = c.claim_id AND s.frequency = 1
                  JOIN submission x ON x.isa13 = s.isa13
                 WHERE c.service_month = ? AND c.remittance_id IS NULL AND c.status NOT IN ('DECIDED', 'HELD', 'RELEASED')
                   AND x.created_at < ?""", month, before);
        Count answered = count("""
                SELECT COUNT(*), SUM(charge_amount) FROM claim
                 WHERE service_month = ? AND remittance_id IS NOT NULL AND status NOT IN ('DECIDED', 'HELD', 'RELEASED')""", month);
        Count corrected = count("""
                SELECT COUNT(*), SUM(charge_amount) FROM claim
                 WHERE service_month = ? AND remittance_id IS NOT NULL AND status IN ('REPLACED', 'VOIDED')""", month);

        BigDecimal[] money = jdbc.queryForObject("""
                SELECT SUM(r.paid_amount), SUM(r.patient_responsibility) FROM remittance_claim r JOIN claim c ON c.claim_id = r.claim_id
                 WHERE c.service_month = ? AND r.duplicate_payment = FALSE""",
                (rs, row) -> new BigDecimal[] {money(rs.getBigDecimal(1)), money(rs.getBigDecimal(2))}, month);
        BigDecimal sequestration = money(jdbc.queryForObject("""
                SELECT SUM(a.amount) FROM remittance_adjustment a
                  JOIN remittance_claim r ON r.remittance_id = a.remittance_id AND r.claim_seq = a.claim_seq
                  JOIN claim c ON c.claim_id = r.claim_id
                 WHERE c.service_month = ? AND r.duplicate_payment = FALSE AND a.group_code = 'CO' AND a.reason_code = '253'""",
                BigDecimal.class, month));
        Integer duplicates = jdbc.queryForObject("""
                SELECT COUNT(*) FROM remittance_claim r JOIN claim c ON c.claim_id = r.claim_id
                 WHERE c.service_month = ? AND r.duplicate_payment = TRUE""", Integer.class, month);

        // a remittance's provider-level adjustments belong to the earliest service month among its claims
        List<MonthReceivables.ProviderAdjustmentTotal> providerAdjustments = jdbc.query("""
                SELECT p.reason_code, SUM(p.amount) FROM provider_adjustment p
                 WHERE (SELECT MIN(c.service_month) FROM remittance_claim r JOIN claim c ON c.claim_id = r.claim_id
                         WHERE r.remittance_id = p.remittance_id) = ?
                 GROUP BY p.reason_code ORDER BY p.reason_code""",
                (rs, row) -> new MonthReceivables.ProviderAdjustmentTotal(rs.getString(1), money(rs.getBigDecimal(2))), month);

        // denials and remarks: of each claim's current answer (the one that set its status), when it is a denial. On
        // MySQL/MariaDB the join order is fixed (STRAIGHT_JOIN): right after a remit the adjustment table's statistics
        // can still be those of an empty table, and MariaDB then read every adjustment of the whole remittance once per
        // claim (at 667,294 claims: still running after 150 s); from the answers to their adjustments by primary key it
        // is one pass
        List<MonthReceivables.Denial> denials = jdbc.query("""
                SELECT %sa.group_code, a.reason_code, COUNT(DISTINCT r.claim_id),
                       SUM(CASE WHEN a.line_seq > 0 THEN 1 ELSE 0 END), SUM(a.amount)
                  FROM remittance_claim r
                  JOIN claim c ON c.claim_id = r.claim_id AND c.remittance_id = r.remittance_id
                  JOIN remittance_adjustment a ON a.remittance_id = r.remittance_id AND a.claim_seq = r.claim_seq
                 WHERE c.service_month = ? AND r.duplicate_payment = FALSE AND r.result_status IN ('DENIED', 'PARTIALLY_PAID')
                   AND a.group_code IN ('CO', 'OA', 'PI') AND NOT (a.group_code = 'CO' AND a.reason_code IN ('253', '45'))
                 GROUP BY a.group_code, a.reason_code ORDER BY a.group_code, a.reason_code""".formatted(straightJoin),
                (rs, row) -> new MonthReceivables.Denial(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                        money(rs.getBigDecimal(5))), month);
        List<MonthReceivables.Remark> remarks = jdbc.query("""
                SELECT %sm.code, COUNT(DISTINCT r.claim_id) FROM remittance_claim r
                  JOIN claim c ON c.claim_id = r.claim_id AND c.remittance_id = r.remittance_id
                  JOIN remittance_remark m ON m.remittance_id = r.remittance_id AND m.claim_seq = r.claim_seq
                 WHERE c.service_month = ? AND r.duplicate_payment = FALSE
                 GROUP BY m.code ORDER BY m.code""".formatted(straightJoin), (rs, row) -> new MonthReceivables.Remark(rs.getString(1), rs.getInt(2)), month);
        List<MonthReceivables.Variance> variances = jdbc.query("""
                SELECT l.claim_id, l.line, l.expected_payment, l.allowed_amount, c.rule_set FROM claim_line l
                  JOIN claim c ON c.claim_id = l.claim_id
                 WHERE c.service_month = ? AND l.allowed_amount IS NOT NULL AND l.allowed_amount > 0
                   AND ABS(l.allowed_amount - l.expected_payment) > 0.01
                 ORDER BY l.claim_id, l.line""", (rs, row) -> new MonthReceivables.Variance(rs.getString(1), rs.getInt(2),
                        money(rs.getBigDecimal(3)), money(rs.getBigDecimal(4)), rs.getString(5)), month);

        return new MonthReceivables(month, decided, held, ready, submitted, answered, byStatus.getOrDefault("PAID", Count.ZERO),
                byStatus.getOrDefault("PARTIALLY_PAID", Count.ZERO), byStatus.getOrDefault("DENIED", Count.ZERO),
                byStatus.getOrDefault("REVERSED", Count.ZERO), corrected, outstanding, overdue, outstandingDays, money[0], money[1],
                sequestration, providerAdjustments, duplicates == null ? 0 : duplicates, denials, remarks, variances);
    }

    private Count count(String sql, Object... args) {
        return jdbc.queryForObject(sql, (rs, row) -> new Count(rs.getInt(1), money(rs.getBigDecimal(2))), args);
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /**
     * Writes {@code months} to {@code file} (one row per measure: {@code month,kind,code,claims,lines,amount,expected,allowed})
     * through a temporary file moved into place, so a reader never sees half of it.
     */
    public Path writeCsv(List<MonthReceivables> months, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".receivables", ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                out.write("month,kind,code,claims,lines,amount,expected,allowed\n");
                for (MonthReceivables m : months) {
                    count(out, m.month(), "decided", m.decided());
                    count(out, m.month(), "held", m.held());
                    count(out, m.month(), "ready", m.ready());
                    count(out, m.month(), "submitted", m.submitted());
                    count(out, m.month(), "answered", m.answered());
                    count(out, m.month(), "paid", m.paid());
                    count(out, m.month(), "partially_paid", m.partiallyPaid());
                    count(out, m.month(), "denied", m.denied());
                    count(out, m.month(), "reversed", m.reversed());
                    count(out, m.month(), "corrected", m.corrected());
                    count(out, m.month(), "outstanding", m.outstanding());
                    count(out, m.month(), "overdue", m.overdue());
                    row(out, m.month(), "paid_amount", "", "", "", m.paidAmount().toPlainString(), "", "");
                    row(out, m.month(), "patient_responsibility", "", "", "", m.patientResponsibility().toPlainString(), "", "");
                    row(out, m.month(), "sequestration", "", "", "", m.sequestration().toPlainString(), "", "");
                    for (MonthReceivables.ProviderAdjustmentTotal p : m.providerAdjustments()) {
                        row(out, m.month(), "provider_adjustment", p.reason(), "", "", p.amount().toPlainString(), "", "");
                    }
                    for (MonthReceivables.Denial d : m.denials()) {
                        row(out, m.month(), "denial", d.group() + "-" + d.reason(), Integer.toString(d.claims()), Integer.toString(d.lines()),
                                d.amount().toPlainString(), "", "");
                    }
                    for (MonthReceivables.Remark r : m.remarks()) {
                        row(out, m.month(), "remark", r.code(), Integer.toString(r.claims()), "", "", "", "");
                    }
                    for (MonthReceivables.Variance v : m.variances()) {
                        row(out, m.month(), "variance", v.claimId() + "#" + v.line(), "1", "1",
                                v.allowed().subtract(v.expected()).toPlainString(), v.expected().toPlainString(), v.allowed().toPlainString());
                    }
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void count(Writer out, String month, String kind, Count c) throws IOException {
        row(out, month, kind, "", Integer.toString(c.claims()), "", c.amount().toPlainString(), "", "");
    }

    private static void row(Writer out, String... values) throws IOException {
        out.write(String.join(",", values));
        out.write('\n');
    }
}
