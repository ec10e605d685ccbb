package org.ccm.monthend.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;

import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.history.TestPractice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What closed months billed, from month_close and the claims of their published revisions. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:forecast-it;DB_CLOSE_DELAY=-1")
@Import(TestPractice.Clocks.class)
@DirtiesContext
class ClosedMonthsIntegrationTests {

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    ClosedMonths closedMonths;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void countsTheBilledPatientMonthsAndExpectedPaymentOfEachClosedMonth() throws Exception {
        assertThat(closedMonths.latest(12)).isEmpty();
        TestPractice.loadOctober2026(jdbc);
        // September: P009's only entry is after its enrollment ended, the others have no time: nothing billed
        assertThat(launcher.close(YearMonth.of(2026, 9), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(launcher.close(YearMonth.of(2026, 10), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);
        // a claim of a revision that never published (a close that failed half way) is not revenue
        jdbc.update("""
                INSERT INTO claim (claim_id, patient_id, service_month, revision, job_execution_id, family, billing_npi,
                                   date_of_service, minutes_counted, charge_amount, expected_payment, rule_set)
                VALUES ('CCM-202610-P005', 'P005', '2026-10', 2, 99, 'NON_COMPLEX', '1234567893', DATE '2026-10-31', 20.00, 66.13, 66.13, 'ccm-2026')""");

        assertThat(closedMonths.latest(12)).containsExactly(
                // P001 66.13, P002 66.13 + 48.10, P003 144.29 + 78.16, P004 66.13 + 96.20
                new ClosedMonth(YearMonth.of(2026, 10), 1, 4, new BigDecimal("565.14")),
                new ClosedMonth(YearMonth.of(2026, 9), 1, 0, BigDecimal.ZERO));
        assertThat(closedMonths.latest(1)).extracting(ClosedMonth::month).containsExactly(YearMonth.of(2026, 10));

        // a claim whose void the payer accepted no longer counts as billed (P001's 66.13)
        jdbc.update("UPDATE claim SET void_accepted_remittance_id = 1 WHERE claim_id = 'CCM-202610-P001'");
        assertThat(closedMonths.latest(1)).containsExactly(new ClosedMonth(YearMonth.of(2026, 10), 1, 3, new BigDecimal("499.01")));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
