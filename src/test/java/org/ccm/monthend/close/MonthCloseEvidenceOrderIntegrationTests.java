package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Entry ids not issued patient by patient: the first patient's entries have the greatest ids, so the ranges' evidence
 * parts one after the other are not in entry order, and publishing sorts them.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:close-evidence-order;DB_CLOSE_DELAY=-1",
        "ccm.close.chunk-size=2", "ccm.close.ranges=2", "ccm.close.range-min-patients=1"})
@Import(FixedClock.class)
@DirtiesContext
class MonthCloseEvidenceOrderIntegrationTests {

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    MonthCloseLauncher launcher;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void evidenceIsPublishedInEntryOrderWhenTheRangesWroteItOutOfOrder() throws Exception {
        MonthCloseData.load(jdbc);
        int renamed = jdbc.update("UPDATE time_entry SET entry_id = CONCAT('Z', entry_id) WHERE patient_id = 'P001'");
        assertThat(renamed).isPositive();

        assertThat(launcher.close(YearMonth.of(2026, 10), 1, CloseProgress.NONE).exitCode()).isEqualTo(ExitCodes.OK);

        List<List<String>> rows = CloseTestSupport.rows(out.resolve("2026-10").resolve("evidence.csv"));
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(rows.get(0)).containsExactly("entry_id", "patient_id", "claim_id", "counted_as", "reason", "minutes");
        assertThat(data).extracting(row -> row.get(0)).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
        // every entry of the month once: P001's, renamed, come last
        assertThat(data).hasSize(13);
        List<List<String>> renamedRows = data.stream().filter(row -> row.get(0).startsWith("Z")).toList();
        assertThat(renamedRows).isNotEmpty().extracting(row -> row.get(1)).containsOnly("P001");
        assertThat(data.subList(data.size() - renamedRows.size(), data.size())).isEqualTo(renamedRows);
    }
}
