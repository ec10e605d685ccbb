package org.ccm.monthend.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * "In the month", defined once: an enrollment that overlaps the month, a chronic condition active in it. The rules
 * use the Java predicates; the month reader (extract) and the progress count (progress) use the SQL text of the same
 * tests, so that the rows read are the rows the rules would keep. The text is standard SQL that H2 and MySQL/MariaDB
 * read alike, so it serves both dialects; {@code InTheMonthSqlIntegrationTests} runs it on both against the Java for
 * the edge days (first and last day of the month, the days either side, open ends).
 */
public final class InTheMonth {

    /**
     * An {@code enrollment} row that overlaps the month; bind {@link #parameters(YearMonth)}. An opt-out takes effect
     * at the end of the month it was given in, so any end date in the month still overlaps it.
     */
    public static final String ENROLLMENT_OVERLAPS = "enrolled_from <= ? AND (enrolled_to IS NULL OR enrolled_to >= ?)";

    /**
     * A {@code condition_record} row that is chronic and active in the month (onset by its last day, not resolved
     * before its first; an unknown onset is "active since before our records"); bind {@link #parameters(YearMonth)}.
     */
    public static final String CHRONIC_CONDITION_ACTIVE = """
            chronic = TRUE AND (onset_date IS NULL OR onset_date <= ?)
                   AND (resolved_date IS NULL OR resolved_date >= ?)""";

    private InTheMonth() {
    }

    /** The values of the {@code ?} of either SQL predicate, in order: the month's last day, then its first. */
    public static List<LocalDate> parameters(YearMonth month) {
        return List.of(month.atEndOfMonth(), month.atDay(1));
    }

    /** Whether {@code enrollment} overlaps {@code month}: {@link #ENROLLMENT_OVERLAPS} in Java. */
    public static boolean enrolled(Enrollment enrollment, YearMonth month) {
        return !enrollment.enrolledFrom().isAfter(month.atEndOfMonth())
                && (enrollment.enrolledTo() == null || !enrollment.enrolledTo().isBefore(month.atDay(1)));
    }

    /** Whether {@code condition} is chronic and active in {@code month}: {@link #CHRONIC_CONDITION_ACTIVE} in Java. */
    public static boolean activeChronic(Condition condition, YearMonth month) {
        return condition.chronic()
                && (condition.onsetDate() == null || !condition.onsetDate().isAfter(month.atEndOfMonth()))
                && (condition.resolvedDate() == null || !condition.resolvedDate().isBefore(month.atDay(1)));
    }
}
