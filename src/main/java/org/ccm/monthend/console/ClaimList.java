package org.ccm.monthend.console;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.review.ClaimStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A month's claims, filtered by status, code, family, practice and billing practitioner, sorted and paged on the
 * server (LIMIT/OFFSET over the month's indexes, V10), or all of them as CSV, streamed. The patient's MBI comes
 * masked: a list never shows it.
 */
@Component
public class ClaimList {

    public static final int PAGE_SIZE = 50;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;

    ClaimList(JdbcTemplate jdbc, DataSource dataSource, Dialect dialect) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(dialect.streamingFetchSize());
    }

    /** The filters of the claims page (all but the month optional); nothing here names a patient. */
    public record Filter(YearMonth month, ClaimStatus status, String code, String family, String practice, String practitioner,
            Sort sort, int page) {

        public Filter {
            sort = sort == null ? Sort.CLAIM : sort;
            page = Math.max(0, page);
            code = blankToNull(code);
            family = blankToNull(family);
            practice = blankToNull(practice);
            practitioner = blankToNull(practitioner);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /** The orders offered; each has a stable tie-break on the claim id. */
    public enum Sort {
        CLAIM, MINUTES_DESC, STATUS;

        public static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return CLAIM;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            catch (IllegalArgumentException ex) {
                return CLAIM;
            }
        }
    }

    public record Row(String claimId, String patientId, String maskedMbi, String practiceId, String practitionerId, int revision,
            ClaimStatus status, String family, String codes, BigDecimal minutes, BigDecimal charge, BigDecimal expected, BigDecimal paid) {
    }

    public record Page(Filter filter, List<Row> rows, boolean hasNext) {
    }

    /**
     * One page: the page's claim ids first, over the month's index in the page's order (joining the patient only when a
     * filter is on the patient), then the columns of those rows only, so that a page deep in the month skips index
     * entries instead of joining every claim before it.
     */
    public Page page(Filter filter) {
        List<Object> args = new ArrayList<>();
        boolean patient = filter.practice() != null || filter.practitioner() != null;
        String keys = "SELECT c.claim_id FROM claim c USE INDEX (" + index(filter) + ")"
                + (patient ? " JOIN patient p ON p.patient_id = c.patient_id" : "") + where(filter, args)
                + " ORDER BY " + order(filter) + " LIMIT ? OFFSET ?";
        args.add(PAGE_SIZE + 1);
        args.add((long) filter.page() * PAGE_SIZE);
        String sql = COLUMNS + " FROM (" + keys + ") k JOIN claim c ON c.claim_id = k.claim_id JOIN patient p ON p.patient_id = c.patient_id"
                + " ORDER BY " + order(filter);
        List<Row> rows = new ArrayList<>(jdbc.query(sql, (rs, n) -> new Row(rs.getString("claim_id"), rs.getString("patient_id"),
                mask(rs.getString("mbi")), rs.getString("practice_id"), rs.getString("billing_practitioner_id"), rs.getInt("revision"),
                ClaimStatus.valueOf(rs.getString("status")), rs.getString("family"), null, rs.getBigDecimal("minutes_counted"),
                rs.getBigDecimal("charge_amount"), rs.getBigDecimal("expected_payment"), rs.getBigDecimal("paid_amount")), args.toArray()));
        boolean hasNext = rows.size() > PAGE_SIZE;
        if (hasNext) {
            rows = rows.subList(0, PAGE_SIZE);
        }
        Map<String, String> codes = codes(rows.stream().map(Row::claimId).toList());
        List<Row> withCodes = rows.stream().map(r -> new Row(r.claimId(), r.patientId(), r.maskedMbi(), r.practiceId(), r.practitionerId(),
                r.revision(), r.status(), r.family(), codes.getOrDefault(r.claimId(), ""), r.minutes(), r.charge(), r.expected(), r.paid()))
                .toList();
        return new Page(filter, withCodes, hasNext);
    }

    /** Every claim the filter selects, in its order, as CSV (no MBI, no name): streamed, whatever the month's size. */
    public long csv(Filter filter, Writer out) throws IOException {
        List<Object> args = new ArrayList<>();
        String sql = select(filter, args) + " ORDER BY " + order(filter);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        csv.printRecord("claim_id", "service_month", "revision", "status", "family", "minutes_counted", "charge_amount", "expected_payment",
                "paid_amount", "practice_id", "billing_practitioner_id");
        long[] count = {0};
        streaming.query(sql, rs -> {
            try {
                csv.printRecord(rs.getString("claim_id"), filter.month().toString(), rs.getInt("revision"), rs.getString("status"),
                        rs.getString("family"), rs.getBigDecimal("minutes_counted").toPlainString(), rs.getBigDecimal("charge_amount").toPlainString(),
                        rs.getBigDecimal("expected_payment").toPlainString(),
                        rs.getBigDecimal("paid_amount") == null ? "" : rs.getBigDecimal("paid_amount").toPlainString(), rs.getString("practice_id"),
                        rs.getString("billing_practitioner_id"));
                count[0]++;
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }, args.toArray());
        csv.flush();
        return count[0];
    }

    private static final String COLUMNS = """
            SELECT c.claim_id, c.patient_id, c.revision, c.status, c.family, c.minutes_counted, c.charge_amount, c.expected_payment, c.paid_amount,
                   p.mbi, p.practice_id, p.billing_practitioner_id""";

    private static String select(Filter filter, List<Object> args) {
        return COLUMNS + " FROM claim c USE INDEX (" + index(filter) + ") JOIN patient p ON p.patient_id = c.patient_id" + where(filter, args);
    }

    /** The filter's WHERE clause over {@code c} (claim) and {@code p} (patient), its values added to {@code args}. */
    private static String where(Filter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE c.service_month = ?");
        args.add(filter.month().toString());
        if (filter.status() != null) {
            sql.append(" AND c.status = ?");
            args.add(filter.status().name());
        }
        if (filter.family() != null) {
            sql.append(" AND c.family = ?");
            args.add(filter.family());
        }
        if (filter.practice() != null) {
            sql.append(" AND p.practice_id = ?");
            args.add(filter.practice());
        }
        if (filter.practitioner() != null) {
            sql.append(" AND p.billing_practitioner_id = ?");
            args.add(filter.practitioner());
        }
        if (filter.code() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM claim_line l WHERE l.claim_id = c.claim_id AND l.cpt = ?)");
            args.add(filter.code());
        }
        return sql.toString();
    }

    /**
     * The month's index that gives the page's order (V10, V5), named because H2 and MySQL then read it in order instead
     * of sorting the month: the ORDER BY repeats the index's leading equality columns, which H2 needs to see it.
     */
    private static String index(Filter filter) {
        return switch (filter.sort()) {
            case MINUTES_DESC -> "claim_month_minutes_idx";
            case STATUS -> "claim_month_status_idx";
            case CLAIM -> filter.status() != null ? "claim_month_status_idx" : filter.family() != null ? "claim_month_family_idx"
                    : "claim_month_claim_idx";
        };
    }

    private static String order(Filter filter) {
        return switch (index(filter)) {
            case "claim_month_minutes_idx" -> "c.service_month DESC, c.minutes_counted DESC, c.claim_id DESC";
            case "claim_month_status_idx" -> "c.service_month, c.status, c.claim_id";
            case "claim_month_family_idx" -> "c.service_month, c.family, c.claim_id";
            default -> "c.service_month, c.claim_id";
        };
    }

    private Map<String, String> codes(List<String> claimIds) {
        if (claimIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> codes = new LinkedHashMap<>();
        jdbc.query("SELECT claim_id, cpt, units FROM claim_line WHERE claim_id IN (" + String.join(",", Collections.nCopies(claimIds.size(), "?"))
                + ") ORDER BY claim_id, line", rs -> {
                    String code = rs.getString(2) + (rs.getInt(3) > 1 ? "×" + rs.getInt(3) : "");
                    codes.merge(rs.getString(1), code, (a, b) -> a + " " + b);
                }, claimIds.toArray());
        return codes;
    }

    /** An MBI as lists show it: only its last 4 characters. */
    public static String mask(String mbi) {
        if (mbi == null || mbi.length() < 4) {
            return "••••";
        }
        return "•••••••" + mbi.substring(mbi.length() - 4);
    }
}
