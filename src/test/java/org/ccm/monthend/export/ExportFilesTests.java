package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ExportFilesTests {

    @Test
    void writesLinesExactlyAsCommonsCsvWould() {
        Object[][] cases = {
                {"CCM-202610-P1", 1, "P1", "", "99490", new BigDecimal("66.13"), "NON_COMPLEX", "", "2026-10-31"},
                {"", "x", ""},
                {"a,b", "say \"hi\"", "two\nlines", " leading", "trailing ", "#hash", "ok"},
                {"staff_minutes=15.00; practitioner_minutes=0.00; no family reaches its base threshold", null, "é"},
        };
        for (Object[] values : cases) {
            assertThat(ExportFiles.line(values)).isEqualTo(ExportFiles.CSV.format(values));
        }
    }
}
