package org.ccm.monthend.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.ExitCodes;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13 through the command line, on the database a subclass gives: the demo month closed and submitted, then
 * answered by the synthetic payer or by 835s built here, posted with {@code remit}, and read back with
 * {@code receivables --json}. Expected values are worked out from the 835s (their segments), not from the product.
 */
abstract class RemitScenario {

    abstract List<String> database();

    abstract DataSource dataSource();

    abstract Path out();

    /** From now on, a fresh empty database of the same kind (for a second posting of the same month to compare with). */
    abstract void useNewDatabase();

    static final List<String> TABLES = List.of("remittance", "remittance_claim", "remittance_line", "remittance_adjustment",
            "remittance_remark", "provider_adjustment", "claim_event", "audit_event");

    /** Where commands write; {@link #out()} unless a scenario switches it. */
    Path output;

    CommandRun run(String... args) {
        List<String> settings = new ArrayList<>(database());
        settings.add("--ccm.output-dir=" + (output != null ? output : out()));
        return CommandRun.of(settings, args);
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    void closeAndSubmit() {
        assertThat(run("demo-data", "--patients", "400", "--month", "2026-10").exit()).isEqualTo(ExitCodes.OK);
        CommandRun closed = run("close", "--month", "2026-10");
        assertThat(closed.exit()).as(closed.err()).isEqualTo(ExitCodes.OK);
        CommandRun submitted = run("submit");
        assertThat(submitted.exit()).as(submitted.err()).isEqualTo(ExitCodes.OK);
    }

    /** demo-remit → remit → receivables: what receivables says is what the 835 says; the same file again changes nothing. */
    void demoRoundTrip() throws Exception {
        closeAndSubmit();
        Path file = out().resolve("era").resolve("answer.835");
        CommandRun wrote = run("demo-remit", "--submission", "1", "--seed", "7", "--denial-rate", "0.2", "--out", file.toString());
        assertThat(wrote.exit()).as(wrote.err()).isEqualTo(ExitCodes.OK);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Interchange835Check.problems(bytes)).isEmpty();
        Path again = out().resolve("era").resolve("again.835");
        assertThat(run("demo-remit", "--submission", "1", "--seed", "7", "--denial-rate", "0.2", "--out", again.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(again)).as("deterministic by seed").isEqualTo(bytes);

        CommandRun posted = run("remit", "--from", file.toString(), "--by", "biller-ann");
        assertThat(posted.exit()).as(posted.err()).isEqualTo(ExitCodes.OK);
        assertThat(posted.out()).contains("Posted remittance 00882-");

        Expected expected = Expected.of(Interchange835Check.segments(bytes));
        JsonNode month = receivables();
        assertThat(month.get("paid_amount").asString()).isEqualTo(expected.paid.toPlainString());
        assertThat(month.get("patient_responsibility").asString()).isEqualTo(expected.patient.toPlainString());
        assertThat(month.get("sequestration").asString()).isEqualTo(expected.sequestration.toPlainString());
        assertThat(month.get("provider_adjustments").get(0).get("amount").asString()).isEqualTo(expected.plb.toPlainString());
        Map<String, String> denials = new TreeMap<>();
        month.get("denials").forEach(d -> denials.put(d.get("group").asString() + "-" + d.get("reason").asString(),
                d.get("claims").asInt() + " claims, " + d.get("lines").asInt() + " lines, " + d.get("amount").asString()));
        assertThat(denials).isEqualTo(expected.denials());
        assertThat(denials).containsOnlyKeys("CO-16", "CO-18", "CO-97", "CO-B9");
        assertThat(month.get("remarks").get(0).get("code").asString()).isEqualTo("MA130");
        assertThat(month.get("remarks").get(0).get("claims").asInt()).isEqualTo(expected.remarkClaims.size());
        assertThat(count(month, "answered")).isEqualTo(expected.claims.size());
        assertAddsUp(month);
        assertThat(count(month, "outstanding")).as("the payer leaves some unanswered").isPositive();

        // on the record: one audit row per transaction, every claim's answer as an event
        int transactions = (int) Interchange835Check.segments(bytes).stream().filter(s -> s.get(0).equals("ST")).count();
        assertThat(jdbc().queryForList("SELECT reason FROM audit_event WHERE action = 'REMITTANCE_POSTED' AND actor = 'biller-ann'"
                + " AND target_type = 'remittance' AND service_month = '2026-10'", String.class)).hasSize(transactions)
                .allMatch(r -> r.matches("[0-9]+ claims, 0 unmatched"));
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM claim_event WHERE remittance_id IS NOT NULL", Integer.class))
                .isEqualTo(expected.claims.size());
        Path directory = out().resolve("remittances").resolve(jdbc().queryForObject(
                "SELECT MIN(CONCAT(payer_id, '-', trace_number)) FROM remittance", String.class));
        assertThat(Files.readAllBytes(directory.resolve("remittance.835"))).isEqualTo(bytes);
        assertThat(Files.readString(directory.resolve("remittance.835.sha256"))).startsWith(
                org.ccm.monthend.core.Checksums.sha256(bytes) + "  ");
        assertThat(csv(directory.resolve("remittance-rejects.csv"))).isEmpty();

        // forecast: what the month was actually paid per answered patient-month, beside the expectation
        CommandRun forecast = run("forecast", "--medicare-patients", "1000");
        assertThat(forecast.exit()).as(forecast.err()).isEqualTo(ExitCodes.OK);
        assertThat(forecast.out()).contains("Actually paid (posted remittances): "
                + expected.paid.divide(BigDecimal.valueOf(expected.claims.size()), 2, java.math.RoundingMode.HALF_UP).toPlainString()
                + " per answered patient-month over " + expected.claims.size() + " answered claims.");

        // the same file again: exit 0, "already posted", not a row more
        Map<String, Integer> before = rows();
        CommandRun twice = run("remit", "--from", file.toString());
        assertThat(twice.exit()).as(twice.err()).isEqualTo(ExitCodes.OK);
        assertThat(twice.out()).contains("already posted: nothing changed").doesNotContain("Posted remittance");
        assertThat(rows()).isEqualTo(before);
        assertThat(receivables().toString()).isEqualTo(month.toString());
    }

    /** A file that does not balance, at any level, or is no 835 5010, is refused whole: exit 2, nothing recorded. */
    void unbalancedFilesAreRefusedWhole() throws Exception {
        closeAndSubmit();
        Path file = out().resolve("answer.835");
        assertThat(run("demo-remit", "--submission", "1", "--out", file.toString()).exit()).isZero();
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Map<String, Integer> before = rows();
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("service line 1: charge", bump(text, "SVC*", 2));
        broken.put("CLP03", bump(text, "CLP*", 3));
        broken.put(": BPR02", bump(text, "BPR*", 2));
        broken.put("not an 835 5010", text.replace("GS*HP*", "GS*HC*"));
        for (Map.Entry<String, String> entry : broken.entrySet()) {
            Path bad = Files.writeString(out().resolve("bad.835"), entry.getValue(), StandardCharsets.US_ASCII);
            CommandRun refused = run("remit", "--from", bad.toString());
            assertThat(refused.exit()).as(entry.getKey()).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.err()).contains(entry.getKey()).contains("nothing was posted").doesNotContain("CCM-");
            assertThat(rows()).as(entry.getKey()).isEqualTo(before);
            assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM claim WHERE status NOT IN ('DECIDED', 'SUBMITTED')", Integer.class)).isZero();
        }
        assertThat(Files.exists(out().resolve("remittances"))).isFalse();
        // the corrected file with the same trace posts
        assertThat(run("remit", "--from", file.toString()).exit()).isEqualTo(ExitCodes.OK);
    }

