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

    @Test
    void writesEvidenceLinesExactlyAsCommonsCsvWould() {
        String[][] cases = {
                {"E0101", "P001", "CCM-202610-P001", "STAFF", "", "25.00"},
                {"E0102", "P001", "", "NOT_COUNTED", "FACE_TO_FACE", "15.00"},
                {"\"quoted\" id", "P,1", "CCM-202610-P,1", "STAFF", "", "5.00"},
                {"", "P 2", "", "PRACTITIONER", "", "0.50"},
                {"#1", "é", "", "STAFF", "", "1.00"},
        };
        for (String[] v : cases) {
            StringBuilder text = new StringBuilder();
            ExportFiles.appendEvidenceLine(text, v[0], ExportFiles.field(v[1]), ExportFiles.field(v[2]), v[3], v[4], v[5]);
            assertThat(text.toString()).isEqualTo(ExportFiles.CSV.format((Object[]) v) + "\n");
        }
    }
}
