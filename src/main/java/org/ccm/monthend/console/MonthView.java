package org.ccm.monthend.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.FamilyRule;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.history.ExportVerifier;
import org.ccm.monthend.history.VerifyReport;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.ccm.monthend.rules.RuleSetException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A month's page: the latest revision's summary, its exceptions per reason, the nearly-qualifying patient-months
 * (BELOW_THRESHOLD within 10 minutes of the base threshold; claims whose next 99439/99489 unit was missed by under 5
 * minutes), the latest preview's at-risk patients, the published files and their last verification; and "verify now".
 * <p>
 * A published revision never changes, so what the page derives from its files and its claims is computed once per
 * revision and kept in small bounded caches: the nearly-qualifying lists under the revision (month, number, execution)
 * and exceptions.csv's recorded SHA-256, size and modification time; the at-risk list under the preview file's path,
 * size and modification time. A re-close is a new revision, a new preview a new file: both are new keys, so the page
 * never shows what an older file said; a file changed in place (which verify reports as CHANGED) has a new size or
 * time and is read again.
 */
@Component
public class MonthView {

    /** How many rows a list on the month page shows (each says how many there are in all where that is known). */
    public static final int LIST = 50;

    private final JdbcTemplate jdbc;
    private final Published published;
    private final RuleSetCatalog catalog;
    private final ExportVerifier verifier;
    private final AuditTrail audit;
    private final Path outputDir;
    private final Cache<FileKey, NearlyBelowList> nearlyBelow = Caffeine.newBuilder().maximumSize(CACHED).build();
    private final Cache<RevisionKey, List<NearlyAddOn>> nearlyAddOn = Caffeine.newBuilder().maximumSize(CACHED).build();
    private final Cache<FileKey, Preview> previews = Caffeine.newBuilder().maximumSize(CACHED).build();

    /** Entries per cache: each holds at most {@link #LIST} rows, so a few dozen months cost well under a megabyte. */
    static final int CACHED = 48;

    /** A file as it is now on disk, under what it belongs to ({@code owner}: the revision, or the preview run). */
    private record FileKey(String owner, Path file, String recordedSha256, long size, long modifiedMillis) {

        static Optional<FileKey> of(String owner, Path file, String recordedSha256) throws IOException {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(new FileKey(owner, file.toAbsolutePath().normalize(), recordedSha256, Files.size(file),
                    Files.getLastModifiedTime(file).toMillis()));
        }
    }

    private record RevisionKey(YearMonth month, int revision, long executionId, String ruleSet) {
    }

    private record NearlyBelowList(long count, List<NearlyBelow> first) {
    }

    MonthView(JdbcTemplate jdbc, Published published, RuleSetCatalog catalog, ExportVerifier verifier, AuditTrail audit,
            CcmProperties properties) {
        this.jdbc = jdbc;
        this.published = published;
        this.catalog = catalog;
        this.verifier = verifier;
        this.audit = audit;
        this.outputDir = properties.outputDir();
    }

    public record Month(YearMonth month, List<Published.Revision> revisions, Optional<Published.Revision> latest,
            Optional<Published.Summary> summary, List<NearlyBelow> nearlyBelow, long nearlyBelowCount, List<NearlyAddOn> nearlyAddOn,
            Optional<Preview> preview, Optional<AuditEntry> lastVerified) {
    }

    /** A BELOW_THRESHOLD patient-month with 10 to 19.99 of the 20 minutes. */
    public record NearlyBelow(String patientId, BigDecimal staffMinutes, BigDecimal practitionerMinutes, BigDecimal minutes,
            BigDecimal missing) {
    }

    /** A claim whose next add-on unit (99439, 99489) was missed by under 5 minutes. */
    public record NearlyAddOn(String claimId, String family, String addOnCode, BigDecimal minutes, BigDecimal nextThreshold,
            BigDecimal missing) {
    }

    /** The latest preview of a month, its at-risk patients (first {@link #LIST}). */
    public record Preview(String run, long atRiskCount, List<AtRisk> atRisk) {
    }

    public record AtRisk(String patientId, BigDecimal staffMinutes, BigDecimal practitionerMinutes, String reachableFamily,
            String minutesToNext) {
    }