    /**
     * 835s built here for real submitted claims: a payment, its reversal, a new payment (ends with the new one); a claim
     * paid in two files (flagged once, counted once); a claim this product never sent (to the rejects); CO-18, CO-B9,
     * CO-97 and CO-16 with MA130 in receivables with the counts and amounts of these files.
     */
    void reversalsDuplicatesRejectsAndDenials() throws Exception {
        closeAndSubmit();
        List<String> ids = jdbc().queryForList("""
                SELECT c.claim_id FROM claim c WHERE c.status = 'SUBMITTED'
                   AND (SELECT COUNT(*) FROM claim_line l WHERE l.claim_id = c.claim_id) = 2 ORDER BY c.claim_id""", String.class);
        String x = ids.get(0);
        String y = ids.get(1);
        String z = ids.get(2);
        String w = ids.get(3);
        String v = ids.get(4);

        remit("T1", List.of(Sample835.claim(x, "1", paid(x, 1))));
        assertThat(status(x)).isEqualTo("PAID");
        remit("T2", List.of(Sample835.claim(x, "22", paid(x, -1))));
        assertThat(status(x)).isEqualTo("REVERSED");
        assertThat(jdbc().queryForObject("SELECT paid_amount FROM claim WHERE claim_id = ?", BigDecimal.class, x)).isZero();
        // the new payment: line 1 paid, line 2 bundled (CO-97)
        List<String[]> xLines = lines(x);
        List<Era835.ServicePayment> newPayment = List.of(Sample835.paidLine(1, xLines.get(0)[0], xLines.get(0)[1], x, 1),
                Sample835.deniedLine(2, xLines.get(1)[0], xLines.get(1)[1], x, "97", null));
        remit("T3", List.of(Sample835.claim(x, "1", newPayment)));
        assertThat(status(x)).isEqualTo("PARTIALLY_PAID");
        BigDecimal xPaid = newPayment.get(0).paid();
        assertThat(jdbc().queryForObject("SELECT paid_amount FROM claim WHERE claim_id = ?", BigDecimal.class, x)).isEqualByComparingTo(xPaid);
        assertThat(jdbc().queryForList("SELECT to_status FROM claim_event WHERE claim_id = ? ORDER BY event_id", String.class, x))
                .containsExactly("DECIDED", "SUBMITTED", "PAID", "REVERSED", "PARTIALLY_PAID");

        List<Era835.ServicePayment> yPayment = paid(y, 1);
        BigDecimal yPaid = yPayment.stream().map(Era835.ServicePayment::paid).reduce(BigDecimal.ZERO, BigDecimal::add);
        remit("T4", List.of(Sample835.claim(y, "1", yPayment)));
        Path second = remit("T5", List.of(Sample835.claim(y, "1", yPayment)));
        assertThat(status(y)).isEqualTo("PAID");
        assertThat(jdbc().queryForObject("SELECT paid_amount FROM claim WHERE claim_id = ?", BigDecimal.class, y)).isEqualByComparingTo(yPaid);
        assertThat(csv(second.resolve("remittance-rejects.csv"))).singleElement().satisfies(r -> {
            assertThat(r.get("claim_control_number")).isEqualTo(y);
            assertThat(r.get("reason")).contains("second payment, not counted");
        });

        String never = "CCM-209901-NEVERSENT";
        Path withUnknown = remit("T6", List.of(Sample835.claim(never, "1", List.of(Sample835.paidLine(1, "99490", "66.13", never, 1))),
                Sample835.claim(z, "4", denied(z, "18", null)), Sample835.claim(w, "4", denied(w, "B9", null)),
                Sample835.claim(v, "4", denied(v, "16", "MA130"))));
        assertThat(csv(withUnknown.resolve("remittance-rejects.csv"))).singleElement().satisfies(r -> {
            assertThat(r.get("claim_control_number")).isEqualTo(never);
            assertThat(r.get("reason")).isEqualTo("CLP01 matches no claim this product submitted");
        });
        assertThat(jdbc().queryForObject("SELECT unmatched FROM remittance WHERE trace_number = 'T6'", Integer.class)).isEqualTo(1);
        assertThat(jdbc().queryForObject("SELECT reason FROM audit_event WHERE target = '00882-T6'", String.class))
                .isEqualTo("3 claims, 1 unmatched");

        JsonNode month = receivables();
        assertThat(new BigDecimal(month.get("paid_amount").asString())).as("x's new payment and y once").isEqualByComparingTo(xPaid.add(yPaid));
        assertThat(month.get("duplicate_payments").asInt()).isEqualTo(1);
        Map<String, String> denials = new TreeMap<>();
        month.get("denials").forEach(d -> denials.put(d.get("group").asString() + "-" + d.get("reason").asString(),
                d.get("claims").asInt() + "/" + d.get("lines").asInt() + "/" + d.get("amount").asString()));
        assertThat(denials).isEqualTo(Map.of("CO-97", "1/1/" + xLines.get(1)[1], "CO-18", "1/2/" + charge(z), "CO-B9", "1/2/" + charge(w),
                "CO-16", "1/2/" + charge(v)));
        assertThat(month.get("remarks")).hasSize(1);
        assertThat(month.get("remarks").get(0).get("code").asString()).isEqualTo("MA130");
        assertThat(month.get("remarks").get(0).get("claims").asInt()).isEqualTo(1);
        assertThat(count(month, "denied")).isEqualTo(3);
        assertThat(count(month, "partially_paid")).isEqualTo(1);
        assertThat(count(month, "paid")).isEqualTo(1);
        assertAddsUp(month);
    }

