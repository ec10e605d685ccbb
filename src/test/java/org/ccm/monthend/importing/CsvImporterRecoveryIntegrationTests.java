package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.FixedClock;
import org.ccm.monthend.importing.ImportReport.FileReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a hostile but fair tester found (issue 11): one broken quote or one malformed byte stopped a whole file
 * and left thousands of rows neither imported nor rejected. Every physical line must end up imported or in
 * rejects.csv with its number, and the report must account for every line.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:csv-recovery;DB_CLOSE_DELAY=-1")
@Import(FixedClock.class)
class CsvImporterRecoveryIntegrationTests {

    private static final String ENTRIES_HEADER = "entry_id,patient_id,member_id,performed_at,minutes,activity,program";

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    CsvImporter importer;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void practice() throws IOException {
        for (InputFile file : InputFile.values()) {
            jdbc.update("DELETE FROM " + file.table());
        }
        write("care_team.csv", List.of("member_id,name,credential,npi", "M1,Ann Smith,MD,1234567893", "M2,Bob Jones,RN,"));
        write("patients.csv", List.of(CsvImporterIntegrationTests.PATIENTS_HEADER,
                "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11"));
    }

    @Test
    void aQuoteOpenedOnOneLineAndClosedFiftyLinesLaterLosesNoLine() throws IOException {
        // line n holds entry E<n>; line 60 opens a quote that line 110 closes, so that the 51 lines read as one
        // row of seven values whose activity is far too long: the "value too long" that hid 50 rows
        List<String> lines = entries(300, n -> switch (n) {
            case 60 -> "E60,P1,M2,2026-10-05T10:00,5.00,\"PHONE_CALL,CCM";
            case 110 -> "E110,P1,M2,2026-10-05T10:00,5.00,CALL\",CCM";
            default -> null;
        });
        write("time_entries.csv", lines);

        ImportReport report = importer.importFrom(dir);

        List<CSVRecord> rejects = rejects(report);
        assertThat(rejects).singleElement().satisfies(reject -> {
            assertThat(reject.get("line")).isEqualTo("60");
            assertThat(reject.get("reason")).startsWith("broken quoting: a quoted value opens on this line")
                    .contains("refused: activity: value too long");
        });
        // line 110 alone is a row: a quote inside an unquoted value is a character of it (RFC 4180 as commons-csv reads it)
        assertEveryLineAccountedFor(report, InputFile.TIME_ENTRIES, lines.size(), rejects);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM time_entry", Integer.class)).isEqualTo(299);
        assertThat(jdbc.queryForObject("SELECT activity FROM time_entry WHERE entry_id = 'E61'", String.class))
                .isEqualTo("PHONE_CALL");
    }

    @Test
    void aSingleUnclosedQuoteDoesNotStopTheFile() throws IOException {
        List<String> lines = entries(9_700, n -> n == 70 ? "E70,P1,M2,2026-10-05T10:00,\"5.00,PHONE_CALL,CCM" : null);
        write("time_entries.csv", lines);

        ImportReport report = importer.importFrom(dir);

        List<CSVRecord> rejects = rejects(report);
        assertThat(rejects).singleElement().satisfies(reject -> {
            assertThat(reject.get("line")).isEqualTo("70");
            assertThat(reject.get("reason")).isEqualTo("broken quoting: a quoted value opens on this line and does not"
                    + " close into one row of 7 values within 100 lines; the lines after it are read on their own");
        });
        assertEveryLineAccountedFor(report, InputFile.TIME_ENTRIES, lines.size(), rejects);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM time_entry", Integer.class)).isEqualTo(9_699);
    }