    public Month month(YearMonth month) throws IOException {
        List<Published.Revision> revisions = published.of(month);
        Optional<Published.Revision> latest = revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
        Optional<Published.Summary> summary = latest.flatMap(published::summary);
        Optional<RuleSet> rules = rules(month);
        List<NearlyBelow> below = new ArrayList<>();
        long belowCount = 0;
        List<NearlyAddOn> addOn = List.of();
        if (latest.isPresent() && rules.isPresent()) {
            Published.Revision revision = latest.get();
            String owner = revision.month() + "/" + revision.revision() + "/" + revision.executionId() + "/" + rules.get().id();
            String recorded = summary.map(s -> s.files().get("exceptions.csv")).map(Published.FileRecord::sha256).orElse(null);
            Optional<FileKey> key = FileKey.of(owner, revision.file("exceptions.csv"), recorded);
            if (key.isPresent()) {
                NearlyBelowList list = nearlyBelow.get(key.get(), k -> nearlyBelow(k.file(), rules.get()));
                below.addAll(list.first());
                belowCount = list.count();
            }
            addOn = nearlyAddOn.get(new RevisionKey(month, revision.revision(), revision.executionId(), rules.get().id()),
                    k -> List.copyOf(nearlyAddOn(month, rules.get())));
        }
        List<AuditEntry> verified = audit.page(null, AuditAction.FILES_VERIFIED, month.toString(), 0, 1);
        return new Month(month, revisions, latest, summary, below, belowCount, addOn, preview(month),
                verified.isEmpty() ? Optional.empty() : Optional.of(verified.get(0)));
    }

    /** Re-checks the month's published files (checksums, counts, minutes) and records it (FILES_VERIFIED). */
    public VerifyReport verify(YearMonth month, String actor, String channel) {
        VerifyReport report = verifier.verify(month, null);
        audit.record(AuditEntry.of(actor, channel, AuditAction.FILES_VERIFIED, "month", month.toString(), month.toString(),
                report.nothingPublished() ? "nothing published" : report.checkCount() + " checks, " + report.failedCount() + " failed")
                .withOutcome(report.nothingPublished() || report.failedCount() > 0 ? "FAILED" : "OK"));
        return report;
    }

    private Optional<RuleSet> rules(YearMonth month) {
        try {
            return Optional.of(catalog.forMonth(month));
        }
        catch (RuleSetException ex) {
            return Optional.empty();
        }
    }

