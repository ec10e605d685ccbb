package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.mysql.MariaDbServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One close at a time, closed once, re-closed only on purpose: on a real MySQL-protocol server. */
@SpringBootTest(properties = "ccm.close.chunk-size=3")
@ActiveProfiles("mysql")
@Import({FixedClock.class, MonthCloseOperationsMysqlIntegrationTests.Gate.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class MonthCloseOperationsMysqlIntegrationTests {

    private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void mysql(DynamicPropertyRegistry registry) {
        MariaDbServer.useNewDatabase(registry, "close_operations");
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Gate gate;

    @Test
    @Order(1)
    void aSecondCloseOfTheSameMonthWhileOneRunsIsRefusedWithExit4() throws Exception {
        MonthCloseData.load(jdbc);
        gate.holdFirstWrite.set(true);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> close(OCTOBER, 1, new ByteArrayOutputStream()));
        assertThat(gate.firstWriteReached.await(60, TimeUnit.SECONDS)).as("first close reached its first write").isTrue();

        assertThat(launcher.close(OCTOBER, 1, CloseProgress.NONE)).isEqualTo(new CloseOutcome.InProgress(OCTOBER, 1));
        // a re-close revision of the same month must wait too: revisions decide against each other's claims
        assertThat(close(OCTOBER, 2, new ByteArrayOutputStream())).isEqualTo(ExitCodes.IN_PROGRESS);

        gate.release.countDown();
        assertThat(first.get(120, TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isEqualTo(4);
    }

    @Test
    @Order(2)
    void aClosedMonthIsReclosedOnlyAsARevisionThatBillsOnlyNewPatientMonths() throws Exception {
        CloseOutcome again = launcher.close(OCTOBER, 1, CloseProgress.NONE);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_CLOSED);
        assertThat(((CloseOutcome.AlreadyClosed) again).nextRevision()).isEqualTo(2);

        // late time arrives: P005 now reaches 20 minutes, and a new patient P010 has 30 minutes
        jdbc.update("INSERT INTO time_entry VALUES ('E0503', 'P005', 'M2', TIMESTAMP '2026-10-28 09:00:00', 10.00, 'CARE_COORDINATION', 'CCM')");
        jdbc.update("""
                INSERT INTO patient (patient_id, mbi, first_name, last_name, birth_date, sex, billing_practitioner_id,
                                     consent_date, consent_method, initiating_visit_date, care_plan_date, place_of_service)
                                     VALUES ('P010', '1EG4TE5MK10', 'Late', 'Patient', DATE '1950-01-01', 'M', 'M1',
                                            DATE '2026-01-01', 'WRITTEN', DATE '2025-12-01', DATE '2026-01-05', '11')""");
        jdbc.update("INSERT INTO enrollment VALUES ('P010', DATE '2026-01-01', NULL)");
        jdbc.update("INSERT INTO condition_record VALUES ('P010', 'J44.9', 'COPD', TRUE, DATE '2018-01-01', NULL)");
        jdbc.update("INSERT INTO condition_record VALUES ('P010', 'N18.3', 'CKD 3', TRUE, DATE '2018-02-01', NULL)");
        jdbc.update("INSERT INTO time_entry VALUES ('E1001', 'P010', 'M2', TIMESTAMP '2026-10-20 09:00:00', 30.00, 'CARE_COORDINATION', 'CCM')");

        assertThat(close(OCTOBER, 2, new ByteArrayOutputStream())).isEqualTo(ExitCodes.OK);
        Path revision2 = out.resolve("2026-10").resolve("revision-2");
        assertThat(CloseTestSupport.rows(revision2.resolve("claims.csv")).stream().skip(1).map(r -> r.get(0) + " " + r.get(8)))
                .containsExactly("CCM-202610-P005 99490", "CCM-202610-P010 99490");
        assertThat(CloseTestSupport.rows(revision2.resolve("exceptions.csv")).stream().skip(1).map(r -> r.get(0) + " " + r.get(2)))
                .containsExactly("P001 ALREADY_BILLED", "P002 ALREADY_BILLED", "P003 ALREADY_BILLED", "P004 ALREADY_BILLED",
                        "P006 NOT_ENROLLED", "P007 BELOW_THRESHOLD", "P008 BILLED_ELSEWHERE");
        assertThat(CloseTestSupport.rows(revision2.resolve("exceptions.csv")).get(1).get(3))
                .isEqualTo("staff_minutes=25.00; practitioner_minutes=0.00; claim CCM-202610-P001 exported by another revision");
        // revision 1's files are untouched, and no patient-month has two claims
        assertThat(CloseTestSupport.rows(out.resolve("2026-10").resolve("claims.csv"))).hasSize(8);
        assertThat(jdbc.queryForList("SELECT CONCAT(patient_id, ' r', revision) FROM claim ORDER BY patient_id", String.class))
                .containsExactly("P001 r1", "P002 r1", "P003 r1", "P004 r1", "P005 r2", "P010 r2");

        // the same revision again is refused, and an even later revision finds nothing new to bill
        assertThat(close(OCTOBER, 2, new ByteArrayOutputStream())).isEqualTo(ExitCodes.ALREADY_CLOSED);
        assertThat(close(OCTOBER, 3, new ByteArrayOutputStream())).isEqualTo(ExitCodes.OK);
        assertThat(CloseTestSupport.rows(out.resolve("2026-10").resolve("revision-3").resolve("claims.csv"))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isEqualTo(6);
    }

    private int close(YearMonth month, int revision, ByteArrayOutputStream err) {
        try {
            return launcher.close(month, revision, CloseProgress.NONE).exitCode();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Holds the first close at its first write until the test lets it go. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Gate implements DecideStepListener, ItemWriteListener<Decision> {

        final AtomicBoolean holdFirstWrite = new AtomicBoolean();
        final CountDownLatch firstWriteReached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void beforeWrite(Chunk<? extends Decision> items) {
            if (holdFirstWrite.compareAndSet(true, false)) {
                firstWriteReached.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
