package org.ccm.monthend.console;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ccm.monthend.review.StatusVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The months page: one row per service month from the oldest closed one (or six months back) to the month in
 * progress, with its closes, what the summaries say was billed and excepted, and where its claims are now. The claim
 * counts come from the (service_month, status) index, the amounts from the summaries: nothing reads the month's rows.
 * The counts and paid amounts per month are counted again only when a claim's status has changed since
 * ({@link StatusVersion}): at a million patients counting them over the indexes takes longer than the page may.
 */
@Component
public class MonthsOverview {

    static final int MONTHS_BACK = 6;

    private final JdbcTemplate jdbc;
    private final Published published;
    private final Clock clock;
    private final StatusVersion version;
    private final Cache<Long, Counts> counts = Caffeine.newBuilder().maximumSize(4).expireAfterWrite(StatusVersion.MAX_AGE).build();

    MonthsOverview(JdbcTemplate jdbc, Published published, Clock clock, StatusVersion version) {
        this.jdbc = jdbc;
        this.published = published;
        this.clock = clock;
        this.version = version;
    }

    /** The claims per month and status, and what was paid per month, at one {@link StatusVersion}. */
    private record Counts(Map<String, Map<String, Long>> statuses, Map<String, BigDecimal> paidAmounts) {
    }

    private Counts count() {
        Map<String, Map<String, Long>> statuses = new HashMap<>();
        jdbc.query("SELECT service_month, status, COUNT(*) FROM claim GROUP BY service_month, status",
                rs -> { statuses.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3)); });
        // what the payers paid (issue 13's remittances post it on the claim): over the (service_month, paid_amount) index
        Map<String, BigDecimal> paidAmounts = new HashMap<>();
        jdbc.query("SELECT service_month, SUM(paid_amount) FROM claim WHERE paid_amount IS NOT NULL GROUP BY service_month",
                rs -> { paidAmounts.put(rs.getString(1), rs.getBigDecimal(2)); });
        return new Counts(statuses, paidAmounts);
    }

    /** A month as the overview shows it; the amounts and counts are null for a month not closed. */
    public record Month(YearMonth month, boolean ended, int revisions, Long billed, Long excepted, BigDecimal expected, long claims,
            long held, long submitted, long paid, long denied, long outstanding, BigDecimal paidAmount, Map<String, Long> linesPerCode) {

        public boolean closed() {
            return revisions > 0;
        }

        /** Not closed and over: an operator may close it. */
        public boolean closable() {
            return ended && revisions == 0;
        }
    }

    /** Newest first. */
    public List<Month> months() {
        YearMonth current = YearMonth.now(clock);
        Map<YearMonth, List<Published.Revision>> revisions = new TreeMap<>();
        for (Published.Revision revision : published.all()) {
            revisions.computeIfAbsent(revision.month(), m -> new ArrayList<>()).add(revision);
        }
        TreeSet<YearMonth> months = new TreeSet<>(revisions.keySet());
        YearMonth from = months.isEmpty() ? current.minusMonths(MONTHS_BACK) : months.first().isBefore(current.minusMonths(MONTHS_BACK))
                ? months.first() : current.minusMonths(MONTHS_BACK);
        for (YearMonth m = from; !m.isAfter(current); m = m.plusMonths(1)) {
            months.add(m);
        }
        Counts counted = counts.get(version.now(), v -> count());
        Map<String, Map<String, Long>> statuses = counted.statuses();
        Map<String, BigDecimal> paidAmounts = counted.paidAmounts();
        List<Month> rows = new ArrayList<>();
        for (YearMonth month : months.descendingSet()) {
            List<Published.Revision> closes = revisions.getOrDefault(month, List.of());
            Long billed = null;
            Long excepted = null;
            BigDecimal expected = null;
            Map<String, Long> codes = new TreeMap<>();
            for (Published.Revision revision : closes) {
                var summary = published.summary(revision);
                if (summary.isEmpty()) {
                    continue;
                }
                billed = (billed == null ? 0 : billed) + summary.get().billed();
                excepted = summary.get().excepted(); // the latest revision's
                expected = (expected == null ? BigDecimal.ZERO.setScale(2) : expected).add(summary.get().expected());
                summary.get().codes().values().forEach(code -> codes.merge(code.code(), code.lines(), Long::sum));
            }
            Map<String, Long> byStatus = statuses.getOrDefault(month.toString(), Map.of());
            long claims = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long held = byStatus.getOrDefault("HELD", 0L);
            long paid = byStatus.getOrDefault("PAID", 0L) + byStatus.getOrDefault("PARTIALLY_PAID", 0L);
            long denied = byStatus.getOrDefault("DENIED", 0L);
            long outstanding = byStatus.getOrDefault("SUBMITTED", 0L);
            long submitted = outstanding + paid + denied + byStatus.getOrDefault("REVERSED", 0L) + byStatus.getOrDefault("REPLACED", 0L)
                    + byStatus.getOrDefault("VOIDED", 0L);
            rows.add(new Month(month, month.isBefore(YearMonth.now(clock)), closes.size(), billed, excepted, expected, claims, held,
                    submitted, paid, denied, outstanding, paidAmounts.containsKey(month.toString())
                            ? paidAmounts.get(month.toString()).setScale(2, java.math.RoundingMode.HALF_UP) : null, codes));
        }
        return rows;
    }
}
