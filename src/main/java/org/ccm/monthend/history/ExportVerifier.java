package org.ccm.monthend.history;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.export.ExportFiles;
import org.ccm.monthend.history.VerifyReport.Check;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Re-checks a published export against its own summary, the month_close row and the claim tables:
 * every file's SHA-256 and size; summary.json's SHA-256 against month_close; and the reconciliations
 * an auditor makes (ccm-rules.md section 7, "minutes that do not add up"): evidence rows = entries read,
 * counted + not counted = read, each claim's minutes = the sum of its evidence rows, patient-months =
 * billed + excepted, totals, and the claim rows in the database = claims.csv.
 *
 * <p>Memory is bounded by the claims of the month, never by the time entries: evidence.csv (millions of
 * rows) is streamed once and only a running sum per claim is kept.
 */
@Component
public class ExportVerifier {

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    /** How many individual mismatches a failed check names before it only counts them. */
    private static final int EXAMPLES = 3;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Dialect dialect;

    ExportVerifier(JdbcTemplate jdbc, DataSource dataSource, Dialect dialect) {
        this.dialect = dialect;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The published revision being checked, as month_close records it. */
    record Published(YearMonth month, int revision, long jobExecutionId, Path path, String summarySha256) {
    }

    /** Verifies revision {@code revision} of {@code month}, or every published revision when null. */
    public VerifyReport verify(YearMonth month, Integer revision) {
        List<Published> published = jdbc.query("""
                SELECT service_month, revision, job_execution_id, output_path, summary_sha256 FROM month_close
                 WHERE service_month = ? ORDER BY revision""",
                (rs, n) -> new Published(YearMonth.parse(rs.getString(1)), rs.getInt(2), rs.getLong(3), Path.of(rs.getString(4)),
                        rs.getString(5)), month.toString());
        if (revision != null) {
            published = published.stream().filter(p -> p.revision() == revision).toList();
        }
        List<VerifyReport.Revision> revisions = new ArrayList<>();
        for (Published p : published) {
            revisions.add(new VerifyReport.Revision(p.month(), p.revision(), p.jobExecutionId(), p.path(), checks(p)));
        }
        return new VerifyReport(month, revision, revisions);
    }

    /** Every check of one published revision, in the order they are printed. */
    List<Check> checks(Published p) {
        List<Check> checks = new ArrayList<>();
        Path summaryFile = p.path().resolve(ExportFiles.SUMMARY);
        if (!Files.isRegularFile(summaryFile)) {
            checks.add(new Check("summary.json present", false, summaryFile + " is missing"));
            return checks;
        }
        String summarySha = sha256(summaryFile);
        checks.add(new Check("summary.json SHA-256 = month_close.summary_sha256", summarySha.equals(p.summarySha256()),
                summarySha.equals(p.summarySha256()) ? summarySha : "file " + summarySha + ", month_close " + p.summarySha256()));
        JsonNode summary = Summaries.read(summaryFile);
        if (summary == null) {
            checks.add(new Check("summary.json readable", false, "not valid JSON"));
            return checks;
        }
        boolean sameRun = p.month().toString().equals(summary.path("month").asString(""))
                && summary.path("revision").asLong(-1) == p.revision()
                && summary.path("job_execution_id").asLong(-1) == p.jobExecutionId();
        checks.add(new Check("summary.json names this month, revision and execution", sameRun, sameRun ? ""
                : "summary says " + summary.path("month").asString("?") + " revision " + summary.path("revision").asString("?")
                        + " execution " + summary.path("job_execution_id").asString("?")));

        Map<String, Summaries.Recorded> recorded = Summaries.files(summary);
        boolean filesPresent = true;
        for (String name : List.of(ExportFiles.CLAIMS, ExportFiles.EXCEPTIONS, ExportFiles.EVIDENCE)) {
            Path file = p.path().resolve(name);
            Summaries.Recorded r = recorded.get(name);
            if (r == null) {
                checks.add(new Check(name + " SHA-256 and size = summary.json", false, "summary.json records no checksum for it"));
                filesPresent &= Files.isRegularFile(file);
                continue;
            }
            if (!Files.isRegularFile(file)) {
                checks.add(new Check(name + " SHA-256 and size = summary.json", false, "file is missing"));
                filesPresent = false;
                continue;
            }
            String sha = sha256(file);
            long bytes = size(file);
            boolean ok = sha.equals(r.sha256()) && (r.bytes() < 0 || bytes == r.bytes());
            checks.add(new Check(name + " SHA-256 and size = summary.json", ok, ok ? sha
                    : "file " + sha + " (" + bytes + " bytes), summary " + r.sha256() + " (" + r.bytes() + " bytes)"));
        }
        if (!filesPresent) {
            checks.add(new Check("reconciliation", false, "not possible: files are missing"));
            return checks;
        }
        try {
            reconcile(p, summary, checks);
        }
        catch (RuntimeException ex) {
            // a file too damaged to parse is a failed check, not a crash
            checks.add(new Check("reconciliation", false, "cannot read the files: " + ex.getMessage()));
        }
        return checks;
    }

    private void reconcile(Published p, JsonNode summary, List<Check> checks) {
        // claims.csv: per claim its minutes (the same on every line), lines, amounts
        Map<String, ClaimMinutes> claims = new LinkedHashMap<>();
        ClaimsTotals totals = new ClaimsTotals();
        List<String> inconsistent = new ArrayList<>();
        forEach(p.path().resolve(ExportFiles.CLAIMS), line -> {
            totals.lines++;
            totals.charge = totals.charge.add(new BigDecimal(line.get("charge_amount")));
            totals.expected = totals.expected.add(new BigDecimal(line.get("expected_payment")));
            BigDecimal minutes = new BigDecimal(line.get("minutes_counted"));
            ClaimMinutes claim = claims.computeIfAbsent(line.get("claim_id"), id -> new ClaimMinutes(minutes));
            if (claim.claimed.compareTo(minutes) != 0 && inconsistent.size() < EXAMPLES) {
                inconsistent.add(line.get("claim_id"));
            }
        });

        long exceptions = count(p.path().resolve(ExportFiles.EXCEPTIONS));

        // evidence.csv, streamed: counts, and a running sum per claim (bounded by the claims, not the entries)
        EvidenceCounts evidence = new EvidenceCounts();
        forEach(p.path().resolve(ExportFiles.EVIDENCE), row -> {
            evidence.rows++;
            if ("NOT_COUNTED".equals(row.get("counted_as"))) {
                evidence.notCounted++;
            }
            else {
                evidence.counted++;
            }
            String claimId = row.get("claim_id");
            if (!claimId.isEmpty()) {
                ClaimMinutes claim = claims.get(claimId);
                BigDecimal minutes = new BigDecimal(row.get("minutes"));
                if (claim == null) {
                    evidence.unknownClaims++;
                    if (evidence.unknownExamples.size() < EXAMPLES) {
                        evidence.unknownExamples.add(row.get("entry_id") + " -> " + claimId);
                    }
                }
                else {
                    claim.evidence = claim.evidence.add(minutes);
                }
            }
        });

        Long read = Summaries.count(summary, "/entries/read");
        checks.add(new Check("evidence rows = summary entries.read", Objects.equals(read, evidence.rows),
                "evidence.csv " + evidence.rows + ", summary " + read));

        Long counted = Summaries.count(summary, "/entries/counted");
        Long notCounted = Summaries.count(summary, "/entries/not_counted");
        boolean entriesAddUp = counted != null && notCounted != null && read != null && counted + notCounted == read
                && counted == evidence.counted && notCounted == evidence.notCounted;
        checks.add(new Check("counted + not counted = read", entriesAddUp, String.format(Locale.ROOT,
                "evidence.csv %d + %d = %d; summary %s + %s = %s", evidence.counted, evidence.notCounted, evidence.rows,
                counted, notCounted, read)));

        List<String> mismatched = new ArrayList<>();
        long mismatches = 0;
        for (Map.Entry<String, ClaimMinutes> claim : claims.entrySet()) {
            if (claim.getValue().claimed.compareTo(claim.getValue().evidence) != 0) {
                mismatches++;
                if (mismatched.size() < EXAMPLES) {
                    mismatched.add(claim.getKey() + " claims " + claim.getValue().claimed.toPlainString() + ", evidence sums to "
                            + claim.getValue().evidence.toPlainString());
                }
            }
        }
        boolean minutesOk = mismatches == 0 && evidence.unknownClaims == 0 && inconsistent.isEmpty();
        List<String> problems = new ArrayList<>(mismatched);
        if (evidence.unknownClaims > 0) {
            problems.add(evidence.unknownClaims + " evidence rows name a claim not in claims.csv (" + String.join(", ", evidence.unknownExamples) + ")");
        }
        if (!inconsistent.isEmpty()) {
            problems.add("lines of one claim disagree on minutes_counted: " + String.join(", ", inconsistent));
        }
        checks.add(new Check("each claim's minutes_counted = sum of its evidence minutes", minutesOk, minutesOk
                ? claims.size() + " claims" : mismatches + " of " + claims.size() + " claims differ; " + String.join("; ", problems)));

        Long pmTotal = Summaries.count(summary, "/patient_months/total");
        Long pmBilled = Summaries.count(summary, "/patient_months/billed");
        Long pmExcepted = Summaries.count(summary, "/patient_months/excepted");
        boolean patientMonthsOk = pmTotal != null && pmBilled != null && pmExcepted != null && pmTotal == pmBilled + pmExcepted
                && pmBilled == claims.size() && pmExcepted == exceptions;
        checks.add(new Check("patient-months = billed + excepted", patientMonthsOk, String.format(Locale.ROOT,
                "files %d claims + %d exceptions = %d; summary %s + %s = %s", claims.size(), exceptions, claims.size() + exceptions,
                pmBilled, pmExcepted, pmTotal)));

        BigDecimal summaryExpected = decimal(summary, "/totals/expected_payment");
        BigDecimal summaryCharge = decimal(summary, "/totals/charge_amount");
        boolean totalsOk = summaryExpected != null && summaryCharge != null && summaryExpected.compareTo(totals.expected) == 0
                && summaryCharge.compareTo(totals.charge) == 0 && Objects.equals(Summaries.count(summary, "/claims/lines"), totals.lines);
        checks.add(new Check("claims.csv totals = summary totals", totalsOk, String.format(Locale.ROOT,
                "claims.csv %d lines, expected payment %s, charge %s; summary %s lines, %s, %s", totals.lines,
                totals.expected.toPlainString(), totals.charge.toPlainString(), Summaries.count(summary, "/claims/lines"),
                plain(summaryExpected), plain(summaryCharge))));

        checks.add(databaseMatches(p, claims.size()));
    }

    /** The claim and claim_line rows of the month and revision, streamed in claim order beside claims.csv. */
    private Check databaseMatches(Published p, long claimsInFile) {
        Long claimRows = jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE service_month = ? AND revision = ?", Long.class,
                p.month().toString(), p.revision());
        List<String> differences = new ArrayList<>();
        long[] counts = new long[2]; // [0] lines compared, [1] differences
        try (Reader reader = Files.newBufferedReader(p.path().resolve(ExportFiles.CLAIMS), StandardCharsets.UTF_8);
                CSVParser parser = WITH_HEADER.parse(reader)) {
            Iterator<CSVRecord> file = parser.iterator();
            Jdbc.streaming(dataSource, dialect).query("""
                    SELECT c.claim_id, l.line, c.patient_id, c.service_month, c.billing_npi, c.date_of_service, c.minutes_counted,
                           c.family, c.rule_set, l.cpt, l.units, l.charge_amount, l.expected_payment
                      FROM claim c JOIN claim_line l ON l.claim_id = c.claim_id
                     WHERE c.service_month = ? AND c.revision = ?
                     ORDER BY c.claim_id, l.line""", (ResultSet rs) -> {
                counts[0]++;
                String key = rs.getString("claim_id") + " line " + rs.getInt("line");
                String difference = file.hasNext() ? difference(rs, file.next()) : "in the database, not in claims.csv";
                if (difference != null) {
                    counts[1]++;
                    if (differences.size() < EXAMPLES) {
                        differences.add(key + ": " + difference);
                    }
                }
            }, p.month().toString(), p.revision());
            while (file.hasNext()) {
                CSVRecord extra = file.next();
                counts[1]++;
                if (differences.size() < EXAMPLES) {
                    differences.add(extra.get("claim_id") + " line " + extra.get("line") + ": in claims.csv, not in the database");
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        boolean ok = counts[1] == 0 && claimRows != null && claimRows == claimsInFile;
        String detail = String.format(Locale.ROOT, "database %d claims / %d lines, claims.csv %d claims", claimRows, counts[0], claimsInFile);
        if (!differences.isEmpty()) {
            detail += "; " + counts[1] + " lines differ: " + String.join("; ", differences);
        }
        return new Check("claim rows in the database = claims.csv", ok, detail);
    }

    /** The first field that differs between a database line and a claims.csv line, or null when they agree. */
    private static String difference(ResultSet db, CSVRecord file) throws SQLException {
        Map<String, Boolean> same = new LinkedHashMap<>();
        same.put("claim_id", db.getString("claim_id").equals(file.get("claim_id")));
        same.put("line", String.valueOf(db.getInt("line")).equals(file.get("line")));
        same.put("patient_id", db.getString("patient_id").equals(file.get("patient_id")));
        same.put("service_month", db.getString("service_month").equals(file.get("service_month")));
        same.put("billing_npi", db.getString("billing_npi").equals(file.get("billing_npi")));
        same.put("date_of_service", db.getDate("date_of_service").toLocalDate().toString().equals(file.get("date_of_service")));
        same.put("minutes_counted", sameAmount(db.getBigDecimal("minutes_counted"), file.get("minutes_counted")));
        same.put("family", db.getString("family").equals(file.get("family")));
        same.put("rule_set", db.getString("rule_set").equals(file.get("rule_set")));
        same.put("cpt", db.getString("cpt").equals(file.get("cpt")));
        same.put("units", String.valueOf(db.getInt("units")).equals(file.get("units")));
        same.put("charge_amount", sameAmount(db.getBigDecimal("charge_amount"), file.get("charge_amount")));
        same.put("expected_payment", sameAmount(db.getBigDecimal("expected_payment"), file.get("expected_payment")));
        for (Map.Entry<String, Boolean> field : same.entrySet()) {
            if (!field.getValue()) {
                return field.getKey() + " differs (claims.csv has claim " + file.get("claim_id") + " line " + file.get("line") + ")";
            }
        }
        return null;
    }

    private static boolean sameAmount(BigDecimal db, String file) {
        try {
            return db != null && db.compareTo(new BigDecimal(file)) == 0;
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private static BigDecimal decimal(JsonNode summary, String pointer) {
        JsonNode node = summary.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node.decimalValue();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "null" : amount.toPlainString();
    }

    private static long count(Path file) {
        long[] rows = {0};
        forEach(file, row -> rows[0]++);
        return rows[0];
    }

    private static void forEach(Path file, Consumer<CSVRecord> action) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = WITH_HEADER.parse(reader)) {
            parser.forEach(action);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String sha256(Path file) {
        try {
            return Checksums.sha256(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class ClaimMinutes {
        final BigDecimal claimed;
        BigDecimal evidence = BigDecimal.ZERO;

        ClaimMinutes(BigDecimal claimed) {
            this.claimed = claimed;
        }
    }

    private static final class ClaimsTotals {
        long lines;
        BigDecimal charge = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
    }

    private static final class EvidenceCounts {
        long rows;
        long counted;
        long notCounted;
        long unknownClaims;
        final List<String> unknownExamples = new ArrayList<>();
    }
}
