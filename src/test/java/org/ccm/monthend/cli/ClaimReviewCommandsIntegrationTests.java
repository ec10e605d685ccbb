package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review round on the embedded database, through the command line: a close writes every claim DECIDED with one
 * event; {@code hold} and {@code release} change the status with an event naming who, when and why; what may not
 * change is refused with exit 2 and a message without the claim id; {@code claims --json} says what claims.csv says.
 */
class ClaimReviewCommandsIntegrationTests {

    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");
    private static final String URL = "jdbc:h2:mem:claim-review;DB_CLOSE_DELAY=-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path out;

    @Test
    void closeDecidesHoldKeepsBackWithAReasonReleaseLetsGoAndTheRecordSaysWhoWhenWhy() throws Exception {
        Ran imported = run("import", "--from", PRACTICE.toString());
        assertThat(imported.exit()).as(imported.err()).isEqualTo(ExitCodes.OK);
        Ran closed = run("close", "--month", "2026-10");
        assertThat(closed.exit()).as(closed.err()).isEqualTo(ExitCodes.OK);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(URL, "sa", ""));
        long execution = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);

        // every claim of claims.csv is DECIDED, with exactly one event: the close's
        Map<String, ExpectedClaim> expected = claimsCsv(out.resolve("2026-10/claims.csv"));
        assertThat(expected).hasSizeGreaterThan(2);
        assertThat(jdbc.queryForList("SELECT claim_id FROM claim WHERE status = 'DECIDED' ORDER BY claim_id", String.class))
                .containsExactlyElementsOf(expected.keySet());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event", Long.class)).isEqualTo(expected.size());
        assertThat(jdbc.queryForList("SELECT claim_id, from_status, to_status, actor, reason FROM claim_event ORDER BY claim_id"))
                .extracting(row -> row.get("CLAIM_ID") + "|" + row.get("FROM_STATUS") + "|" + row.get("TO_STATUS") + "|" + row.get("ACTOR")
                        + "|" + row.get("REASON"))
                .containsExactlyElementsOf(expected.keySet().stream()
                        .map(id -> id + "|null|DECIDED|close|decided by close execution " + execution).toList());

        // claims --json: the values of claims.csv, amounts as strings with two decimals, unknowns as null
        Ran listed = run("claims", "--month", "2026-10", "--json");
        assertThat(listed.exit()).isEqualTo(ExitCodes.OK);
        JsonNode document = JSON.readTree(listed.out());
        assertThat(document.get("month").asString()).isEqualTo("2026-10");
        assertThat(document.get("claims")).hasSize(expected.size());
        List<String> listedIds = new ArrayList<>();
        for (JsonNode claim : document.get("claims")) {
            ExpectedClaim want = expected.get(claim.get("claim_id").asString());
            listedIds.add(claim.get("claim_id").asString());
            assertThat(want).as(claim.toString()).isNotNull();
            assertThat(claim.get("control_number").asString()).isEqualTo(want.claimId()); // ids of this practice are short
            assertThat(claim.get("patient_id").asString()).isEqualTo(want.patientId());
            assertThat(claim.get("status").asString()).isEqualTo("DECIDED");
            assertThat(claim.get("family").asString()).isEqualTo(want.family());
            assertThat(claim.get("total_charge").isString()).isTrue();
            assertThat(claim.get("total_charge").asString()).isEqualTo(want.totalCharge().setScale(2).toPlainString());
            assertThat(claim.get("expected_payment").asString()).isEqualTo(want.expected().setScale(2).toPlainString());
            for (String unknown : List.of("practice_id", "paid", "submission")) {
                assertThat(claim.has(unknown)).as(unknown).isTrue();
                assertThat(claim.get(unknown).isNull()).as(unknown).isTrue();
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode line : claim.get("lines")) {
                assertThat(line.has("paid") && line.get("paid").isNull()).isTrue();
                lines.add(line.get("line").asInt() + "|" + line.get("cpt").asString() + "|" + line.get("units").asInt() + "|"
                        + line.get("charge_amount").asString() + "|" + line.get("expected_payment").asString());
            }
            assertThat(lines).containsExactlyElementsOf(want.lines());
        }
        assertThat(listedIds).containsExactlyElementsOf(expected.keySet());

        String claimId = expected.keySet().iterator().next();
        String other = new ArrayList<>(expected.keySet()).get(1);

        // a hold needs a reason
        Ran noReason = run("hold", claimId);
        assertThat(noReason.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err()).contains("a hold needs a reason");
        assertThat(run("hold", claimId, "--reason", "  ").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(status(jdbc, claimId)).isEqualTo("DECIDED");

        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Ran held = run("hold", claimId, "--reason", "consent form not scanned", "--by", "biller-ann");
        Instant after = Instant.now();
        assertThat(held.exit()).as(held.err()).isEqualTo(ExitCodes.OK);
        assertThat(held.out()).contains("Held: the claim is HELD (was DECIDED), by biller-ann").doesNotContain(claimId);
        assertThat(status(jdbc, claimId)).isEqualTo("HELD");
        Map<String, Object> event = lastEvent(jdbc, claimId);
        assertThat(event).containsEntry("FROM_STATUS", "DECIDED").containsEntry("TO_STATUS", "HELD").containsEntry("ACTOR", "biller-ann")
                .containsEntry("REASON", "consent form not scanned").containsEntry("SUBMISSION_ID", null).containsEntry("REMITTANCE_ID", null);
        Instant at = ((Timestamp) event.get("AT")).toLocalDateTime().toInstant(ZoneOffset.UTC);
        assertThat(at).isBetween(before, after);

        // holding a held claim, releasing one that is not held, an unknown claim: refused, nothing recorded
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM claim_event", Long.class);
        Ran again = run("hold", claimId, "--reason", "twice");
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already HELD").doesNotContain(claimId);
        Ran notHeld = run("release", other);
        assertThat(notHeld.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(notHeld.err()).contains("only a HELD claim can be released; this one is DECIDED").doesNotContain(other);
        Ran unknown = run("hold", "CCM-202610-NOBODY", "--reason", "x");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no such claim").doesNotContain("NOBODY");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event", Long.class)).isEqualTo(events);

        // claims --status HELD: that one claim; the text table lists it
        JsonNode heldOnly = JSON.readTree(run("claims", "--month", "2026-10", "--status", "held", "--json").out());
        assertThat(heldOnly.get("claims")).singleElement().satisfies(claim -> {
            assertThat(claim.get("claim_id").asString()).isEqualTo(claimId);
            assertThat(claim.get("status").asString()).isEqualTo("HELD");
        });
        Ran text = run("claims", "--month", "2026-10");
        assertThat(text.out()).contains("CLAIM_ID", "CONTROL_NUMBER", "STATUS").containsPattern(claimId + " .* HELD ")
                .contains(expected.size() + " claims of 2026-10 (DECIDED " + (expected.size() - 1) + ", HELD 1)");
        assertThat(run("claims", "--month", "2026-10", "--status", "WAITING").exit()).isEqualTo(ExitCodes.USAGE);

        // release: without --by the operating-system user is on the record
        Ran released = run("release", claimId);
        assertThat(released.exit()).as(released.err()).isEqualTo(ExitCodes.OK);
        assertThat(status(jdbc, claimId)).isEqualTo("RELEASED");
        assertThat(lastEvent(jdbc, claimId)).containsEntry("FROM_STATUS", "HELD").containsEntry("TO_STATUS", "RELEASED")
                .containsEntry("ACTOR", System.getProperty("user.name")).containsEntry("REASON", null);
        // a released claim may be held again
        assertThat(run("hold", claimId, "--reason", "payer asked for notes").exit()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForList("SELECT to_status FROM claim_event WHERE claim_id = ? ORDER BY event_id", String.class, claimId))
                .containsExactly("DECIDED", "HELD", "RELEASED", "HELD");
        // each change is in the audit log too, from the command line, with the month (the close's start first); the refusals are not
        assertThat(jdbc.queryForList("SELECT actor, channel, action, target_type, target, service_month, reason, outcome FROM audit_event"
                + " ORDER BY audit_id")).extracting(row -> row.get("ACTOR") + "|" + row.get("CHANNEL") + "|" + row.get("ACTION") + "|"
                        + row.get("TARGET_TYPE") + "|" + row.get("TARGET") + "|" + row.get("SERVICE_MONTH") + "|" + row.get("REASON") + "|"
                        + row.get("OUTCOME"))
                .containsExactly(System.getProperty("user.name") + "|cli|CLOSE_STARTED|month|2026-10|2026-10|revision 1|OK",
                        "biller-ann|cli|CLAIM_HELD|claim|" + claimId + "|2026-10|consent form not scanned|OK",
                        System.getProperty("user.name") + "|cli|CLAIM_RELEASED|claim|" + claimId + "|2026-10|null|OK",
                        System.getProperty("user.name") + "|cli|CLAIM_HELD|claim|" + claimId + "|2026-10|payer asked for notes|OK");

        // a submitted claim (no 'submit' yet: the status set directly) cannot be held; the message says to void it
        jdbc.update("UPDATE claim SET status = 'SUBMITTED' WHERE claim_id = ?", other);
        Ran submitted = run("hold", other, "--reason", "too late");
        assertThat(submitted.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(submitted.err()).contains("the claim is SUBMITTED").contains("'void' it").doesNotContain(other);
        assertThat(status(jdbc, other)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_event WHERE claim_id = ?", Long.class, other)).isOne();
    }

    private static String status(JdbcTemplate jdbc, String claimId) {
        return jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId);
    }

    private static Map<String, Object> lastEvent(JdbcTemplate jdbc, String claimId) {
        return jdbc.queryForMap("SELECT * FROM claim_event WHERE claim_id = ? ORDER BY event_id DESC LIMIT 1", claimId);
    }

    /** A claim as claims.csv has it: its lines' charges and expected payments added up here. */
    record ExpectedClaim(String claimId, String patientId, String family, BigDecimal totalCharge, BigDecimal expected, List<String> lines) {
    }

    static Map<String, ExpectedClaim> claimsCsv(Path file) throws Exception {
        Map<String, ExpectedClaim> claims = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord row : parser) {
                String id = row.get("claim_id");
                ExpectedClaim was = claims.get(id);
                String line = row.get("line") + "|" + row.get("cpt") + "|" + row.get("units") + "|" + row.get("charge_amount") + "|"
                        + row.get("expected_payment");
                BigDecimal charge = new BigDecimal(row.get("charge_amount"));
                BigDecimal expected = new BigDecimal(row.get("expected_payment"));
                if (was == null) {
                    claims.put(id, new ExpectedClaim(id, row.get("patient_id"), row.get("family"), charge, expected, new ArrayList<>(List.of(line))));
                }
                else {
                    was.lines().add(line);
                    claims.put(id, new ExpectedClaim(id, was.patientId(), was.family(), was.totalCharge().add(charge), was.expected().add(expected),
                            was.lines()));
                }
            }
        }
        return claims;
    }

    /** A command's exit code and what it printed. */
    record Ran(int exit, String out, String err) {
    }

    private Ran run(String... args) {
        CommandRun ran = CommandRun.of(List.of("--spring.datasource.url=" + URL, "--ccm.output-dir=" + out), args);
        return new Ran(ran.exit(), ran.out(), ran.err());
    }
}
