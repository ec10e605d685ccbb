package org.ccm.monthend.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.history.TestPractice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A preview of October 2026 on the 10th, with the close's reader over a hand-made practice; nothing of the close is touched. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:preview-it;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=2"})
@Import(TestPractice.Clocks.class)
@DirtiesContext
class PreviewIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    PreviewLauncher launcher;

    @Autowired
    TestPractice.MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void previewsTheMonthSoFarWithoutTouchingTheClose() throws Exception {
        loadPractice();
        clock.set(Instant.parse("2026-10-10T14:00:00Z"));

        PreviewOutcome outcome = launcher.preview(OCTOBER);

        Path dir = out.resolve("previews").resolve("2026-10").resolve("20261010T140000Z");
        assertThat(outcome).isInstanceOfSatisfying(PreviewOutcome.Previewed.class, done -> assertThat(done.directory()).isEqualTo(dir));
        // today 2026-10-10: 10 days elapsed of 31; at risk when minutes x 31 < 20 x 10 = 200
        assertThat(Files.readAllLines(dir.resolve("preview.csv"))).containsExactly(
                "patient_id,staff_minutes,practitioner_minutes,reachable_family,current_lines,next_threshold,minutes_to_next,"
                        + "at_risk,first_failing_gate,next_family,expected_payment",
                "P101,5.00,0.00,,,20,15,true,,NON_COMPLEX,0.00",          // 155 < 200
                "P102,12.00,0.00,,,20,8,false,,NON_COMPLEX,0.00",         // 372
                "P103,20.00,0.00,NON_COMPLEX,99490,40,20,false,,NON_COMPLEX,66.13",
                "P104,8.00,0.00,,,20,12,false,NOT_ENROLLED,NON_COMPLEX,0.00", // 248; not enrolled, but has time
                "P105,0.00,0.00,,,20,20,true,,NON_COMPLEX,0.00");          // enrolled, no time yet

        JsonNode summary = JsonMapper.builder().build().readTree(dir.resolve("preview-summary.json").toFile());
        assertThat(summary.get("month").asString()).isEqualTo("2026-10");
        assertThat(summary.get("today").asString()).isEqualTo("2026-10-10");
        assertThat(summary.get("rule_set").asString()).isEqualTo("ccm-2026");
        assertThat(summary.get("patient_months").asLong()).isEqualTo(5);
        assertThat(summary.at("/reachable/NON_COMPLEX").asLong()).isEqualTo(1);
        assertThat(summary.at("/reachable/COMPLEX").asLong()).isZero();
        assertThat(summary.at("/reachable/none").asLong()).isEqualTo(4);
        assertThat(summary.get("at_risk").asLong()).isEqualTo(2);
        assertThat(summary.get("below_threshold").asLong()).isEqualTo(3);
        assertThat(summary.at("/blocked_by_gate/NOT_ENROLLED").asLong()).isEqualTo(1);
        assertThat(summary.get("expected_payment_reachable").decimalValue()).isEqualByComparingTo("66.13");
        assertThat(summary.at("/files/preview.csv/sha256").asString()).isEqualTo(Checksums.sha256(dir.resolve("preview.csv")));

        // never a claim, never a publication, never the close's folder, no staging left behind
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM month_close", Integer.class)).isZero();
        assertThat(out.resolve("2026-10")).doesNotExist();
        try (var files = Files.list(out.resolve("previews").resolve("2026-10"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("20261010T140000Z");
        }

        // nightly: the next night is a new run (a new job instance), not a restart of the first
        clock.set(Instant.parse("2026-10-11T02:00:00Z"));
        assertThat(launcher.preview(OCTOBER).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForList("""
                SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                 WHERE i.JOB_NAME = 'monthPreview' ORDER BY e.JOB_EXECUTION_ID""", String.class)).containsExactly("COMPLETED", "COMPLETED");
        Path second = out.resolve("previews").resolve("2026-10").resolve("20261011T020000Z");
        // the 11th: 11 days elapsed, 20 x 11 = 220; P104's 8 minutes: 248, still not at risk; P101: 155, at risk
        assertThat(Files.readAllLines(second.resolve("preview.csv"))).contains("P101,5.00,0.00,,,20,15,true,,NON_COMPLEX,0.00");

        // a patient-month some revision already exported shows as ALREADY_BILLED, whatever the revision
        jdbc.update("""
                INSERT INTO claim (claim_id, patient_id, service_month, revision, job_execution_id, family, billing_npi,
                                   date_of_service, minutes_counted, charge_amount, expected_payment, rule_set)
                VALUES ('CCM-202610-P103', 'P103', '2026-10', 1, 1, 'NON_COMPLEX', '1234567893', DATE '2026-10-31', 20.00, 66.13, 66.13, 'ccm-2026')""");
        clock.set(Instant.parse("2026-10-12T02:00:00Z"));
        assertThat(launcher.preview(OCTOBER).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(out.resolve("previews").resolve("2026-10").resolve("20261012T020000Z").resolve("preview.csv")))
                .contains("P103,20.00,0.00,,,40,20,false,ALREADY_BILLED,NON_COMPLEX,0.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isEqualTo(1);
    }

    @Test
    void aMonthWithoutRuleSetIsAUsageError() {
        assertThatThrownBy(() -> launcher.preview(YearMonth.of(2019, 5)))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void metricsAreOffByDefault() {
        assertThat(context.getBeanProvider(ObservationRegistry.class).getIfAvailable()).isNull();
    }

    private void loadPractice() {
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M1', 'Dr Synthetic', 'MD', '1234567893')");
        jdbc.update("INSERT INTO care_team_member (member_id, name, credential, npi) VALUES ('M2', 'Nurse Synthetic', 'RN', NULL)");
        for (String id : List.of("P101", "P102", "P103", "P104", "P105")) {
            jdbc.update("""
                    INSERT INTO patient (patient_id, mbi, first_name, last_name, birth_date, sex, billing_practitioner_id,
                                         consent_date, consent_method, initiating_visit_date, care_plan_date, place_of_service)
                    VALUES (?, '1EG4TE5MK73', 'Test', 'Patient', DATE '1950-01-01', 'F', 'M1', DATE '2026-01-01', 'VERBAL',
                            DATE '2025-12-01', DATE '2026-01-05', '11')""", id);
            jdbc.update("INSERT INTO condition_record VALUES (?, 'E11.9', 'Type 2 diabetes', TRUE, DATE '2020-01-01', NULL)", id);
            jdbc.update("INSERT INTO condition_record VALUES (?, 'I10', 'Hypertension', TRUE, DATE '2019-05-01', NULL)", id);
            if (!id.equals("P104")) {
                jdbc.update("INSERT INTO enrollment VALUES (?, DATE '2026-01-01', NULL)", id);
            }
        }
        entry("E1", "P101", "2026-10-03T09:00", "5.00");
        entry("E2", "P102", "2026-10-04T09:00", "12.00");
        entry("E3", "P103", "2026-10-02T09:00", "10.00");
        entry("E4", "P103", "2026-10-09T09:00", "10.00");
        entry("E5", "P104", "2026-10-05T09:00", "8.00");
    }

    private void entry(String id, String patient, String at, String minutes) {
        jdbc.update("INSERT INTO time_entry (entry_id, patient_id, member_id, performed_at, minutes, activity, program) VALUES (?, ?, 'M2', ?, ?, 'CARE_COORDINATION', 'CCM')",
                id, patient, Timestamp.valueOf(LocalDateTime.parse(at)), new BigDecimal(minutes));
    }

}
