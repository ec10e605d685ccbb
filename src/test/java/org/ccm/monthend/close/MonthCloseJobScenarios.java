package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The month-close job over the hand-made October 2026 practice ({@link MonthCloseData}); run on the
 * embedded database and on a real MySQL-protocol server by the subclasses.
 */
@SpringBatchTest
@SpringBootTest(properties = "ccm.close.chunk-size=" + MonthCloseJobScenarios.CHUNK_SIZE)
@Import(FixedClock.class)
@DirtiesContext
abstract class MonthCloseJobScenarios {

    static final int CHUNK_SIZE = 3;

    @TempDir
    static Path out;

    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    JobOperatorTestUtils jobOperator;

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * The October patient-months of each patient range the close of the practice (P001..P009; P009 is not part of
     * October) is split into with this class's settings: one range of eight unless a subclass splits it.
     */
    protected List<Integer> patientMonthsPerRange() {
        return List.of(8);
    }

    private int ranges() {
        return patientMonthsPerRange().size();
    }

    @BeforeEach
    void loadPractice() {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM patient", Integer.class) == 0) {
            MonthCloseData.load(jdbc);
        }
    }

    @Test
    void closesOctoberWithTheExpectedClaimsExceptionsAndEvidence() throws Exception {
        JobExecution execution = jobOperator.startJob(MonthCloseLauncher.parameters(YearMonth.of(2026, 10), 1));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> steps = new ArrayList<>(List.of("prepareClose", "decidePatientMonths", "publishExport"));
        for (int range = 0; range < ranges(); range++) {
            steps.add("decidePatientRange:range" + range);
        }
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName).containsExactlyInAnyOrderElementsOf(steps);
        // each range reads its own patient-months and commits them a chunk at a time
        int commits = 0;
        for (int range = 0; range < ranges(); range++) {
            StepExecution worker = CloseTestSupport.step(execution, "decidePatientRange:range" + range);
            int patientMonths = patientMonthsPerRange().get(range);
            int chunks = (patientMonths + CHUNK_SIZE - 1) / CHUNK_SIZE;
            assertThat(worker.getReadCount()).as("range %d reads", range).isEqualTo(patientMonths);
            assertThat(worker.getCommitCount()).as("range %d: %d patient-months in chunks of %d", range, patientMonths, CHUNK_SIZE)
                    .isEqualTo(chunks);
            commits += chunks;
        }
        // the decide step adds up its ranges: P001..P008 are part of October (P009 is not)
        StepExecution decide = CloseTestSupport.step(execution, "decidePatientMonths");
        assertThat(decide.getReadCount()).isEqualTo(8);
        assertThat(decide.getWriteCount()).isEqualTo(8);
        assertThat(decide.getFilterCount()).isZero();
        assertThat(decide.getCommitCount()).isEqualTo(commits);
        assertThat(decide.getRollbackCount()).isZero();

        Path dir = out.resolve("2026-10");
        assertThat(CloseTestSupport.rows(dir.resolve("claims.csv"))).containsExactly(
                List.of("claim_id", "line", "patient_id", "mbi", "billing_npi", "service_month", "date_of_service",
                        "place_of_service", "cpt", "units", "minutes_counted", "dx1", "dx2", "dx3", "dx4", "charge_amount",
                        "expected_payment", "family", "runner_up_family", "runner_up_payment", "rule_set"),
                List.of("CCM-202610-P001", "1", "P001", "1EG4TE5MK01", "1234567893", "2026-10", "2026-10-31", "11", "99490", "1",
                        "25.00", "I10", "E11.9", "", "", "66.13", "66.13", "NON_COMPLEX", "", "", "ccm-2026"),
                List.of("CCM-202610-P002", "1", "P002", "1EG4TE5MK02", "1234567893", "2026-10", "2026-10-31", "11", "99490", "1",
                        "45.00", "I10", "E11.9", "", "", "66.13", "66.13", "NON_COMPLEX", "", "", "ccm-2026"),
                List.of("CCM-202610-P002", "2", "P002", "1EG4TE5MK02", "1234567893", "2026-10", "2026-10-31", "11", "99439", "1",
                        "45.00", "I10", "E11.9", "", "", "48.10", "48.10", "NON_COMPLEX", "", "", "ccm-2026"),
                List.of("CCM-202610-P003", "1", "P003", "1EG4TE5MK03", "1234567893", "2026-10", "2026-10-31", "11", "99487", "1",
                        "95.00", "I10", "E11.9", "", "", "144.29", "144.29", "COMPLEX", "NON_COMPLEX", "162.33", "ccm-2026"),
                List.of("CCM-202610-P003", "2", "P003", "1EG4TE5MK03", "1234567893", "2026-10", "2026-10-31", "11", "99489", "1",
                        "95.00", "I10", "E11.9", "", "", "78.16", "78.16", "COMPLEX", "NON_COMPLEX", "162.33", "ccm-2026"),
                List.of("CCM-202610-P004", "1", "P004", "1EG4TE5MK04", "1234567893", "2026-10", "2026-10-31", "11", "99490", "1",
                        "65.00", "I10", "E11.9", "", "", "66.13", "66.13", "NON_COMPLEX", "PRACTITIONER", "147.97", "ccm-2026"),
                List.of("CCM-202610-P004", "2", "P004", "1EG4TE5MK04", "1234567893", "2026-10", "2026-10-31", "11", "99439", "2",
                        "65.00", "I10", "E11.9", "", "", "96.20", "96.20", "NON_COMPLEX", "PRACTITIONER", "147.97", "ccm-2026"));
        assertThat(CloseTestSupport.rows(dir.resolve("exceptions.csv"))).containsExactly(
                List.of("patient_id", "service_month", "reason_code", "detail"),
                List.of("P005", "2026-10", "BELOW_THRESHOLD", "staff_minutes=15.00; practitioner_minutes=0.00; no family reaches its base threshold"),
                List.of("P006", "2026-10", "NOT_ENROLLED", "staff_minutes=30.00; practitioner_minutes=0.00; no CCM enrollment overlaps 2026-10"),
                List.of("P007", "2026-10", "BELOW_THRESHOLD", "staff_minutes=0.00; practitioner_minutes=0.00; no family reaches its base threshold"),
                List.of("P008", "2026-10", "BILLED_ELSEWHERE", "staff_minutes=25.00; practitioner_minutes=0.00; 99490 billed by NPI 1987654328 on 2026-10-15"));
        assertThat(CloseTestSupport.rows(dir.resolve("evidence.csv"))).containsExactly(
                List.of("entry_id", "patient_id", "claim_id", "counted_as", "reason", "minutes"),
                List.of("E0101", "P001", "CCM-202610-P001", "STAFF", "", "25.00"),
                List.of("E0102", "P001", "", "NOT_COUNTED", "FACE_TO_FACE", "15.00"),
                List.of("E0201", "P002", "CCM-202610-P002", "STAFF", "", "20.00"),
                List.of("E0202", "P002", "CCM-202610-P002", "STAFF", "", "25.00"),
                List.of("E0203", "P002", "", "NOT_COUNTED", "NON_CLINICAL_STAFF", "30.00"),
                List.of("E0301", "P003", "CCM-202610-P003", "STAFF", "", "50.00"),
                List.of("E0302", "P003", "CCM-202610-P003", "STAFF", "", "45.00"),
                List.of("E0401", "P004", "CCM-202610-P004", "PRACTITIONER", "", "35.00"),
                List.of("E0402", "P004", "CCM-202610-P004", "PRACTITIONER", "", "30.00"),
                List.of("E0501", "P005", "", "STAFF", "", "15.00"),
                List.of("E0502", "P005", "", "NOT_COUNTED", "OTHER_PROGRAM", "10.00"),
                List.of("E0601", "P006", "", "STAFF", "", "30.00"),
                List.of("E0801", "P008", "", "STAFF", "", "25.00"));

        JsonNode summary = JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("month").asString()).isEqualTo("2026-10");
        assertThat(summary.get("job_execution_id").asLong()).isEqualTo(execution.getId());
        assertThat(summary.get("rule_set").asString()).isEqualTo("ccm-2026");
        assertThat(summary.at("/patient_months/billed").asLong()).isEqualTo(4);
        assertThat(summary.at("/patient_months/excepted").asLong()).isEqualTo(4);
        assertThat(summary.at("/entries/read").asLong()).isEqualTo(13);
        assertThat(summary.at("/entries/not_counted").asLong()).isEqualTo(3);
        assertThat(summary.at("/exception_reasons/BELOW_THRESHOLD").asLong()).isEqualTo(2);
        assertThat(summary.at("/claims/codes/99439/units").asLong()).isEqualTo(3);
        // 66.13 + 66.13 + 48.10 + 144.29 + 78.16 + 66.13 + 96.20
        assertThat(summary.at("/totals/expected_payment").decimalValue()).isEqualByComparingTo("565.14");
        for (String file : List.of("claims.csv", "exceptions.csv", "evidence.csv")) {
            assertThat(summary.at("/files/" + file.replace("/", "~1") + "/sha256").asString())
                    .isEqualTo(Checksums.sha256(dir.resolve(file)));
        }
        assertThat(out.resolve(".staging").toFile().list()).as("staging directory and the ranges' parts are gone").isEmpty();

        // the claims are recorded, once per patient-month, and the publication with them
        assertThat(jdbc.queryForList("SELECT patient_id FROM claim WHERE service_month = '2026-10' ORDER BY patient_id", String.class))
                .containsExactly("P001", "P002", "P003", "P004");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_line", Integer.class)).isEqualTo(7);
        // every column as the claims file has it (on MySQL the rows travel as JSON: types and scales survive)
        Map<String, Object> p003 = jdbc.queryForMap("SELECT * FROM claim WHERE patient_id = 'P003'");
        assertThat(p003.get("claim_id")).isEqualTo("CCM-202610-P003");
        assertThat(p003.get("service_month")).isEqualTo("2026-10");
        assertThat(((Number) p003.get("revision")).intValue()).isEqualTo(1);
        assertThat(((Number) p003.get("job_execution_id")).longValue()).isEqualTo(execution.getId());
        assertThat(p003.get("family")).isEqualTo("COMPLEX");
        assertThat(p003.get("billing_npi")).isEqualTo("1234567893");
        assertThat(p003.get("date_of_service").toString()).isEqualTo("2026-10-31");
        assertThat(p003.get("minutes_counted")).isEqualTo(new BigDecimal("95.00"));
        assertThat(p003.get("charge_amount")).isEqualTo(new BigDecimal("222.45"));
        assertThat(p003.get("expected_payment")).isEqualTo(new BigDecimal("222.45"));
        assertThat(p003.get("rule_set")).isEqualTo("ccm-2026");
        assertThat(jdbc.queryForList("SELECT CONCAT(line, ' ', cpt, ' x', units, ' ', charge_amount, ' ', expected_payment)"
                + " FROM claim_line WHERE claim_id = 'CCM-202610-P003' ORDER BY line", String.class))
                .containsExactly("1 99487 x1 144.29 144.29", "2 99489 x1 78.16 78.16");
        Map<String, Object> published = jdbc.queryForMap("SELECT * FROM month_close WHERE service_month = '2026-10'");
        assertThat(published.get("JOB_EXECUTION_ID")).isEqualTo(execution.getId());
        assertThat(published.get("SUMMARY_SHA256")).isEqualTo(Checksums.sha256(dir.resolve("summary.json")));

        // closed once: the same close again is refused with exit 3 and says how to re-close
        CloseOutcome again = launcher.close(YearMonth.of(2026, 10), 1, CloseProgress.NONE);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_CLOSED);
        assertThat(again).isEqualTo(new CloseOutcome.AlreadyClosed(YearMonth.of(2026, 10), 1, execution.getId(), 2));
        assertThat(Files.readString(dir.resolve("claims.csv"))).hasLineCount(8);
    }
}
