package org.ccm.monthend.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ccm.monthend.billing.Condition;
import org.ccm.monthend.billing.Enrollment;
import org.ccm.monthend.billing.InpatientStay;
import org.ccm.monthend.billing.OtherService;
import org.ccm.monthend.billing.Patient;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.TimeEntry;
import org.ccm.monthend.core.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the month reader hands to the rules is exactly what the tables hold, whichever way the values travel (issue 15
 * tried day numbers, microseconds and hundredths; the grouped read sends them as JSON text). Rows with the edge values (the month's
 * first and last microsecond, a fraction of a second, the smallest and the largest minutes, NULL dates, dates far
 * before the month) are written into the real schema of H2 and MariaDB and read back through the reader, on MariaDB
 * with the per-entry and with the grouped read.
 */
class PatientMonthReaderValuesIntegrationTests {

    private static final MigratedDatabases DATABASES = new MigratedDatabases("reader_values");

    static Stream<Arguments> readers() {
        return Stream.of(Arguments.of("H2", false), Arguments.of("MariaDB", false), Arguments.of("MariaDB", true));
    }

    @ParameterizedTest(name = "{0}, grouped entries {1}")
    @MethodSource("readers")
    void everyValueReachesTheRulesExactlyAsTheTableHoldsIt(String database, boolean grouped) throws Exception {
        YearMonth month = YearMonth.of(2028, 2); // 29 days
        DataSource dataSource = DATABASES.get(database);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : List.of("time_entry", "other_service", "inpatient_stay", "attestation", "condition_record",
                "enrollment", "patient", "care_team_member")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M1', NULL, 'MD', '1234567893')");
        Patient withDates = new Patient("P1", "1EG4TE5MK73", "M1", LocalDate.of(1970, 1, 1), "verbal",
                LocalDate.of(1969, 12, 31), LocalDate.of(2028, 2, 29), "11");
        Patient withoutDates = new Patient("P2", "1EG4TE5MK74", null, null, null, null, null, "02");
        for (Patient p : List.of(withDates, withoutDates)) {
            jdbc.update("""
                    INSERT INTO patient (patient_id, mbi, billing_practitioner_id, consent_date, consent_method,
                                         initiating_visit_date, care_plan_date, place_of_service)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", p.patientId(), p.mbi(), p.billingPractitionerId(), date(p.consentDate()),
                    p.consentMethod(), date(p.initiatingVisitDate()), date(p.carePlanDate()), p.placeOfService());
        }
        List<Enrollment> enrollments = List.of(new Enrollment(LocalDate.of(1999, 3, 1), LocalDate.of(2028, 2, 1)),
                new Enrollment(LocalDate.of(2028, 2, 29), null));
        for (Enrollment e : enrollments) {
            jdbc.update("INSERT INTO enrollment (patient_id, enrolled_from, enrolled_to) VALUES ('P1', ?, ?)",
                    date(e.enrolledFrom()), date(e.enrolledTo()));
        }
        jdbc.update("INSERT INTO enrollment (patient_id, enrolled_from, enrolled_to) VALUES ('P2', ?, NULL)", date(month.atDay(1)));
        List<Condition> conditions = List.of(new Condition("E11.9", true, LocalDate.of(2001, 7, 4), null),
                new Condition("I10", true, null, LocalDate.of(2028, 2, 28)));
        for (Condition c : conditions) {
            jdbc.update("INSERT INTO condition_record (patient_id, icd10, chronic, onset_date, resolved_date) VALUES ('P1', ?, ?, ?, ?)",
                    c.icd10(), c.chronic(), date(c.onsetDate()), date(c.resolvedDate()));
        }
        List<InpatientStay> stays = List.of(new InpatientStay(LocalDate.of(2028, 1, 30), LocalDate.of(2028, 2, 2)),
                new InpatientStay(LocalDate.of(2028, 2, 27), null));
        for (InpatientStay s : stays) {
            jdbc.update("INSERT INTO inpatient_stay (patient_id, admit_date, discharge_date) VALUES ('P1', ?, ?)",
                    date(s.admitDate()), date(s.dischargeDate()));
        }
        List<OtherService> services = List.of(new OtherService(LocalDate.of(2028, 2, 1), "99495", "1234567893"),
                new OtherService(LocalDate.of(2028, 2, 29), "G0506", "1234567893"));
        for (OtherService s : services) {
            jdbc.update("INSERT INTO other_service (patient_id, service_date, cpt, billing_npi) VALUES ('P1', ?, ?, ?)",
                    date(s.serviceDate()), s.cpt(), s.billingNpi());
        }
        List<TimeEntry> entries = List.of(
                entry("E1", LocalDateTime.of(2028, 2, 1, 0, 0), "0.01"),
                entry("E2", LocalDateTime.of(2028, 2, 14, 13, 45, 30, 123_456_000), "20.50"),
                entry("E3", LocalDateTime.of(2028, 2, 29, 23, 59, 59, 999_999_000), "999.99"),
                entry("E4", LocalDateTime.of(2028, 2, 29, 12, 0, 0, 1_000), "15.00"));
        for (TimeEntry e : entries) {
            insert(jdbc, "P1", e);
        }
        // either side of the month: not read
        insert(jdbc, "P1", entry("E0", LocalDateTime.of(2028, 1, 31, 23, 59, 59, 999_999_000), "5.00"));
        insert(jdbc, "P1", entry("E9", LocalDateTime.of(2028, 3, 1, 0, 0), "5.00"));

        List<PatientMonth> read = read(dataSource, database.equals("H2") ? Dialect.H2 : Dialect.MYSQL, month, grouped);

        assertThat(read).extracting(PatientMonth::patient).containsExactly(withDates, withoutDates);
        PatientMonth p1 = read.get(0);
        assertThat(p1.enrollments()).containsExactlyElementsOf(enrollments);
        assertThat(p1.conditions()).containsExactlyElementsOf(conditions);
        assertThat(p1.inpatientStays()).containsExactlyElementsOf(stays);
        assertThat(p1.otherServices()).containsExactlyElementsOf(services);
        assertThat(p1.timeEntries()).containsExactlyElementsOf(entries); // records: equal minutes have equal scales
        assertThat(p1.timeEntries()).extracting(e -> e.minutes().toPlainString()).containsExactly("0.01", "20.50", "999.99", "15.00");
        assertThat(p1.billingPractitioner().credential()).isEqualTo("MD");
        PatientMonth p2 = read.get(1);
        assertThat(p2.enrollments()).containsExactly(new Enrollment(month.atDay(1), null));
        assertThat(p2.timeEntries()).isEmpty();
        assertThat(p2.conditions()).isEmpty();
    }

    private static List<PatientMonth> read(DataSource dataSource, Dialect dialect, YearMonth month, boolean grouped) throws Exception {
        PatientMonthReader reader = new PatientMonthReader(dataSource, dialect, month, 1, PatientRange.ALL, grouped);
        List<PatientMonth> read = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (PatientMonth next = reader.read(); next != null; next = reader.read()) {
                read.add(next);
            }
        }
        finally {
            reader.close();
        }
        return read;
    }

    private static TimeEntry entry(String id, LocalDateTime performedAt, String minutes) {
        return new TimeEntry(id, "M1", "MD", performedAt, new BigDecimal(minutes), "care plan review", "CCM");
    }

    private static void insert(JdbcTemplate jdbc, String patientId, TimeEntry e) {
        jdbc.update("""
                INSERT INTO time_entry (entry_id, patient_id, member_id, performed_at, minutes, activity, program)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", e.entryId(), patientId, e.memberId(), Timestamp.valueOf(e.performedAt()),
                e.minutes(), e.activity(), e.program());
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
