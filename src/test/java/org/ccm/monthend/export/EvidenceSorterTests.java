package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceSorterTests {

    @TempDir
    Path dir;

    @Test
    void sortsByEntryIdAcrossSeveralSpilledRuns() throws Exception {
        Path source = dir.resolve("unsorted.csv");
        // patient order, as the decide step writes it; one id needs quoting and sorts by its unquoted value
        Files.write(source, List.of("entry_id,patient_id,claim_id,counted_as,reason,minutes",
                "E07,P1,,STAFF,,1.00", "E02,P1,,STAFF,,2.00", "\"E05,x\",P2,,STAFF,,3.00", "E01,P2,,STAFF,,4.00",
                "E09,P3,,STAFF,,5.00", "E03,P3,,NOT_COUNTED,OTHER_PROGRAM,6.00", "E04,P4,,STAFF,,7.00"));
        Path target = dir.resolve("sorted.csv");

        long rows = new EvidenceSorter(3).sort(List.of(source), target);

        assertThat(rows).isEqualTo(7);
        assertThat(Files.readAllLines(target)).containsExactly("entry_id,patient_id,claim_id,counted_as,reason,minutes",
                "E01,P2,,STAFF,,4.00", "E02,P1,,STAFF,,2.00", "E03,P3,,NOT_COUNTED,OTHER_PROGRAM,6.00",
                "E04,P4,,STAFF,,7.00", "\"E05,x\",P2,,STAFF,,3.00", "E07,P1,,STAFF,,1.00", "E09,P3,,STAFF,,5.00");
        assertThat(dir.toFile().list()).as("run files are removed").containsExactlyInAnyOrder("unsorted.csv", "sorted.csv");
    }

    @Test
    void concatenatesSourcesThatAreAlreadyInEntryOrderOneAfterTheOther() throws Exception {
        String header = "entry_id,patient_id,claim_id,counted_as,reason,minutes";
        Path first = dir.resolve("range-0.csv");
        Path second = dir.resolve("range-1.csv");
        Files.write(first, List.of(header, "E1,P1,,STAFF,,1.00", "E2,P2,,STAFF,,2.00"));
        Files.write(second, List.of(header, "E3,P3,,STAFF,,3.00"));

        long rows = new EvidenceSorter(1).sort(List.of(first, second), dir.resolve("sorted.csv"));

        assertThat(rows).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("sorted.csv")))
                .containsExactly(header, "E1,P1,,STAFF,,1.00", "E2,P2,,STAFF,,2.00", "E3,P3,,STAFF,,3.00");
        assertThat(dir.toFile().list()).as("no run files: nothing was sorted").containsExactlyInAnyOrder("range-0.csv", "range-1.csv",
                "sorted.csv");
    }

    @Test
    void mergesSourcesThatOverlapInEntryOrder() throws Exception {
        String header = "entry_id,patient_id,claim_id,counted_as,reason,minutes";
        Path first = dir.resolve("range-0.csv");
        Path second = dir.resolve("range-1.csv");
        // each source is sorted, but entry ids were not issued in patient order: E2 of the second range sorts between
        Files.write(first, List.of(header, "E1,P1,,STAFF,,1.00", "E3,P2,,STAFF,,3.00"));
        Files.write(second, List.of(header, "E2,P7,,STAFF,,2.00", "E4,P8,,STAFF,,4.00"));

        long rows = new EvidenceSorter(2).sort(List.of(first, second), dir.resolve("sorted.csv"));

        assertThat(rows).isEqualTo(4);
        assertThat(Files.readAllLines(dir.resolve("sorted.csv"))).containsExactly(header, "E1,P1,,STAFF,,1.00", "E2,P7,,STAFF,,2.00",
                "E3,P2,,STAFF,,3.00", "E4,P8,,STAFF,,4.00");
    }

    @Test
    void readsTheFirstFieldOfQuotedAndPlainLines() {
        assertThat(EvidenceSorter.firstField("E1,P1")).isEqualTo("E1");
        assertThat(EvidenceSorter.firstField("\"a \"\"b\"\", c\",P1")).isEqualTo("a \"b\", c");
        assertThat(EvidenceSorter.firstField("only")).isEqualTo("only");
    }
}
