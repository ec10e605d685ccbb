package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.NamedLock;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The round trip of issue 12 on the demo month, through the command line, on the database a subclass gives:
 * close, hold one claim, submit (one 837P carrying every ready claim but the held one, checked in four layers),
 * release it and submit again (a second interchange with that claim alone), and what submit refuses.
 */
abstract class SubmitScenario {

    /** Spring properties that point the commands at the database (URL, and for MySQL the profile and user). */
    abstract List<String> database();

    abstract DataSource dataSource();

    abstract Dialect dialect();

    abstract Path out();

    record Ran(int exit, String out, String err) {
    }

    Ran run(String... args) {
        List<String> settings = new ArrayList<>(database());
        settings.add("--ccm.output-dir=" + out());
        CommandRun ran = CommandRun.of(settings, args);
        return new Ran(ran.exit(), ran.out(), ran.err());
    }

    void closeHoldSubmitReleaseSubmit() throws Exception {
        assertThat(run("demo-data", "--patients", "400", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        Ran closed = run("close", "--month", "2026-10");
        assertThat(closed.exit()).as(closed.err()).isEqualTo(ExitCodes.OK);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());

        Map<String, List<CSVRecord>> claims = claimsCsv(out().resolve("2026-10").resolve("claims.csv"));
        // what an 837P cannot carry, decided here from the patients' rows: the patients the demo left without an address
        Set<String> noAddress = new LinkedHashSet<>(jdbc.queryForList("""
                SELECT c.claim_id FROM claim c JOIN patient p ON p.patient_id = c.patient_id
                 WHERE p.address_line1 IS NULL ORDER BY c.claim_id""", String.class));
        assertThat(noAddress).as("the demo leaves a few billable patients without an address").isNotEmpty();
        String held = claims.keySet().stream().filter(id -> !noAddress.contains(id)).findFirst().orElseThrow();

        assertThat(run("hold", held, "--reason", "consent form not scanned", "--by", "biller-ann").exit()).isEqualTo(ExitCodes.OK);

        Ran first = run("submit", "--by", "biller-ann");
        assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.OK);
        Path interchange = out().resolve("submissions").resolve("000000001").resolve("claims.837");
        byte[] bytes = Files.readAllBytes(interchange);
        assertThat(Interchange837Check.problems(bytes)).isEmpty();

        List<List<String>> segments = Interchange837Check.segments(bytes);
        Set<String> expected = new LinkedHashSet<>(claims.keySet());
        expected.remove(held);
        expected.removeAll(noAddress);
        assertThat(claimIds(segments)).as("exactly the ready claims: not the held one, not those without an address")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertAmountsAndLinesAreThoseOfClaimsCsv(segments, claims);
        List<String> practiceNpis = jdbc.queryForList("SELECT npi FROM practice ORDER BY practice_id", String.class);
        assertThat(practiceNpis).hasSize(2);
        assertThat(segments).filteredOn(s -> s.get(0).equals("NM1") && s.get(1).equals("85")).extracting(s -> s.get(9))
                .as("one billing-provider loop per practice").containsExactlyElementsOf(practiceNpis);
        assertThat(segments.get(0).get(15)).as("a test file unless submission.yml says P").isEqualTo("T");

        List<CSVRecord> rejects = csv(out().resolve("submissions").resolve("000000001").resolve("submission-rejects.csv"));
        assertThat(rejects).extracting(r -> r.get("claim_id")).containsExactlyElementsOf(noAddress);
        assertThat(rejects).extracting(r -> r.get("field") + ": " + r.get("reason")).containsOnly("address_line1: missing patient address");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE status = 'SUBMITTED'", Long.class)).isEqualTo(expected.size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event WHERE to_status = 'SUBMITTED' AND submission_id = '000000001'"
                + " AND actor = 'biller-ann'", Long.class)).isEqualTo(expected.size());
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, held)).isEqualTo("HELD");
        assertThat(jdbc.queryForList("SELECT DISTINCT status FROM claim WHERE claim_id IN (" + placeholders(noAddress) + ")",
                String.class, noAddress.toArray())).containsExactly("DECIDED");
        // on the audit trail, committed with the SUBMITTED claims: who, from where, which interchange, how many claims
        assertThat(jdbc.queryForList("""
                SELECT actor, channel, target, service_month, reason, outcome FROM audit_event
                 WHERE action = 'SUBMISSION_PUBLISHED' AND target_type = 'submission'""")).singleElement().satisfies(row -> {
                    assertThat(row.get("actor")).isEqualTo("biller-ann");
                    assertThat(row.get("channel")).isEqualTo("cli");
                    assertThat(row.get("target")).isEqualTo("000000001");
                    assertThat(row.get("service_month")).as("submit without --month").isNull();
                    assertThat(row.get("reason")).isEqualTo(expected.size() + " claims");
                    assertThat(row.get("outcome")).isEqualTo("OK");
                });

        // nothing new is ready: no second interchange, the same rejects said again
        Ran again = run("submit");
        assertThat(again.exit()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("Nothing ready to submit");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM submission", Long.class)).isEqualTo(1);

        // released, the held claim goes out alone in the next interchange
        assertThat(run("release", held, "--by", "biller-ann").exit()).isEqualTo(ExitCodes.OK);
        Ran second = run("submit");
        assertThat(second.exit()).as(second.err()).isEqualTo(ExitCodes.OK);
        byte[] secondBytes = Files.readAllBytes(out().resolve("submissions").resolve("000000002").resolve("claims.837"));
        assertThat(Interchange837Check.problems(secondBytes)).isEmpty();
        assertThat(claimIds(Interchange837Check.segments(secondBytes))).containsExactly(held);
        assertThat(Interchange837Check.segments(secondBytes).get(0).get(13)).as("ISA13 from the sequence").isEqualTo("000000002");
        assertThat(jdbc.query("SELECT actor, reason FROM audit_event WHERE action = 'SUBMISSION_PUBLISHED' AND target = '000000002'",
                (rs, n) -> rs.getString(1) + " / " + rs.getString(2))).as("no --by: the OS user")
                .containsExactly(System.getProperty("user.name") + " / 1 claims");

        Ran listed = run("submissions", "--json");
        assertThat(listed.exit()).isEqualTo(ExitCodes.OK);
        assertThat(listed.out()).contains("\"isa13\" : \"000000002\"").contains("\"isa13\" : \"000000001\"");

        // another submit running: refused, nothing done
        try (AutoCloseable lock = new NamedLock(dataSource(), dialect()).tryAcquire(Submitter.LOCK).orElseThrow()) {
            Ran refused = run("submit");
            assertThat(refused.exit()).isEqualTo(ExitCodes.IN_PROGRESS);
            assertThat(refused.err()).contains("another submit is in progress; nothing was done");
        }
    }

    /**
     * The claims are marked SUBMITTED beside the writing, in a transaction that commits only once the file is in place:
     * when writing fails, nothing is SUBMITTED, no event or audit entry stays, and the next submit finishes the
     * recorded interchange.
     */
    void aSubmitWhoseFileCannotBeWrittenMarksNothing() throws Exception {
        assertThat(run("demo-data", "--patients", "300", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("close", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        Path inTheWay = Files.writeString(Files.createDirectories(out().resolve("submissions")).resolve(".staging"), "not a directory");

        Ran failed = run("submit", "--by", "biller-ann");
        assertThat(failed.exit()).as(failed.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(jdbc.queryForList("SELECT state FROM submission", String.class)).containsExactly("RECORDED");
        long reserved = jdbc.queryForObject("SELECT COUNT(*) FROM submission_claim", Long.class);
        assertThat(reserved).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE status = 'SUBMITTED'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event WHERE to_status = 'SUBMITTED'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'SUBMISSION_PUBLISHED'", Long.class)).isZero();
        assertThat(out().resolve("submissions").resolve("000000001")).doesNotExist();

        Files.delete(inTheWay);
        Ran again = run("submit");
        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("Finished interchange 000000001");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE status = 'SUBMITTED'", Long.class)).isEqualTo(reserved);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event WHERE to_status = 'SUBMITTED'", Long.class)).isEqualTo(reserved);
        assertThat(jdbc.queryForList("SELECT actor FROM audit_event WHERE action = 'SUBMISSION_PUBLISHED'", String.class))
                .as("the recorded submitter").containsExactly("biller-ann");
        assertThat(Interchange837Check.problems(Files.readAllBytes(out().resolve("submissions").resolve("000000001")
                .resolve("claims.837")))).isEmpty();
    }

    void refusesASubmissionFileWithoutASubmitterId(Path dir) throws Exception {
        Path settings = Files.writeString(dir.resolve("submission.yml"),
                Files.readString(Path.of("config/submission.yml")).replace("  id: SUBMITTER01\n", ""));
        Ran refused = run("submit", "--ccm.submission.settings=" + settings);
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err().strip()).isEqualTo("error: " + settings + ": submitter.id is missing");
    }

    private static List<String> claimIds(List<List<String>> segments) {
        return segments.stream().filter(s -> s.get(0).equals("CLM")).map(s -> s.get(1)).toList();
    }

    /** CLM02 = the claim's charge in claims.csv; each SV1 = a line of claims.csv (code, charge, units), in order. */
    private static void assertAmountsAndLinesAreThoseOfClaimsCsv(List<List<String>> segments, Map<String, List<CSVRecord>> claims) {
        String claim = null;
        Map<String, List<String>> written = new LinkedHashMap<>();
        for (List<String> segment : segments) {
            if (segment.get(0).equals("CLM")) {
                claim = segment.get(1);
                BigDecimal charge = claims.get(claim).stream().map(r -> new BigDecimal(r.get("charge_amount")))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(new BigDecimal(segment.get(2))).as("CLM02 of " + claim).isEqualByComparingTo(charge);
                written.put(claim, new ArrayList<>());
            }
            if (segment.get(0).equals("SV1")) {
                written.get(claim).add(segment.get(1) + "|" + new BigDecimal(segment.get(2)).toPlainString() + "|" + segment.get(4));
            }
        }
        for (Map.Entry<String, List<String>> entry : written.entrySet()) {
            assertThat(entry.getValue()).as("lines of " + entry.getKey()).containsExactlyElementsOf(claims.get(entry.getKey()).stream()
                    .map(r -> "HC:" + r.get("cpt") + "|" + new BigDecimal(r.get("charge_amount")).toPlainString() + "|" + r.get("units"))
                    .toList());
        }
    }

    private static Map<String, List<CSVRecord>> claimsCsv(Path file) throws IOException {
        Map<String, List<CSVRecord>> claims = new LinkedHashMap<>();
        for (CSVRecord row : csv(file)) {
            claims.computeIfAbsent(row.get("claim_id"), id -> new ArrayList<>()).add(row);
        }
        return claims;
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }

    private static String placeholders(Set<String> values) {
        return String.join(", ", values.stream().map(v -> "?").toList());
    }
}
