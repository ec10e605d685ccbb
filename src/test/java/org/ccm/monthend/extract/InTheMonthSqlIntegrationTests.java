package org.ccm.monthend.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.ccm.monthend.billing.Condition;
import org.ccm.monthend.billing.Enrollment;
import org.ccm.monthend.billing.InTheMonth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL copies of "in the month" (the month reader's and the progress count's) keep the rows the rules' Java keeps,
 * on the edge days: the first and the last day of the month, the days either side of it, open ends. Each case is a row
 * in the real schema (the Flyway migrations) of H2 and of MariaDB, selected with {@link InTheMonth}'s SQL and decided
 * with its Java, for months of 28, 29, 30 and 31 days and across a year's end.
 */
class InTheMonthSqlIntegrationTests {

    record EnrollmentCase(String name, Enrollment enrollment, boolean inTheMonth) {
    }

    record ConditionCase(String name, Condition condition, boolean inTheMonth) {
    }

    private static final MigratedDatabases DATABASES = new MigratedDatabases("in_the_month");

    static Stream<Arguments> databasesAndMonths() {
        List<YearMonth> months = List.of(YearMonth.of(2026, 10), YearMonth.of(2026, 11), YearMonth.of(2026, 12),
                YearMonth.of(2027, 1), YearMonth.of(2027, 2), YearMonth.of(2028, 2));
        return Stream.of("H2", "MariaDB").flatMap(db -> months.stream().map(month -> Arguments.of(db, month)));
    }

    static List<EnrollmentCase> enrollments(YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return List.of(
                enrollment("opens on the first day, open end", first, null, true),
                enrollment("opens on the last day, open end", last, null, true),
                enrollment("opens the day after the month", last.plusDays(1), null, false),
                enrollment("open since years before", first.minusYears(5), null, true),
                enrollment("ended the day before the month", first.minusYears(1), first.minusDays(1), false),
                enrollment("ends on the first day (opt-out in the month)", first.minusYears(1), first, true),
                enrollment("ends on the last day", first.minusYears(1), last, true),
                enrollment("one day, the first", first, first, true),
                enrollment("one day, the last", last, last, true),
                enrollment("one day, the day before the month", first.minusDays(1), first.minusDays(1), false),
                enrollment("within the month", first.plusDays(4), first.plusDays(9), true),
                enrollment("from the day before to the day after", first.minusDays(1), last.plusDays(1), true),
                enrollment("the next month only", last.plusDays(1), last.plusMonths(1), false));
    }

    static List<ConditionCase> conditions(YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return List.of(
                condition("chronic, no onset, not resolved", true, null, null, true),
                condition("onset on the first day", true, first, null, true),
                condition("started on the last day", true, last, null, true),
                condition("onset the day after the month", true, last.plusDays(1), null, false),
                condition("resolved on the first day", true, null, first, true),
                condition("resolved on the last day", true, first.minusYears(1), last, true),
                condition("resolved the day before the month", true, first.minusYears(1), first.minusDays(1), false),
                condition("onset and resolved on the first day", true, first, first, true),
                condition("started on the last day, resolved the day after", true, last, last.plusDays(1), true),
                condition("acute, no dates", false, null, null, false),
                condition("acute, onset in the month", false, first, null, false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndMonths")
    void theSqlAndTheJavaAgreeOnWhichEnrollmentsOverlapTheMonth(String database, YearMonth month) {
        JdbcTemplate jdbc = new JdbcTemplate(DATABASES.get(database));
        List<EnrollmentCase> cases = enrollments(month);
        jdbc.update("DELETE FROM enrollment");
        for (int i = 0; i < cases.size(); i++) {
            Enrollment e = cases.get(i).enrollment();
            jdbc.update("INSERT INTO enrollment (patient_id, enrolled_from, enrolled_to) VALUES (?, ?, ?)", id(i),
                    Date.valueOf(e.enrolledFrom()), e.enrolledTo() == null ? null : Date.valueOf(e.enrolledTo()));
        }
        Set<String> selected = select(jdbc, "SELECT patient_id FROM enrollment WHERE " + InTheMonth.ENROLLMENT_OVERLAPS, month);

        Map<String, Boolean> expected = byName(cases, EnrollmentCase::name, EnrollmentCase::inTheMonth);
        assertThat(byName(cases, EnrollmentCase::name, c -> InTheMonth.enrolled(c.enrollment(), month))).as("Java")
                .isEqualTo(expected);
        assertThat(byName(cases, EnrollmentCase::name, c -> selected.contains(id(cases.indexOf(c))))).as("SQL")
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndMonths")
    void theSqlAndTheJavaAgreeOnWhichChronicConditionsAreActiveInTheMonth(String database, YearMonth month) {
        JdbcTemplate jdbc = new JdbcTemplate(DATABASES.get(database));
        List<ConditionCase> cases = conditions(month);
        jdbc.update("DELETE FROM condition_record");
        for (int i = 0; i < cases.size(); i++) {
            Condition c = cases.get(i).condition();
            jdbc.update("INSERT INTO condition_record (patient_id, icd10, description, chronic, onset_date, resolved_date)"
                    + " VALUES (?, ?, NULL, ?, ?, ?)", id(i), c.icd10(), c.chronic(),
                    c.onsetDate() == null ? null : Date.valueOf(c.onsetDate()),
                    c.resolvedDate() == null ? null : Date.valueOf(c.resolvedDate()));
        }
        Set<String> selected = select(jdbc, "SELECT patient_id FROM condition_record WHERE "
                + InTheMonth.CHRONIC_CONDITION_ACTIVE, month);

        Map<String, Boolean> expected = byName(cases, ConditionCase::name, ConditionCase::inTheMonth);
        assertThat(byName(cases, ConditionCase::name, c -> InTheMonth.activeChronic(c.condition(), month))).as("Java")
                .isEqualTo(expected);
        assertThat(byName(cases, ConditionCase::name, c -> selected.contains(id(cases.indexOf(c))))).as("SQL")
                .isEqualTo(expected);
    }

    private static Set<String> select(JdbcTemplate jdbc, String sql, YearMonth month) {
        Object[] parameters = InTheMonth.parameters(month).stream().map(Date::valueOf).toArray();
        return new HashSet<>(jdbc.queryForList(sql, String.class, parameters));
    }

    private static <C> Map<String, Boolean> byName(List<C> cases, Function<C, String> name, Function<C, Boolean> value) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        cases.forEach(c -> map.put(name.apply(c), value.apply(c)));
        return map;
    }

    private static String id(int index) {
        return String.format(Locale.ROOT, "C%02d", index);
    }

    private static EnrollmentCase enrollment(String name, LocalDate from, LocalDate to, boolean inTheMonth) {
        return new EnrollmentCase(name, new Enrollment(from, to), inTheMonth);
    }

    private static ConditionCase condition(String name, boolean chronic, LocalDate onset, LocalDate resolved,
            boolean inTheMonth) {
        return new ConditionCase(name, new Condition("E11.9", chronic, onset, resolved), inTheMonth);
    }
}
