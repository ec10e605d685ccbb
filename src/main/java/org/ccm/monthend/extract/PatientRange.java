package org.ccm.monthend.extract;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One slice of the patients of a close, by patient_id: after {@code after} (exclusive, "" for the first)
 * up to {@code upTo} (inclusive, null for the last). A close decides its ranges side by side, each on its
 * own connections, thread and staging files; the ranges follow one another in key order, so their files
 * concatenated in range order are the files of one run in patient order.
 *
 * @param index the range's place in key order, from 0
 */
public record PatientRange(int index, String after, String upTo) {

    /** Every patient: a close of one range. */
    public static final PatientRange ALL = new PatientRange(0, "", null);

    private static final String INDEX = "range.index";
    private static final String AFTER = "range.after";
    private static final String UP_TO = "range.upTo";

    public PatientRange {
        if (index < 0 || after == null) {
            throw new IllegalArgumentException("a range needs an index >= 0 and a lower bound, got " + index + ", " + after);
        }
    }

    /**
     * Splits the patients into at most {@code ranges} ranges of about equal numbers of patients, none with fewer
     * than {@code minPatients} (so a small practice is one range). The bounds are patient ids read from the patient
     * table in key order: one counted scan and one offset read per bound.
     */
    public static List<PatientRange> split(JdbcTemplate jdbc, int ranges, int minPatients) {
        Long counted = jdbc.queryForObject("SELECT COUNT(*) FROM patient", Long.class);
        long patients = counted == null ? 0 : counted;
        int n = (int) Math.max(1, Math.min(ranges, patients / Math.max(1, minPatients)));
        List<PatientRange> split = new ArrayList<>(n);
        String after = "";
        for (int i = 0; i < n - 1; i++) {
            long last = (i + 1) * patients / n - 1; // 0-based position of this range's last patient
            String upTo = jdbc.queryForObject("SELECT patient_id FROM patient ORDER BY patient_id LIMIT 1 OFFSET " + last, String.class);
            split.add(new PatientRange(i, after, upTo));
            after = upTo;
        }
        split.add(new PatientRange(n - 1, after, null));
        return List.copyOf(split);
    }

    private static final String PLAN_SIZE = "close.ranges";
    private static final String PLAN_UP_TO = "close.range.upTo.";

    /** Records the ranges of a close in its job context, where a restart finds the same ranges. */
    public static void putPlan(ExecutionContext jobContext, List<PatientRange> ranges) {
        jobContext.putInt(PLAN_SIZE, ranges.size());
        for (PatientRange range : ranges) {
            if (range.upTo() != null) {
                jobContext.putString(PLAN_UP_TO + range.index(), range.upTo());
            }
        }
    }

    /** The ranges {@link #putPlan} recorded; one range of every patient when none were recorded. */
    public static List<PatientRange> plan(ExecutionContext jobContext) {
        int n = jobContext.containsKey(PLAN_SIZE) ? jobContext.getInt(PLAN_SIZE) : 1;
        List<PatientRange> ranges = new ArrayList<>(n);
        String after = "";
        for (int i = 0; i < n; i++) {
            String upTo = i == n - 1 ? null : jobContext.getString(PLAN_UP_TO + i);
            ranges.add(new PatientRange(i, after, upTo));
            after = upTo;
        }
        return List.copyOf(ranges);
    }

    /** Writes the range into a partition's step context. */
    public void putInto(ExecutionContext context) {
        context.putInt(INDEX, index);
        context.putString(AFTER, after);
        if (upTo != null) {
            context.putString(UP_TO, upTo);
        }
    }

    /** The range of a partition's step context; a context without one (a step run on its own) is {@link #ALL}. */
    public static PatientRange from(ExecutionContext context) {
        if (!context.containsKey(INDEX)) {
            return ALL;
        }
        return new PatientRange(context.getInt(INDEX), context.getString(AFTER), context.containsKey(UP_TO) ? context.getString(UP_TO) : null);
    }
}
