package org.ccm.monthend.close;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bigger, regular October 2026 practice for the process-level tests: enough patient-months that a
 * close runs for a few seconds and can be killed after some chunks have committed. Deterministic.
 */
final class SyntheticPractice {

    private SyntheticPractice() {
    }

    static void load(JdbcTemplate jdbc, int patients) {
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M1', 'Dr Synthetic', 'MD', '1234567893')");
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M2', 'Nurse Synthetic', 'RN', NULL)");
        List<Object[]> patientRows = new ArrayList<>();
        List<Object[]> enrollments = new ArrayList<>();
        List<Object[]> conditions = new ArrayList<>();
        List<Object[]> entries = new ArrayList<>();
        for (int p = 1; p <= patients; p++) {
            String id = String.format("P%06d", p);
            patientRows.add(new Object[] {id, String.format("1EG4TE5MK%02d", p % 100), "M1"});
            enrollments.add(new Object[] {id});
            conditions.add(new Object[] {id, "E11.9"});
            conditions.add(new Object[] {id, p % 7 == 0 ? "E11.65" : "I10"}); // every 7th has one category only
            int count = 1 + p % 12;
            for (int e = 0; e < count; e++) {
                entries.add(new Object[] {String.format("E%06d%02d", p, e), id, e % 5 == 0 ? "M1" : "M2",
                        Timestamp.valueOf(LocalDateTime.of(2026, 10, 1 + (p + e) % 31, 8 + e % 10, 0)),
                        BigDecimal.valueOf(300 + (p * 7 + e * 13) % 1500, 2), e % 9 == 0 ? "RPM" : "CCM"});
            }
            if (entries.size() >= 5_000 || p == patients) {
                flush(jdbc, patientRows, enrollments, conditions, entries);
            }
        }
    }

    private static void flush(JdbcTemplate jdbc, List<Object[]> patients, List<Object[]> enrollments, List<Object[]> conditions,
            List<Object[]> entries) {
        jdbc.batchUpdate("""
                INSERT INTO patient (patient_id, mbi, billing_practitioner_id, consent_date, initiating_visit_date, care_plan_date, place_of_service)
                VALUES (?, ?, ?, DATE '2026-01-01', DATE '2025-12-01', DATE '2026-01-05', '11')""", patients);
        jdbc.batchUpdate("INSERT INTO enrollment VALUES (?, DATE '2026-01-01', NULL)", enrollments);
        jdbc.batchUpdate("INSERT INTO condition_record VALUES (?, ?, NULL, TRUE, DATE '2020-01-01', NULL)", conditions);
        jdbc.batchUpdate("INSERT INTO time_entry (entry_id, patient_id, member_id, performed_at, minutes, activity, program) VALUES (?, ?, ?, ?, ?, 'CARE_COORDINATION', ?)",
                entries);
        patients.clear();
        enrollments.clear();
        conditions.clear();
        entries.clear();
    }
}
