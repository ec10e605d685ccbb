package org.ccm.monthend.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The published exports of the months ({@code month_close}) and what their summary.json says. */
@Component
public class Published {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JdbcTemplate jdbc;

    Published(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One published revision of a month. */
    public record Revision(YearMonth month, int revision, long executionId, String ruleSet, Path path, String summarySha256,
            LocalDateTime publishedAt) {

        public Path file(String name) {
            return path.resolve(name);
        }
    }

    /** A month's summary.json, the parts the console shows. */
    public record Summary(int revision, long executionId, String ruleSet, String ruleSetSha256, String selectionPolicy,
            String dateOfService, long patientMonths, long billed, long excepted, long claims, long lines, BigDecimal charge,
            BigDecimal expected, long entriesRead, long entriesCounted, long entriesNotCounted, Map<String, CodeTotal> codes,
            Map<String, Long> families, Map<String, Long> exceptionReasons, Map<String, Long> notCountedReasons,
            Map<String, FileRecord> files) {
    }

    public record CodeTotal(String code, long lines, long units, BigDecimal charge, BigDecimal expected) {
    }

    public record FileRecord(String name, String sha256, long bytes) {
    }

    /** Every published revision, by month then revision. */
    public List<Revision> all() {
        return jdbc.query("""
                SELECT service_month, revision, job_execution_id, rule_set, output_path, summary_sha256, published_at
                  FROM month_close ORDER BY service_month, revision""", (rs, n) -> revision(rs));
    }

    public List<Revision> of(YearMonth month) {
        return jdbc.query("""
                SELECT service_month, revision, job_execution_id, rule_set, output_path, summary_sha256, published_at
                  FROM month_close WHERE service_month = ? ORDER BY revision""", (rs, n) -> revision(rs), month.toString());
    }

    public Optional<Revision> revision(YearMonth month, int revision) {
        return of(month).stream().filter(r -> r.revision() == revision).findFirst();
    }

    public Optional<Revision> latest(YearMonth month) {
        List<Revision> revisions = of(month);
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    }

    /** The revision's summary.json; empty when the file is gone (verify says so). */
    public Optional<Summary> summary(Revision revision) {
        Path file = revision.file("summary.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode s;
        try {
            s = JSON.readTree(file.toFile());
        }
        catch (RuntimeException ex) {
            return Optional.empty();
        }
        Map<String, CodeTotal> codes = new LinkedHashMap<>();
        s.path("claims").path("codes").properties().forEach(e -> codes.put(e.getKey(), new CodeTotal(e.getKey(),
                e.getValue().path("lines").asLong(), e.getValue().path("units").asLong(), decimal(e.getValue().path("charge_amount")),
                decimal(e.getValue().path("expected_payment")))));
        Map<String, FileRecord> files = new LinkedHashMap<>();
        s.path("files").properties().forEach(e -> files.put(e.getKey(), new FileRecord(e.getKey(), e.getValue().path("sha256").asString(),
                e.getValue().path("bytes").asLong())));
        return Optional.of(new Summary(s.path("revision").asInt(revision.revision()), s.path("job_execution_id").asLong(revision.executionId()),
                s.path("rule_set").asString(revision.ruleSet()), s.path("settings").path("rule_set_sha256").asString(""),
                s.path("settings").path("selection_policy").asString(""), s.path("settings").path("date_of_service").asString(""),
                s.path("patient_months").path("total").asLong(), s.path("patient_months").path("billed").asLong(),
                s.path("patient_months").path("excepted").asLong(), s.path("claims").path("claims").asLong(),
                s.path("claims").path("lines").asLong(), decimal(s.path("totals").path("charge_amount")),
                decimal(s.path("totals").path("expected_payment")), s.path("entries").path("read").asLong(),
                s.path("entries").path("counted").asLong(), s.path("entries").path("not_counted").asLong(), codes,
                longs(s.path("claims").path("families")), longs(s.path("exception_reasons")), longs(s.path("entries").path("not_on_claim_reasons")),
                files));
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asLong()));
        return values;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? BigDecimal.ZERO.setScale(2) : node.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static Revision revision(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Revision(YearMonth.parse(rs.getString(1)), rs.getInt(2), rs.getLong(3), rs.getString(4), Path.of(rs.getString(5)),
                rs.getString(6), rs.getObject(7, LocalDateTime.class));
    }

    static void requireReadable(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.getFileName() + " is missing");
        }
    }
}
