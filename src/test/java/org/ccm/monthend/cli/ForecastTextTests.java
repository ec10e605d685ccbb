package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;

import org.ccm.monthend.forecast.ClosedMonth;
import org.ccm.monthend.forecast.Projection;
import org.junit.jupiter.api.Test;

class ForecastTextTests {

    private static final Projection DEFAULTS = new Projection(1_000, new BigDecimal("0.68"), new BigDecimal("0.40"), new BigDecimal("46.67"));

    @Test
    void theReportPutsTheClosedMonthsBesideTheProjection() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ForecastText.print(DEFAULTS, List.of(new ClosedMonth(YearMonth.of(2026, 10), 1, 4, new BigDecimal("565.14")),
                new ClosedMonth(YearMonth.of(2026, 9), 2, 0, BigDecimal.ZERO)), new PrintStream(text, true, StandardCharsets.UTF_8));
        String report = text.toString(StandardCharsets.UTF_8);
        assertThat(report).containsPattern("= per month\\s+12,694.24").containsPattern("= per year\\s+152,330.88");
        assertThat(report).containsPattern("-> 680.0 eligible").containsPattern("-> 272.0 enrolled");
        // 565.14 / 12,694.24 = 4.45%
        assertThat(report).containsPattern("2026-10\\s+1\\s+4\\s+565.14\\s+141.29\\s+4%");
        assertThat(report).containsPattern("2026-09\\s+2\\s+0\\s+0.00\\s+-\\s+0%");
        // average of the two months: 2.0 billed, 282.57 a month (2.23% of the projection), 141.29 per billed patient-month
        assertThat(report).containsPattern("average\\s+2.0\\s+282.57\\s+141.29\\s+2%");
    }

    @Test
    void whereRemittancesExistTheReportShowsWhatWasActuallyPaidPerAnsweredPatientMonth() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        // 4 billed, 3 answered and paid 100.00 + 50.50 + 0.00 = 150.50: 50.17 per answered patient-month
        ForecastText.print(DEFAULTS, List.of(new ClosedMonth(YearMonth.of(2026, 10), 1, 4, new BigDecimal("565.14"), 3,
                new BigDecimal("150.50")), new ClosedMonth(YearMonth.of(2026, 9), 1, 2, new BigDecimal("100.00"))),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        String report = text.toString(StandardCharsets.UTF_8);
        assertThat(report).containsPattern("2026-10\\s+1\\s+4\\s+565.14\\s+141.29\\s+4%\\s+3\\s+50.17");
        assertThat(report).containsPattern("2026-09\\s+1\\s+2\\s+100.00\\s+50.00\\s+1%\\s+-\\s+-");
        assertThat(report).contains("Actually paid (posted remittances): 50.17 per answered patient-month over 3 answered claims.");
    }

    @Test
    void withoutClosedMonthsTheReportSaysSo() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ForecastText.print(DEFAULTS, List.of(), new PrintStream(text, true, StandardCharsets.UTF_8));
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("no month has been closed yet");
    }
}