    /**
     * The demo answer posted seven claims per database transaction with the second 835 transaction's fifth chunk failing
     * before its commit (as a crash there leaves it: chunks committed, the rejects file written past its checkpoint),
     * then run again: it finishes what was left and ends with exactly the rows, statuses, events, audit and rejects files
     * of the same file posted in one database transaction per 835 transaction on a second database. Two claims this
     * product never sent (one before the failure, one in the failing chunk) are in the rejects once each.
     */
    void aPostingInChunksThatStopsPartWayIsFinishedWithTheRowsOfOneTransaction() throws Exception {
        closeAndSubmit();
        Path demo = out().resolve("era").resolve("answer.835");
        assertThat(run("demo-remit", "--submission", "1", "--seed", "7", "--denial-rate", "0.2", "--out", demo.toString()).exit()).isZero();
        List<List<String>> segments = Interchange835Check.segments(Files.readAllBytes(demo));
        int firstClaims = 0;
        int secondClaims = 0;
        int st = 0;
        for (List<String> segment : segments) {
            st += segment.get(0).equals("ST") ? 1 : 0;
            if (segment.get(0).equals("CLP")) {
                firstClaims += st == 1 ? 1 : 0;
                secondClaims += st == 2 ? 1 : 0;
            }
        }
        assertThat(st).as("one transaction per billing provider").isEqualTo(2);
        assertThat(secondClaims).isGreaterThan(40);
        // CLP01 of the second transaction's 3rd and 30th claims: claims this product never sent
        String text = Files.readString(demo, StandardCharsets.US_ASCII);
        int second = segment(text, "ST", segment(text, "ST", 0) + 1);
        text = text.substring(0, second) + neverSent(neverSent(text.substring(second), 30, "NEVERSENT30"), 3, "NEVERSENT03");
        Path file = Files.writeString(out().resolve("unknown-claims.835"), text, StandardCharsets.US_ASCII);
        assertThat(Interchange835Check.problems(Files.readAllBytes(file))).isEmpty();

        // 7 claims a commit: the first transaction takes firstClaims / 7 + 1 commits (the last with its PLB and the
        // switch to POSTED); the second's 5th chunk (its claims 29 to 35) fails before its commit
        int failing = firstClaims / 7 + 1 + 5;
        CommandRun stopped = run("remit", "--from", file.toString(), "--ccm.remit.chunk-claims=7", "--ccm.remit.test.fail-at-chunk=" + failing);
        assertThat(stopped.exit()).as(stopped.out() + stopped.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(stopped.err()).contains("posting stopped in transaction 2").contains("after claim 28 of it was committed")
                .contains("run remit again with the same file").doesNotContain("CCM-");
        List<Map<String, Object>> remittances = jdbc().queryForList(
                "SELECT remittance_id, state, claims, unmatched, posted_through, rejects_bytes FROM remittance ORDER BY remittance_id");
        assertThat(remittances).hasSize(2);
        assertThat(remittances.get(0).get("state")).isEqualTo("POSTED");
        assertThat(remittances.get(1)).as("the checkpoint of the last commit").containsEntry("state", "POSTING")
                .containsEntry("posted_through", 28).containsEntry("claims", 27).containsEntry("unmatched", 1);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM remittance_claim WHERE remittance_id = 2", Integer.class)).isEqualTo(27);
        assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'REMITTANCE_POSTED'", Integer.class)).isEqualTo(1);
        Path posting = output().resolve("remittances").resolve(".posting-2").resolve("remittance-rejects.csv");
        long committedBytes = ((Number) remittances.get(1).get("rejects_bytes")).longValue();
        assertThat(Files.size(posting)).as("the failing chunk's reject was written after the checkpoint").isGreaterThan(committedBytes);
        assertThat(output().resolve("remittances").resolve(key(2))).as("not in place before it is POSTED").doesNotExist();
        assertThat(output().resolve("remittances").resolve(key(1)).resolve("remittance.835")).exists();

        // another file with the unfinished trace is refused until the stopped one is finished
        Path other = Files.writeString(out().resolve("other.835"), text.replaceFirst("N1\\*PR\\*[^*~]*", "N1*PR*ANOTHER NAME"),
                StandardCharsets.US_ASCII);
        Map<String, Integer> before = rows();
        CommandRun refused = run("remit", "--from", other.toString());
        assertThat(refused.exit()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("is being posted from another file").contains("nothing was posted");
        assertThat(rows()).isEqualTo(before);

        CommandRun finished = run("remit", "--from", file.toString(), "--ccm.remit.chunk-claims=7");
        assertThat(finished.exit()).as(finished.err()).isEqualTo(ExitCodes.OK);
        assertThat(finished.out()).contains("Remittance " + key(1) + " already posted: nothing changed")
                .contains("Posted remittance " + key(2)).contains("(finished: 27 of its claims were posted by a run that stopped)")
                .contains(", 2 unmatched");
        assertThat(jdbc().queryForList("SELECT state FROM remittance", String.class)).containsOnly("POSTED");
        Map<String, List<String>> chunked = postedRows();
        Map<String, String> chunkedFiles = publishedFiles();
        assertThat(csv(output().resolve("remittances").resolve(key(2)).resolve("remittance-rejects.csv")))
                .extracting(r -> r.get("claim_control_number")).containsExactly("NEVERSENT03", "NEVERSENT30");
        assertThat(output().resolve("remittances").resolve(".posting-2")).doesNotExist();
        CommandRun again = run("remit", "--from", file.toString());
        assertThat(again.out()).contains("Remittance " + key(2) + " already posted: nothing changed");
        assertThat(postedRows()).isEqualTo(chunked);

        // the same month and file, posted in one database transaction per 835 transaction, on a new database
        useNewDatabase();
        output = out().resolve("whole");
        closeAndSubmit();
        CommandRun whole = run("remit", "--from", file.toString(), "--ccm.remit.chunk-claims=1000000");
        assertThat(whole.exit()).as(whole.err()).isEqualTo(ExitCodes.OK);
        assertThat(whole.out()).doesNotContain("finished:");
        Map<String, List<String>> oneTransaction = postedRows();
        assertThat(oneTransaction.get("remittance_claim")).hasSize(firstClaims + secondClaims - 2);
        assertThat(chunked).isEqualTo(oneTransaction);
        assertThat(chunkedFiles).isEqualTo(publishedFiles());
    }

    private Path output() {
        return output != null ? output : out();
    }

    private String key(long remittanceId) {
        return jdbc().queryForObject("SELECT CONCAT(payer_id, '-', trace_number) FROM remittance WHERE remittance_id = ?", String.class,
                remittanceId);
    }

    /** {@code text} with CLP01 of its {@code ordinal}th CLP replaced by {@code control}. */
    private static String neverSent(String text, int ordinal, String control) {
        int at = -1;
        for (int i = 0; i < ordinal; i++) {
            at = segment(text, "CLP", at + 1);
        }
        int start = at + "CLP*".length();
        return text.substring(0, start) + control + text.substring(text.indexOf('*', start));
    }

    /** Where the first segment {@code tag} at or after {@code from} starts (after a segment terminator and line break). */
    private static int segment(String text, String tag, int from) {
        for (int at = text.indexOf(tag + "*", from); at >= 0; at = text.indexOf(tag + "*", at + 1)) {
            if (at > 0 && (text.charAt(at - 1) == '~' || text.charAt(at - 1) == '\n')) {
                return at;
            }
        }
        throw new AssertionError("no " + tag + " segment after " + from);
    }

    /**
     * Every row the postings wrote or changed, as sorted text per table, without the times (each run has its own) and the
     * identity columns of events.
     */
    Map<String, List<String>> postedRows() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("remittance", "SELECT * FROM remittance");
        queries.put("remittance_claim", "SELECT * FROM remittance_claim");
        queries.put("remittance_line", "SELECT * FROM remittance_line");
        queries.put("remittance_adjustment", "SELECT * FROM remittance_adjustment");
        queries.put("remittance_remark", "SELECT * FROM remittance_remark");
        queries.put("provider_adjustment", "SELECT * FROM provider_adjustment");
        queries.put("claim", "SELECT claim_id, status, remittance_id, payer_claim_number, paid_amount, patient_responsibility,"
                + " answered_at IS NULL AS unanswered FROM claim");
        queries.put("claim_line", "SELECT claim_id, line, paid_amount, allowed_amount FROM claim_line");
        queries.put("claim_event", "SELECT claim_id, from_status, to_status, actor, reason, remittance_id FROM claim_event"
                + " WHERE remittance_id IS NOT NULL");
        queries.put("audit_event", "SELECT actor, channel, action, target_type, target, service_month, reason FROM audit_event"
                + " WHERE action = 'REMITTANCE_POSTED'");
        Map<String, List<String>> rows = new LinkedHashMap<>();
        queries.forEach((table, sql) -> rows.put(table, jdbc().queryForList(sql).stream().map(row -> {
            Map<String, Object> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            row.forEach((column, value) -> {
                if (!List.of("posted_at", "file_path").contains(column.toLowerCase(java.util.Locale.ROOT))) {
                    kept.put(column, value instanceof BigDecimal d ? d.toPlainString() : value instanceof Boolean || value instanceof Number
                            ? value.toString() : String.valueOf(value));
                }
            });
            return kept.toString();
        }).sorted().toList()));
        return rows;
    }

    /** The published files of every remittance directory, by directory and name, with their content. */
    Map<String, String> publishedFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var dirs = Files.list(output().resolve("remittances"))) {
            for (Path dir : dirs.filter(d -> !d.getFileName().toString().startsWith(".")).toList()) {
                try (var inside = Files.list(dir)) {
                    for (Path f : inside.toList()) {
                        files.put(dir.getFileName() + "/" + f.getFileName(), Files.readString(f, StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
        return files;
    }

    private Path remit(String trace, List<Era835.ClaimPayment> claims) throws Exception {
        Path file = Files.write(out().resolve(trace + ".835"), Sample835.file(trace, claims, null));
        assertThat(Interchange835Check.problems(Files.readAllBytes(file))).isEmpty();
        CommandRun posted = run("remit", "--from", file.toString());
        assertThat(posted.exit()).as(posted.err()).isEqualTo(ExitCodes.OK);
        return out().resolve("remittances").resolve("00882-" + trace);
    }

    private String status(String claimId) {
        return jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId);
    }

    private List<String[]> lines(String claimId) {
        return jdbc().query("SELECT cpt, charge_amount FROM claim_line WHERE claim_id = ? ORDER BY line",
                (rs, row) -> new String[] {rs.getString(1), rs.getBigDecimal(2).toPlainString()}, claimId);
    }

    private String charge(String claimId) {
        return lines(claimId).stream().map(l -> new BigDecimal(l[1])).reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString();
    }

    private List<Era835.ServicePayment> paid(String claimId, int sign) {
        List<Era835.ServicePayment> paid = new ArrayList<>();
        List<String[]> lines = lines(claimId);
        for (int i = 0; i < lines.size(); i++) {
            paid.add(Sample835.paidLine(i + 1, lines.get(i)[0], lines.get(i)[1], claimId, sign));
        }
        return paid;
    }

    private List<Era835.ServicePayment> denied(String claimId, String reason, String remark) {
        List<Era835.ServicePayment> denied = new ArrayList<>();
        List<String[]> lines = lines(claimId);
        for (int i = 0; i < lines.size(); i++) {
            denied.add(Sample835.deniedLine(i + 1, lines.get(i)[0], lines.get(i)[1], claimId, reason, remark));
        }
        return denied;
    }

    JsonNode receivables() {
        CommandRun shown = run("receivables", "--month", "2026-10", "--json");
        assertThat(shown.exit()).as(shown.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.exists(out().resolve("receivables").resolve("receivables.csv"))).isTrue();
        JsonNode months = JsonMapper.builder().build().readTree(shown.out()).get("months");
        assertThat(months).hasSize(1);
        return months.get(0);
    }

    static int count(JsonNode month, String bucket) {
        return month.get(bucket).get("claims").asInt();
    }

    /** decided = held + ready + submitted; submitted = answered + outstanding; answered = its statuses; in claims and amounts. */
    static void assertAddsUp(JsonNode m) {
        for (String field : List.of("claims", "amount")) {
            assertThat(sum(m, field, "held", "ready", "submitted")).as("decided " + field).isEqualByComparingTo(value(m, "decided", field));
            assertThat(sum(m, field, "answered", "outstanding")).as("submitted " + field).isEqualByComparingTo(value(m, "submitted", field));
            assertThat(sum(m, field, "paid", "partially_paid", "denied", "reversed", "corrected")).as("answered " + field)
                    .isEqualByComparingTo(value(m, "answered", field));
        }
        assertThat(count(m, "decided")).isPositive();
    }

    private static BigDecimal sum(JsonNode m, String field, String... buckets) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String bucket : buckets) {
            sum = sum.add(value(m, bucket, field));
        }
        return sum;
    }

    private static BigDecimal value(JsonNode m, String bucket, String field) {
        return new BigDecimal(m.get(bucket).get(field).asString());
    }

    Map<String, Integer> rows() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc().queryForObject("SELECT COUNT(*) FROM " + table, Integer.class));
        }
        rows.put("answered claims", jdbc().queryForObject("SELECT COUNT(*) FROM claim WHERE remittance_id IS NOT NULL", Integer.class));
        return rows;
    }

    /** The text with the {@code element}th element of the first segment starting with {@code tag} one cent more. */
    static String bump(String text, String tag, int element) {
        int start = text.indexOf(tag);
        int end = text.indexOf('~', start);
        String[] parts = text.substring(start, end).split("\\*", -1);
        parts[element] = new BigDecimal(parts[element]).add(new BigDecimal("0.01")).toPlainString();
        return text.substring(0, start) + String.join("*", parts) + text.substring(end);
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }

    /** What the 835's segments say, added up here. */
    static final class Expected {
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        BigDecimal patient = BigDecimal.ZERO.setScale(2);
        BigDecimal sequestration = BigDecimal.ZERO.setScale(2);
        BigDecimal plb = BigDecimal.ZERO.setScale(2);
        final Set<String> claims = new HashSet<>();
        final Set<String> remarkClaims = new HashSet<>();
        final Map<String, Set<String>> denialClaims = new TreeMap<>();
        final Map<String, Integer> denialLines = new TreeMap<>();
        final Map<String, BigDecimal> denialAmounts = new TreeMap<>();

        static Expected of(List<List<String>> segments) {
            Expected e = new Expected();
            String claim = null;
            boolean inLine = false;
            for (List<String> s : segments) {
                switch (s.get(0)) {
                    case "CLP" -> {
                        claim = s.get(1);
                        inLine = false;
                        e.claims.add(claim);
                        e.paid = e.paid.add(new BigDecimal(s.get(4)));
                        if (!Interchange835Check.field(s, 5).isEmpty()) {
                            e.patient = e.patient.add(new BigDecimal(s.get(5)));
                        }
                    }
                    case "SVC" -> inLine = true;
                    case "CAS" -> {
                        for (int i = 2; i + 1 < s.size(); i += 3) {
                            String code = s.get(1) + "-" + s.get(i);
                            BigDecimal amount = new BigDecimal(s.get(i + 1));
                            if (code.equals("CO-253")) {
                                e.sequestration = e.sequestration.add(amount);
                            }
                            else if (!s.get(1).equals("PR") && !code.equals("CO-45")) {
                                e.denialClaims.computeIfAbsent(code, k -> new HashSet<>()).add(claim);
                                e.denialLines.merge(code, inLine ? 1 : 0, Integer::sum);
                                e.denialAmounts.merge(code, amount, BigDecimal::add);
                            }
                        }
                    }
                    case "LQ" -> e.remarkClaims.add(claim);
                    case "PLB" -> e.plb = e.plb.add(new BigDecimal(s.get(4)));
                    default -> {
                    }
                }
            }
            return e;
        }

        Map<String, String> denials() {
            Map<String, String> denials = new TreeMap<>();
            denialClaims.forEach((code, claims) -> denials.put(code, claims.size() + " claims, " + denialLines.get(code) + " lines, "
                    + denialAmounts.get(code).toPlainString()));
            return denials;
        }
    }
}
