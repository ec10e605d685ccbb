package org.ccm.monthend.close;

import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small hand-made practice for October 2026, one patient per situation, with the outcome each should
 * have under ccm-2026 worked out by hand in the comments (fees: 99490 66.13, 99439 48.10, 99487 144.29,
 * 99489 78.16, 99491 84.84, 99437 63.13).
 */
public final class MonthCloseData {

    static final String PRACTITIONER_NPI = "1234567893";
    static final String OTHER_NPI = "1987654328";

    private final JdbcTemplate jdbc;

    private MonthCloseData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static void load(JdbcTemplate jdbc) {
        new MonthCloseData(jdbc).insert();
    }

    private void insert() {
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M1', 'Dr Synthetic', 'MD', ?)", PRACTITIONER_NPI);
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M2', 'Nurse Synthetic', 'RN', NULL)");
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M3', 'Scheduler Synthetic', 'SCHED', NULL)");
        for (int i = 1; i <= 9; i++) {
            String id = String.format(Locale.ROOT, "P%03d", i);
            jdbc.update("""
                    INSERT INTO patient (patient_id, mbi, first_name, last_name, birth_date, sex, billing_practitioner_id,
                                         consent_date, consent_method, initiating_visit_date, care_plan_date, place_of_service)
                    VALUES (?, ?, 'Test', 'Patient', DATE '1950-01-01', 'F', 'M1', DATE '2026-01-01', 'VERBAL',
                            DATE '2025-12-01', DATE '2026-01-05', '11')""", id, String.format(Locale.ROOT, "1EG4TE5MK%02d", i));
            jdbc.update("INSERT INTO condition_record VALUES (?, 'E11.9', 'Type 2 diabetes', TRUE, DATE '2020-01-01', NULL)", id);
            jdbc.update("INSERT INTO condition_record VALUES (?, 'I10', 'Hypertension', TRUE, DATE '2019-05-01', NULL)", id);
            if (i != 6 && i != 9) {
                jdbc.update("INSERT INTO enrollment VALUES (?, DATE '2026-01-01', NULL)", id);
            }
        }
        // P009 left CCM in August and has only September time: not part of October at all
        jdbc.update("INSERT INTO enrollment VALUES ('P009', DATE '2026-01-01', DATE '2026-08-31')");
        entry("E0901", "P009", "M2", "2026-09-10T10:00", "40.00", "CCM");

        // P001: 25 staff minutes -> 99490; a face-to-face visit and a November entry do not count
        entry("E0101", "P001", "M2", "2026-10-05T09:00", "25.00", "CCM");
        entry("E0102", "P001", "M2", "2026-10-06T09:00", "15.00", "CCM", "FACE_TO_FACE_VISIT");
        entry("E0199", "P001", "M2", "2026-11-01T08:00", "30.00", "CCM");
        // P002: 45 staff minutes -> 99490 + 99439; the scheduler's 30 minutes do not count
        entry("E0201", "P002", "M2", "2026-10-07T09:00", "20.00", "CCM");
        entry("E0202", "P002", "M2", "2026-10-20T09:00", "25.00", "CCM");
        entry("E0203", "P002", "M3", "2026-10-21T09:00", "30.00", "CCM");
        // P003: attested complex, 95 minutes -> 99487 + 99489 (222.45) beats 99490 + 99439 x2 (162.33)
        jdbc.update("INSERT INTO attestation VALUES ('P003', '2026-10', 'HIGH', 'ESTABLISHED', 'M1')");
        entry("E0301", "P003", "M2", "2026-10-02T09:00", "50.00", "CCM");
        entry("E0302", "P003", "M2", "2026-10-03T09:00", "45.00", "CCM");
        // P004: 65 practitioner minutes -> 99490 + 99439 x2 (162.33) beats 99491 + 99437 (147.97)
        entry("E0401", "P004", "M1", "2026-10-08T09:00", "35.00", "CCM");
        entry("E0402", "P004", "M1", "2026-10-09T09:00", "30.00", "CCM");
        // P005: 15 staff minutes and 10 RPM minutes -> BELOW_THRESHOLD
        entry("E0501", "P005", "M2", "2026-10-10T09:00", "15.00", "CCM");
        entry("E0502", "P005", "M2", "2026-10-11T09:00", "10.00", "RPM");
        // P006: time but no enrollment -> NOT_ENROLLED
        entry("E0601", "P006", "M2", "2026-10-12T09:00", "30.00", "CCM");
        // P007: enrolled, no time -> BELOW_THRESHOLD
        // P008: another practitioner billed 99490 this month -> BILLED_ELSEWHERE
        entry("E0801", "P008", "M2", "2026-10-13T09:00", "25.00", "CCM");
        jdbc.update("INSERT INTO other_service VALUES ('P008', DATE '2026-10-15', '99490', ?)", OTHER_NPI);
    }

    private void entry(String id, String patient, String member, String at, String minutes, String program) {
        entry(id, patient, member, at, minutes, program, "CARE_COORDINATION");
    }

    private void entry(String id, String patient, String member, String at, String minutes, String program, String activity) {
        jdbc.update("INSERT INTO time_entry (entry_id, patient_id, member_id, performed_at, minutes, activity, program) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, patient, member, java.sql.Timestamp.valueOf(java.time.LocalDateTime.parse(at)), new java.math.BigDecimal(minutes), activity, program);
    }
}