    @Test
    void malformedUtf8RejectsThatRowNotTheFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((CsvImporterIntegrationTests.PATIENTS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        int patients = 1_400;
        for (int n = 1; n <= patients; n++) {
            String name = "Pat" + n;
            byte[] row = String.format(Locale.ROOT, "Q%05d,1EG4TE5MK73,%s,Doe,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,"
                    + "2026-01-10,11\n", n, name).getBytes(StandardCharsets.UTF_8);
            if (n == 5) {
                // a Latin-1 é (0xE9) where UTF-8 needs two bytes: the bytes a spreadsheet saved as ANSI writes
                row = ("Q00005,1EG4TE5MK73,Jos").getBytes(StandardCharsets.US_ASCII);
                bytes.writeBytes(row);
                bytes.write(0xE9);
                row = ",Doe,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11\n".getBytes(StandardCharsets.US_ASCII);
            }
            bytes.writeBytes(row);
        }
        Files.write(dir.resolve("patients.csv"), bytes.toByteArray());

        ImportReport report = importer.importFrom(dir);

        List<CSVRecord> rejects = rejects(report);
        // line 1 is the header: patient n is on line n + 1
        assertThat(rejects).singleElement().satisfies(reject -> {
            assertThat(reject.get("line")).isEqualTo("6");
            assertThat(reject.get("reason")).isEqualTo("not UTF-8: malformed bytes on this line (byte 23 of the line);"
                    + " the line was not read").doesNotContain("Jos");
        });
        assertEveryLineAccountedFor(report, InputFile.PATIENTS, patients + 1, rejects);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patient WHERE patient_id LIKE 'Q%'", Integer.class))
                .isEqualTo(patients - 1);
    }

    @Test
    void aHeaderThatIsNotUtf8RefusesTheFileNamingWhy() throws IOException {
        Files.write(dir.resolve("enrollments.csv"), new byte[] {'p', 'a', (byte) 0xFF, '\n', 'x', '\n'});

        ImportReport report = importer.importFrom(dir);

        assertThat(report.file(InputFile.ENROLLMENTS)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(ImportReport.Status.REFUSED);
            assertThat(f.problem()).startsWith("the header row cannot be read: not UTF-8");
        });
    }

    /** Lines 2..lines of the file: each one's entry or patient is in the table, or the line is in rejects.csv. */
    private void assertEveryLineAccountedFor(ImportReport report, InputFile file, int lines, List<CSVRecord> rejects) {
        FileReport counted = report.file(file);
        assertThat(counted.linesRead()).as("physical lines after the header").isEqualTo(lines - 1);
        assertThat(counted.imported() + counted.rejected() + counted.blankLines() + counted.continuationLines())
                .isEqualTo(counted.linesRead());
        assertThat(counted.continuationLines()).isZero();
        assertThat(counted.rejected()).isEqualTo(rejects.size());
        Set<Long> rejected = new HashSet<>();
        rejects.forEach(r -> rejected.add(Long.parseLong(r.get("line"))));
        String key = file == InputFile.TIME_ENTRIES ? "entry_id" : "patient_id";
        Set<String> stored = new HashSet<>(jdbc.queryForList("SELECT " + key + " FROM " + file.table(), String.class));
        for (long line = 2; line <= lines; line++) {
            String id = file == InputFile.TIME_ENTRIES ? "E" + line : String.format(Locale.ROOT, "Q%05d", line - 1);
            assertThat(stored.contains(id) || rejected.contains(line)).as("line %d imported or rejected", line).isTrue();
            assertThat(stored.contains(id) && rejected.contains(line)).as("line %d both imported and rejected", line).isFalse();
        }
    }

    /** A header and entries E2..E{count+1}, entry E<n> on line n, unless {@code special} gives line n's text. */
    private static List<String> entries(int count, IntFunction<String> special) {
        List<String> lines = new ArrayList<>();
        lines.add(ENTRIES_HEADER);
        for (int n = 2; n <= count + 1; n++) {
            String line = special.apply(n);
            lines.add(line != null ? line : "E" + n + ",P1,M2,2026-10-05T10:00,5.00,PHONE_CALL,CCM");
        }
        return lines;
    }

    private void write(String file, List<String> lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> rejects(ImportReport report) throws IOException {
        try (Reader reader = Files.newBufferedReader(report.rejectsFile());
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
