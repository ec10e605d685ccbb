package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.ccm.monthend.CcmMonthEndApplication;
import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.importing.CsvImporter;
import org.ccm.monthend.importing.ImportReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The contract's CSV files (src/test/resources/close/october-2026) imported, then closed: the counting
 * rules and gates as a billing person would check them in the three files. Amounts from the 2026 fee
 * schedule of ccm-rules.md section 6, worked out by hand.
 */
class ImportAndCloseIntegrationTests {

    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");

    @TempDir
    Path out;

    @Test
    void importsTheFilesAndBillsEachPatientMonthAsTheRulesSay() throws Exception {
        try (ConfigurableApplicationContext context = start("close-import-default")) {
            ImportReport report = context.getBean(CsvImporter.class).importFrom(PRACTICE);
            assertThat(report.rejected()).isZero();
            assertThat(report.imported()).isEqualTo(4 + 9 + 9 + 18 + 1 + 2 + 14);
            assertThat(close(context)).isEqualTo(ExitCodes.OK);
        }
        Path dir = out.resolve("2026-10");

        assertThat(CloseTestSupport.rows(dir.resolve("claims.csv")).stream().skip(1)
                .map(r -> String.join(" ", r.get(0), r.get(1), r.get(7), r.get(8), r.get(9), r.get(10), r.get(11), r.get(12),
                        r.get(16), r.get(17), r.get(18), r.get(19))))
                .containsExactly(
                        // 95 practitioner minutes: 99491 + 99437 x2 = 84.84 + 126.26 = 211.10 beats 99490 + 99439 x2 on 105 = 162.33
                        "CCM-202610-Q1 1 11 99491 1 95.00 I10 J44.9 84.84 PRACTITIONER NON_COMPLEX 162.33",
                        "CCM-202610-Q1 2 11 99437 2 95.00 I10 J44.9 126.26 PRACTITIONER NON_COMPLEX 162.33",
                        // 20 minutes before the consent of 2026-10-15 do not count; place of service 12 from the patient
                        "CCM-202610-Q2 1 12 99490 1 25.00 I10 J44.9 66.13 NON_COMPLEX  ",
                        // admit and discharge days of the stay do not count; empty place of service is 11
                        "CCM-202610-Q3 1 11 99490 1 22.00 I10 J44.9 66.13 NON_COMPLEX  ",
                        // PCM billed by another NPI does not exclude CCM
                        "CCM-202610-Q5 1 11 99490 1 30.00 I10 J44.9 66.13 NON_COMPLEX  ",
                        // a practitioner who is not the patient's billing practitioner counts as staff
                        "CCM-202610-Q6 1 11 99490 1 25.00 I10 J44.9 66.13 NON_COMPLEX  ",
                        // opted out on 2026-10-10: still enrolled for October
                        "CCM-202610-Q9 1 11 99490 1 20.00 I10 J44.9 66.13 NON_COMPLEX  ");
        assertThat(CloseTestSupport.rows(dir.resolve("exceptions.csv")).stream().skip(1)
                .map(r -> r.get(0) + " " + r.get(2) + " " + r.get(3)))
                .containsExactly(
                        "Q4 CONFLICTING_SERVICE staff_minutes=30.00; practitioner_minutes=0.00; 99426 (PCM) on 2026-10-12",
                        "Q7 FEWER_THAN_TWO_CHRONIC_CONDITIONS staff_minutes=40.00; practitioner_minutes=0.00; chronic_categories=E11",
                        "Q8 BELOW_THRESHOLD staff_minutes=0.00; practitioner_minutes=0.00; no family reaches its base threshold");
        assertThat(CloseTestSupport.rows(dir.resolve("evidence.csv")).stream().skip(1).map(r -> String.join(" ", r)))
                .containsExactly(
                        "T01 Q1 CCM-202610-Q1 PRACTITIONER  50.00",
                        "T02 Q1 CCM-202610-Q1 PRACTITIONER  45.00",
                        "T03 Q1  STAFF NOT_IN_BILLED_FAMILY 10.00",
                        "T04 Q2  NOT_COUNTED BEFORE_CONSENT 20.00",
                        "T05 Q2 CCM-202610-Q2 STAFF  25.00",
                        "T06 Q3  NOT_COUNTED INPATIENT_STAY 15.00",
                        "T07 Q3  NOT_COUNTED INPATIENT_STAY 10.00",
                        "T08 Q3 CCM-202610-Q3 STAFF  22.00",
                        "T09 Q4  STAFF  30.00",
                        "T10 Q5 CCM-202610-Q5 STAFF  30.00",
                        "T11 Q6 CCM-202610-Q6 STAFF  25.00",
                        "T12 Q7  STAFF  40.00",
                        "T13 Q8  NOT_COUNTED NON_CLINICAL_STAFF 30.00",
                        "T14 Q9 CCM-202610-Q9 STAFF  20.00");
    }

    @Test
    void datesEachClaimTheDayItsBaseThresholdWasMetWhenSoConfigured() throws Exception {
        try (ConfigurableApplicationContext context = start("close-import-threshold", "--ccm.billing.date-of-service=THRESHOLD_MET")) {
            context.getBean(CsvImporter.class).importFrom(PRACTICE);
            assertThat(close(context)).isEqualTo(ExitCodes.OK);
        }
        assertThat(CloseTestSupport.rows(out.resolve("2026-10").resolve("claims.csv")).stream().skip(1)
                .filter(r -> r.get(1).equals("1")).map(r -> r.get(2) + " " + r.get(6)))
                .containsExactly("Q1 2026-10-02", "Q2 2026-10-20", "Q3 2026-10-09", "Q5 2026-10-13", "Q6 2026-10-14", "Q9 2026-10-05");
    }

    private ConfigurableApplicationContext start(String database, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "--ccm.output-dir=" + out));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CcmMonthEndApplication.class, FixedClock.class).run(args.toArray(String[]::new));
    }

    private static int close(ConfigurableApplicationContext context) throws Exception {
        RecordedProgress progress = new RecordedProgress();
        CloseOutcome outcome = context.getBean(MonthCloseLauncher.class).close(YearMonth.of(2026, 10), 1, progress);
        assertThat(progress.said).containsExactly("starting 2026-10 revision 1");
        return outcome.exitCode();
    }
}