    /** Reads exceptions.csv once, forward (only BELOW_THRESHOLD lines are parsed); keeps the first {@link #LIST}. */
    private static NearlyBelowList nearlyBelow(Path exceptions, RuleSet rules) {
        List<NearlyBelow> kept = new ArrayList<>();
        try {
            return new NearlyBelowList(nearlyBelow(exceptions, rules, kept), List.copyOf(kept));
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static long nearlyBelow(Path exceptions, RuleSet rules, List<NearlyBelow> kept) throws IOException {
        if (!Files.isRegularFile(exceptions)) {
            return 0;
        }
        BigDecimal base = rules.families().get(Family.NON_COMPLEX).baseMinutes();
        BigDecimal floor = base.subtract(BigDecimal.TEN);
        long count = 0;
        try (BufferedReader in = Files.newBufferedReader(exceptions, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                if (!line.contains(",BELOW_THRESHOLD,")) {
                    continue;
                }
                CSVRecord row = parse(line);
                BigDecimal staff = minutes(row.get(3), "staff_minutes=");
                BigDecimal practitioner = minutes(row.get(3), "practitioner_minutes=");
                BigDecimal total = staff.add(practitioner);
                if (total.compareTo(floor) >= 0 && total.compareTo(base) < 0) {
                    count++;
                    if (kept.size() < LIST) {
                        kept.add(new NearlyBelow(row.get(0), staff, practitioner, total, base.subtract(total)));
                    }
                }
            }
        }
        return count;
    }

    private List<NearlyAddOn> nearlyAddOn(YearMonth month, RuleSet rules) {
        List<NearlyAddOn> found = new ArrayList<>();
        for (Family family : List.of(Family.NON_COMPLEX, Family.COMPLEX)) {
            FamilyRule rule = rules.families().get(family);
            if (rule == null || rule.addOnCode() == null) {
                continue;
            }
            BigDecimal window = BigDecimal.valueOf(5);
            // below the cap's threshold: a claim at its cap misses nothing
            BigDecimal ceiling = rule.maxAddOnUnits() == null ? new BigDecimal("100000")
                    : rule.baseMinutes().add(rule.addOnMinutes().multiply(BigDecimal.valueOf(rule.maxAddOnUnits())));
            JdbcTemplate limited = new JdbcTemplate(jdbc.getDataSource());
            limited.setMaxRows(LIST);
            limited.query("""
                    SELECT claim_id, minutes_counted FROM claim
                     WHERE service_month = ? AND family = ? AND minutes_counted >= ? AND minutes_counted < ?
                       AND MOD(minutes_counted - ?, ?) > ?
                     ORDER BY claim_id""", rs -> {
                BigDecimal minutes = rs.getBigDecimal(2);
                int units = rule.addOnUnits(minutes);
                BigDecimal next = rule.baseMinutes().add(rule.addOnMinutes().multiply(BigDecimal.valueOf(units + 1L)));
                found.add(new NearlyAddOn(rs.getString(1), family.name(), rule.addOnCode(), minutes, next, next.subtract(minutes)));
            }, month.toString(), family.name(), rule.baseMinutes(), ceiling, rule.baseMinutes(), rule.addOnMinutes(),
                    rule.addOnMinutes().subtract(window));
        }
        found.sort(Comparator.comparing(NearlyAddOn::missing).thenComparing(NearlyAddOn::claimId));
        return found.size() > LIST ? found.subList(0, LIST) : found;
    }

    /** The newest preview run of the month (out/previews/M/TIME/preview.csv), its at-risk rows. */
    private Optional<Preview> preview(YearMonth month) throws IOException {
        Path dir = outputDir.resolve("previews").resolve(month.toString());
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Optional<Path> newest;
        try (Stream<Path> runs = Files.list(dir)) {
            newest = runs.filter(p -> Files.isRegularFile(p.resolve("preview.csv"))).max(Comparator.comparing(p -> p.getFileName().toString()));
        }
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Optional<FileKey> key = FileKey.of(newest.get().getFileName().toString(), newest.get().resolve("preview.csv"), null);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(previews.get(key.get(), k -> {
                try {
                    return preview(k.owner(), k.file());
                }
                catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }));
        }
        catch (java.io.UncheckedIOException ex) {
            throw ex.getCause();
        }
    }

    /** A preview file's at-risk rows (the first {@link #LIST}) and how many there are, read once. */
    private static Preview preview(String run, Path file) throws IOException {
        List<AtRisk> atRisk = new ArrayList<>();
        long count = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            List<String> columns = header == null ? List.of() : parse(header).toList();
            int risk = columns.indexOf("at_risk");
            String line;
            while (risk >= 0 && (line = in.readLine()) != null) {
                if (!line.contains("true")) {
                    continue;
                }
                CSVRecord row = parse(line);
                if (!"true".equals(row.get(risk))) {
                    continue;
                }
                count++;
                if (atRisk.size() < LIST) {
                    atRisk.add(new AtRisk(row.get(0), new BigDecimal(row.get(1)), new BigDecimal(row.get(2)), row.get(3), row.get(6)));
                }
            }
        }
        return new Preview(run, count, List.copyOf(atRisk));
    }

    private static BigDecimal minutes(String detail, String key) {
        int at = detail.indexOf(key);
        if (at < 0) {
            return BigDecimal.ZERO;
        }
        int end = detail.indexOf(';', at);
        try {
            return new BigDecimal(detail.substring(at + key.length(), end < 0 ? detail.length() : end).strip());
        }
        catch (NumberFormatException ex) {
            return BigDecimal.ZERO;
        }
    }

    static CSVRecord parse(String line) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), CSVFormat.DEFAULT)) {
            return parser.getRecords().get(0);
        }
    }
}
