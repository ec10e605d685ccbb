package org.ccm.monthend.forecast;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The practice's reality: for the last closed months (month_close), the claims of their published
 * revisions (claims of a close that failed before publishing are left out, and claims whose void the payer accepted:
 * they no longer count as billed) and their expected payment.
 */
@Component
public class ClosedMonths {

    private final JdbcTemplate jdbc;

    ClosedMonths(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The {@code count} latest closed months, newest first. */
    public List<ClosedMonth> latest(int count) {
        JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
        limited.setMaxRows(count);
        List<Object[]> months = limited.query("""
                SELECT service_month, COUNT(*) FROM month_close GROUP BY service_month ORDER BY service_month DESC""",
                (rs, n) -> new Object[] {rs.getString(1), rs.getInt(2)});
        if (months.isEmpty()) {
            return List.of();
        }
        String oldest = (String) months.get(months.size() - 1)[0];
        Map<String, Object[]> billed = new HashMap<>();
        jdbc.query("""
                SELECT c.service_month, COUNT(*), SUM(c.expected_payment), COUNT(c.remittance_id), SUM(c.paid_amount)
                  FROM claim c
                  JOIN month_close m ON m.service_month = c.service_month AND m.revision = c.revision
                 WHERE c.service_month >= ? AND c.void_accepted_remittance_id IS NULL
                 GROUP BY c.service_month""",
                rs -> {
                    billed.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4), rs.getBigDecimal(5)});
                }, oldest);
        List<ClosedMonth> closed = new ArrayList<>(months.size());
        for (Object[] month : months) {
            Object[] sums = billed.getOrDefault((String) month[0], new Object[] {0L, BigDecimal.ZERO, 0L, null});
            closed.add(new ClosedMonth(YearMonth.parse((String) month[0]), (Integer) month[1], (Long) sums[0],
                    sums[1] == null ? BigDecimal.ZERO : (BigDecimal) sums[1], (Long) sums[2],
                    (Long) sums[2] == 0 ? null : (BigDecimal) sums[3]));
        }
        return closed;
    }
}
