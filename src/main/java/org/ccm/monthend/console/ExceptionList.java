package org.ccm.monthend.console;

import java.io.IOException;
import java.nio.file.Files;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * A month's exceptions (the latest revision's exceptions.csv), filtered by reason and paged forward from a byte
 * offset of the file: the cursor names a position in the file, never a patient.
 */
@Component
public class ExceptionList {

    public static final int PAGE_SIZE = 100;

    private final Published published;

    ExceptionList(Published published) {
        this.published = published;
    }

    public record Row(String patientId, String reason, String detail) {
    }

    /** {@code next}: the offset of the next page, -1 when this is the last. */
    public record Page(YearMonth month, int revision, String reason, long from, List<Row> rows, long next) {
    }

    public Optional<Page> page(YearMonth month, String reason, long from) throws IOException {
        Optional<Published.Revision> latest = published.latest(month);
        if (latest.isEmpty() || !Files.isRegularFile(latest.get().file("exceptions.csv"))) {
            return Optional.empty();
        }
        try (SortedCsv file = SortedCsv.open(latest.get().file("exceptions.csv"))) {
            SortedCsv.Page page = file.page(from, PAGE_SIZE, (CSVRecord row) -> reason == null || reason.equals(row.get(2)));
            return Optional.of(new Page(month, latest.get().revision(), reason, from,
                    page.rows().stream().map(r -> new Row(r.get(0), r.get(2), r.get(3))).toList(), page.next()));
        }
    }
}
