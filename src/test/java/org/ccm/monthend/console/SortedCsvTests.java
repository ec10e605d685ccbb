package org.ccm.monthend.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bisection and paging over a sorted CSV file, against the same rows held in a map. */
class SortedCsvTests {

    @TempDir
    Path dir;

    @Test
    void findsEveryKeyAndOnlyItsRowsAndNothingForAMissingKey() throws Exception {
        Random random = new Random(7);
        TreeMap<String, List<String>> rows = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            String key = "K" + (100000 + random.nextInt(900000));
            int lines = 1 + random.nextInt(3);
            for (int line = 1; line <= lines; line++) {
                // values of very different lengths, some quoted with a comma inside
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(key + "," + line + ",\"detail, " + "x".repeat(random.nextInt(300)) + "\"");
            }
        }
        Path file = dir.resolve("sorted.csv");
        List<String> lines = new ArrayList<>(List.of("key,line,detail"));
        rows.values().forEach(lines::addAll);
        Files.write(file, lines);
        try (SortedCsv csv = SortedCsv.open(file)) {
            assertThat(csv.header()).containsExactly("key", "line", "detail");
            for (var entry : rows.entrySet()) {
                List<CSVRecord> found = csv.find(entry.getKey());
                assertThat(found).extracting(r -> r.get(0) + "," + r.get(1)).as(entry.getKey())
                        .containsExactlyElementsOf(entry.getValue().stream().map(l -> l.substring(0, l.indexOf(",\""))).toList());
            }
            assertThat(csv.find("K0")).isEmpty();
            assertThat(csv.find("K9999999")).isEmpty();
            assertThat(csv.find(rows.firstKey() + "0")).isEmpty();
            assertThat(csv.find("key")).isEmpty();
        }
    }

    @Test
    void pagesForwardFromOffsetsCoverEveryKeptRowOnce() throws Exception {
        List<String> lines = new ArrayList<>(List.of("patient_id,reason"));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String reason = i % 7 == 0 ? "NO_CONSENT" : "BELOW_THRESHOLD";
            lines.add(String.format("P%05d,%s", i, reason));
            if (reason.equals("NO_CONSENT")) {
                kept.add(String.format("P%05d", i));
            }
        }
        Path file = dir.resolve("exceptions.csv");
        Files.write(file, lines);
        List<String> paged = new ArrayList<>();
        try (SortedCsv csv = SortedCsv.open(file)) {
            long from = 0;
            int pages = 0;
            while (from >= 0) {
                SortedCsv.Page page = csv.page(from, 10, r -> r.get(1).equals("NO_CONSENT"));
                page.rows().forEach(r -> paged.add(r.get(0)));
                from = page.next();
                pages++;
            }
            assertThat(pages).isEqualTo((kept.size() + 9) / 10);
            // an offset that is not a row's start is refused, not read from the middle of a row
            assertThatThrownBy(() -> csv.page(csv.dataStart() + 3, 10, r -> true)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(paged).containsExactlyElementsOf(kept);
    }
}
