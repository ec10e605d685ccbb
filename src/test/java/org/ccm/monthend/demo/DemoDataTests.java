package org.ccm.monthend.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.importing.Identifiers;
import org.ccm.monthend.importing.InputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTests {

    static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    static final DemoSpec SPEC = new DemoSpec(400, OCTOBER, 42);

    @TempDir
    static Path csv;

    static DemoCounts counts;

    @BeforeAll
    static void generate() throws IOException {
        counts = DemoData.writeCsv(SPEC, csv);
    }

    @Test
    void sameSeedAndArgumentsGiveByteIdenticalFiles(@TempDir Path again) throws IOException {
        DemoData.writeCsv(SPEC, again);

        for (InputFile file : InputFile.values()) {
            assertThat(Files.readAllBytes(again.resolve(file.fileName())))
                    .as(file.fileName()).isEqualTo(Files.readAllBytes(csv.resolve(file.fileName())));
        }
    }

    @Test
    void anotherSeedGivesAnotherPractice(@TempDir Path other) throws IOException {
        DemoData.writeCsv(new DemoSpec(400, OCTOBER, 43), other);

        for (InputFile file : List.of(InputFile.PRACTICES, InputFile.PATIENTS, InputFile.CONDITIONS,
                InputFile.TIME_ENTRIES)) {
            assertThat(Files.readAllBytes(other.resolve(file.fileName())))
                    .as(file.fileName()).isNotEqualTo(Files.readAllBytes(csv.resolve(file.fileName())));
        }
    }

    @Test
    void countsAreTheRowsOfTheFiles() throws IOException {
        for (InputFile file : InputFile.values()) {
            assertThat(rows(file)).as(file.fileName()).hasSize((int) counts.rows(file));
        }
        assertThat(counts.rows(InputFile.PATIENTS)).isEqualTo(400);
        // about 10 entries per patient
        assertThat(counts.rows(InputFile.TIME_ENTRIES)).isBetween(3_200L, 4_800L);
        assertThat(counts.summary()).startsWith("2 practice, 10 care_team_member, 400 patient, ");
    }

    @Test
    void identifiersAreValidDistinctAndZeroPadded() throws IOException {
        List<CSVRecord> patients = rows(InputFile.PATIENTS);
        assertThat(patients).extracting(p -> p.get("patient_id")).startsWith("P0000001", "P0000002").endsWith("P0000400");
        assertThat(patients).extracting(p -> p.get("mbi")).allMatch(Identifiers::isMbi).doesNotHaveDuplicates();
        assertThat(rows(InputFile.CARE_TEAM)).extracting(m -> m.get("member_id")).startsWith("M001");
        assertThat(rows(InputFile.CARE_TEAM)).extracting(m -> m.get("npi")).filteredOn(npi -> !npi.isEmpty())
                .isNotEmpty().allMatch(Identifiers::isNpi);
        assertThat(rows(InputFile.OTHER_SERVICES)).allSatisfy(s -> {
            assertThat(Identifiers.isNpi(s.get("billing_npi"))).isTrue();
            assertThat(Identifiers.isCpt(s.get("cpt"))).isTrue();
        });
        assertThat(rows(InputFile.CONDITIONS)).extracting(c -> c.get("icd10")).allMatch(Identifiers::isIcd10);
        List<String> entryIds = rows(InputFile.TIME_ENTRIES).stream().map(e -> e.get("entry_id")).toList();
        assertThat(entryIds).first().isEqualTo("E00000001");
        assertThat(entryIds).isSorted().doesNotHaveDuplicates().allMatch(id -> id.length() == 9);
    }

    @Test
    void twoPracticesWithWhatAn837PNeedsOfABillingProvider() throws IOException {
        List<CSVRecord> practices = rows(InputFile.PRACTICES);

        assertThat(practices).extracting(p -> p.get("practice_id")).containsExactly("PR01", "PR02");
        assertThat(practices).allSatisfy(p -> {
            assertThat(p.get("name")).isNotBlank();
            assertThat(Identifiers.isNpi(p.get("npi"))).as(p.get("npi")).isTrue();
            assertThat(Identifiers.isTin(p.get("tin"))).as(p.get("tin")).isTrue();
            assertThat(p.get("address_line1")).matches("[0-9]+ [A-Z][a-z]+.*");
            assertThat(Identifiers.isPoBox(p.get("address_line1"))).isFalse();
            assertThat(Identifiers.isState(p.get("state"))).isTrue();
            assertThat(p.get("postal_code")).matches("[0-9]{9}");
            assertThat(Identifiers.isTaxonomy(p.get("taxonomy"))).isTrue();
        });
        assertThat(practices).extracting(p -> p.get("state")).doesNotHaveDuplicates();
        assertThat(practices).extracting(p -> p.get("npi")).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(rows(InputFile.CARE_TEAM).stream().map(m -> m.get("npi")).toList());
    }

    @Test
    void everyPatientBelongsToAPracticeAndAllButAFewHaveAnAddressThere() throws IOException {
        Map<String, String> stateOfPractice = rows(InputFile.PRACTICES).stream()
                .collect(Collectors.toMap(p -> p.get("practice_id"), p -> p.get("state")));
        List<CSVRecord> patients = rows(InputFile.PATIENTS);

        assertThat(patients).extracting(p -> p.get("practice_id")).allMatch(stateOfPractice::containsKey);
        assertThat(patients.stream().collect(Collectors.groupingBy(p -> p.get("practice_id"), Collectors.counting())))
                .as("patients per practice").hasSize(2).allSatisfy((practice, n) -> assertThat(n).isGreaterThan(100));
        List<CSVRecord> addressed = patients.stream().filter(p -> !p.get("address_line1").isEmpty()).toList();
        assertThat(patients.size() - addressed.size()).as("patients with no address, on purpose").isBetween(2, 8);
        assertThat(addressed).allSatisfy(p -> {
            assertThat(p.get("address_line1")).matches("[0-9]+ [A-Z][a-z]+ [A-Z][a-z]+");
            assertThat(p.get("city")).isNotEmpty();
            assertThat(p.get("state")).isEqualTo(stateOfPractice.get(p.get("practice_id")));
            assertThat(p.get("postal_code")).matches("[0-9]{5}|[0-9]{9}");
        });
        assertThat(addressed).filteredOn(p -> p.get("postal_code").length() == 9).hasSizeGreaterThan(addressed.size() / 2);
        assertThat(addressed).filteredOn(p -> !p.get("address_line2").isEmpty()).isNotEmpty();
        assertThat(patients).filteredOn(p -> p.get("address_line1").isEmpty())
                .allSatisfy(p -> assertThat(p.get("city") + p.get("state") + p.get("postal_code")).isEmpty());
    }

    @Test
    void careTeamMembersWithAnNpiHaveATaxonomy() throws IOException {
        assertThat(rows(InputFile.CARE_TEAM)).allSatisfy(m -> assertThat(m.get("taxonomy").isEmpty())
                .as(m.get("member_id")).isEqualTo(m.get("npi").isEmpty()));
        assertThat(rows(InputFile.CARE_TEAM)).extracting(m -> m.get("taxonomy")).filteredOn(t -> !t.isEmpty())
                .allMatch(Identifiers::isTaxonomy);
    }

    @Test
    void timeEntriesFallInTheMonthOnWorkingHoursWithValidMinutes() throws IOException {
        Set<String> fractions = new HashSet<>();
        for (CSVRecord entry : rows(InputFile.TIME_ENTRIES)) {
            LocalDateTime at = LocalDateTime.parse(entry.get("performed_at"));
            assertThat(YearMonth.from(at)).isEqualTo(OCTOBER);
            assertThat(at.getHour()).isBetween(8, 17);
            BigDecimal minutes = new BigDecimal(entry.get("minutes"));
            assertThat(minutes).isPositive().isLessThanOrEqualTo(new BigDecimal("720"));
            assertThat(minutes.scale()).isEqualTo(2);
            fractions.add(entry.get("minutes").substring(entry.get("minutes").indexOf('.')));
        }
        assertThat(fractions).contains(".00", ".25", ".50");
    }

    @Test
    void splitKeepsTheExactTotalInPiecesOfAtLeastOneMinute() {
        SplittableRandom random = new SplittableRandom(7);
        for (int quarters = 4; quarters < 700; quarters += 3) {
            for (int k = 1; k < 40; k += 7) {
                List<BigDecimal> pieces = DemoGenerator.split(quarters, k, random);
                assertThat(pieces.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                        .isEqualByComparingTo(BigDecimal.valueOf(quarters * 25L, 2));
                assertThat(pieces).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(BigDecimal.ONE));
                assertThat(pieces.size()).isBetween(1, k);
            }
        }
    }

    /** Rare combinations only show in a large practice: every row must pass the import's row rules, every key be unique. */
    @Test
    void everyRowOfALargePracticeIsValidAndUnique() {
        Map<InputFile, Set<String>> keys = new EnumMap<>(InputFile.class);
        List<String> problems = new ArrayList<>();
        RowSink checking = new RowSink() {

            @Override
            public void row(InputRow row) {
                InputFile file = row.file();
                Object[] values = row.values();
                String key = file.keyColumns().stream().map(c -> String.valueOf(values[file.indexOf(c)]))
                        .collect(Collectors.joining("|"));
                if (!keys.computeIfAbsent(file, f -> new HashSet<>()).add(key)) {
                    problems.add(file.fileName() + " duplicate key " + key);
                }
                switch (file) {
                    case ENROLLMENTS -> inOrder(problems, file, key, values[1], values[2]);
                    case CONDITIONS -> inOrder(problems, file, key, values[4], values[5]);
                    case INPATIENT_STAYS -> inOrder(problems, file, key, values[1], values[2]);
                    case TIME_ENTRIES -> {
                        BigDecimal minutes = (BigDecimal) values[4];
                        if (minutes.signum() <= 0 || minutes.compareTo(new BigDecimal("720")) > 0 || minutes.scale() != 2
                                || !YearMonth.from((LocalDateTime) values[3]).equals(OCTOBER)) {
                            problems.add(file.fileName() + " " + key + " minutes or time out of range");
                        }
                    }
                    default -> {
                    }
                }
            }

            @Override
            public void close() {
            }
        };

        DemoCounts generated = new DemoGenerator(new DemoSpec(50_000, OCTOBER, 42)).generate(checking);

        assertThat(problems).isEmpty();
        assertThat(generated.rows(InputFile.TIME_ENTRIES)).isEqualTo(keys.get(InputFile.TIME_ENTRIES).size());
    }

    private static void inOrder(List<String> problems, InputFile file, String key, Object earlier, Object later) {
        if (earlier != null && later != null && ((LocalDate) later).isBefore((LocalDate) earlier)) {
            problems.add(file.fileName() + " " + key + ": " + later + " before " + earlier);
        }
    }

    @Test
    void refusesAnEmptyPractice() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DemoSpec(0, OCTOBER, 42));
    }

    private static List<CSVRecord> rows(InputFile file) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv.resolve(file.fileName()));
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(file.columns());
            return parser.getRecords();
        }
    }
}
