package org.ccm.monthend.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class ForecastTests {

    private static final Projection DEFAULTS = new Projection(1_000, new BigDecimal("0.68"), new BigDecimal("0.40"), new BigDecimal("46.67"));

    @Test
    void projectsPatientsTimesSharesTimesNetPerMonthAndYear() {
        // 1,000 x 0.68 = 680 eligible; x 0.40 = 272 enrolled; x 46.67 = 12,694.24 a month; x 12 = 152,330.88 a year
        assertThat(DEFAULTS.eligiblePatients()).isEqualByComparingTo("680");
        assertThat(DEFAULTS.enrolledPatients()).isEqualByComparingTo("272");
        assertThat(DEFAULTS.perMonth()).isEqualByComparingTo("12694.24");
        assertThat(DEFAULTS.perYear()).isEqualByComparingTo("152330.88");
    }

    @Test
    void roundsOnlyTheMoney() {
        // 333 x 0.5 x 0.5 = 83.25 patients; x 10.01 = 833.3325 -> 833.33; x 12 = 9,999.99
        Projection p = new Projection(333, new BigDecimal("0.5"), new BigDecimal("0.5"), new BigDecimal("10.01"));
        assertThat(p.enrolledPatients()).isEqualByComparingTo("83.25");
        assertThat(p.perMonth()).isEqualByComparingTo("833.33");
        assertThat(p.perYear()).isEqualByComparingTo("9999.99");
    }

    @Test
    void refusesSharesOutsideZeroToOneAndNegativeNumbers() {
        assertThatThrownBy(() -> new Projection(10, new BigDecimal("1.2"), BigDecimal.ONE, BigDecimal.ONE))
                .hasMessageContaining("--eligible-share");
        assertThatThrownBy(() -> new Projection(10, BigDecimal.ONE, new BigDecimal("-0.1"), BigDecimal.ONE))
                .hasMessageContaining("--enroll-share");
        assertThatThrownBy(() -> new Projection(-1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE))
                .hasMessageContaining("--medicare-patients");
        assertThatThrownBy(() -> new Projection(1, BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-5")))
                .hasMessageContaining("--net-per-patient");
    }

    @Test
    void perBilledPatientMonthIsExpectedPaymentOverBilledPatientMonths() {
        // 565.14 / 4 = 141.285 -> 141.29
        assertThat(new ClosedMonth(YearMonth.of(2026, 10), 1, 4, new BigDecimal("565.14")).perBilledPatientMonth())
                .isEqualByComparingTo("141.29");
        assertThat(new ClosedMonth(YearMonth.of(2026, 9), 1, 0, BigDecimal.ZERO).perBilledPatientMonth()).isNull();
    }
}
