package org.ccm.monthend.submission;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.review.StatusVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The interchanges written, for reading a page at a time: each with its control number (ISA13), when and by whom,
 * the practices it carries, how many claims and lines, the total charge, and its file with the SHA-256 recorded and,
 * on request, whether the file still has it. A page never reads more than its rows: the claims and practices counted
 * at publication come from the manifest written beside the 837 (a few hundred bytes), the file is hashed only when
 * asked ({@code check}), and the claims counted by status now (which a remittance changes) are kept per interchange
 * until a claim's status changes ({@link StatusVersion}).
 */
@Component
public class SubmissionHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final StatusVersion version;
    private final Cache<StatusKey, java.util.Map<String, Long>> statuses = Caffeine.newBuilder().maximumSize(256)
            .expireAfterWrite(StatusVersion.MAX_AGE).build();

    SubmissionHistory(JdbcTemplate jdbc, StatusVersion version) {
        this.jdbc = jdbc;
        this.version = version;
    }

    private record StatusKey(long isa13, long version) {
    }

    /** One interchange. */
    public record Interchange(String isa13, LocalDateTime createdAt, String usage, String state, String actor, long claims, long lines,
            BigDecimal totalCharge, String path, String sha256) {
    }

    /** A practice an interchange carries claims of (a billing provider loop of the 837P), and how many. */
    public record PracticeClaims(String practiceId, long claims) {
    }

    public record Page(List<Interchange> interchanges, long total, int offset, int limit) {

        public boolean hasNext() {
            return offset + interchanges.size() < total;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }
    }

    /** A claim an interchange carries: its control number (CLM01), practice, status now and charge. */
    public record CarriedClaim(String claimId, String controlNumber, String practiceId, String serviceMonth, String status,
            BigDecimal charge, int frequency) {
    }

    /**
     * One interchange in full: whether its file is still the one recorded, its practices, what the payer answered so far
     * (its claims counted by status now: SUBMITTED until an 835 is posted, then PAID, DENIED...), a page of its claims.
     */
    public record Detail(Interchange interchange, FileState file, String fileNow, long fileBytes, List<PracticeClaims> practices,
            java.util.Map<String, Long> statuses, List<CarriedClaim> claims, long claimCount, int offset, int limit) {

        public boolean hasNext() {
            return offset + claims.size() < claimCount;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }
    }

    /** UNCHECKED: the file is there and was not hashed for this answer (ask with {@code check}). */
    public enum FileState { OK, CHANGED, MISSING, NOT_WRITTEN, UNCHECKED }

    /** The interchanges, newest first. */
    public Page page(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1, got " + offset + " and " + limit);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM submission", Long.class);
        List<Interchange> rows = jdbc.query(SELECT + " ORDER BY s.isa13 DESC LIMIT ? OFFSET ?", (rs, n) -> interchange(rs), limit, offset);
        return new Page(rows, total == null ? 0 : total, offset, limit);
    }

    /** Interchange {@code isa13} with a page of its claims in the order written, its file unchecked; empty when there is none. */
    public Optional<Detail> detail(long isa13, int offset, int limit) throws java.io.IOException {
        return detail(isa13, offset, limit, false);
    }

    /**
     * Interchange {@code isa13} with a page of its claims in the order written; empty when there is none. With {@code check}
     * the file's SHA-256 is computed again (OK or CHANGED), otherwise a file that is there is UNCHECKED.
     */
    public Optional<Detail> detail(long isa13, int offset, int limit, boolean check) throws java.io.IOException {
        List<Interchange> found = jdbc.query(SELECT + " WHERE s.isa13 = ?", (rs, n) -> interchange(rs), isa13);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Interchange interchange = found.get(0);
        FileState state;
        String now = null;
        long bytes = -1;
        if (interchange.path() == null || interchange.sha256() == null) {
            state = FileState.NOT_WRITTEN;
        }
        else if (!Files.isRegularFile(file(interchange))) {
            state = FileState.MISSING;
        }
        else {
            bytes = Files.size(file(interchange));
            if (check) {
                now = Checksums.sha256(file(interchange));
                state = now.equals(interchange.sha256()) ? FileState.OK : FileState.CHANGED;
            }
            else {
                state = FileState.UNCHECKED;
            }
        }
        List<PracticeClaims> practices = manifestPractices(interchange).orElseGet(() -> jdbc.query(
                "SELECT practice_id, COUNT(*) FROM submission_claim WHERE isa13 = ? GROUP BY practice_id ORDER BY practice_id",
                (rs, n) -> new PracticeClaims(rs.getString(1), rs.getLong(2)), isa13));
        long count = practices.stream().mapToLong(PracticeClaims::claims).sum();
        long at = version.now();
        java.util.Map<String, Long> statuses = this.statuses.get(new StatusKey(isa13, at), key -> {
            java.util.Map<String, Long> counted = new java.util.TreeMap<>();
            jdbc.query("""
                    SELECT c.status, COUNT(*) FROM submission_claim sc JOIN claim c ON c.claim_id = sc.claim_id
                     WHERE sc.isa13 = ? GROUP BY c.status""", rs -> {
                counted.put(rs.getString(1), rs.getLong(2));
            }, isa13);
            return java.util.Collections.unmodifiableMap(counted);
        });
        // the page's keys first, in the order of V11's index and from it alone (isa13, practice_id, claim_id: the
        // primary key's columns are in it too), so a page deep in the list skips index entries, not rows (H2 would
        // otherwise read, join and sort the whole interchange; MariaDB read each skipped row: 0.8 s at 688,000 claims);
        // then those 50 rows and their claims by primary key
        List<CarriedClaim> claims = jdbc.query("""
                SELECT sc.claim_id, s.control_number, sc.practice_id, c.service_month, c.status, c.charge_amount, s.frequency
                  FROM (SELECT k.isa13, k.claim_id, k.practice_id
                          FROM submission_claim k USE INDEX (submission_claim_practice_idx)
                         WHERE k.isa13 = ? ORDER BY k.isa13, k.practice_id, k.claim_id LIMIT ? OFFSET ?) sc
                  JOIN submission_claim s ON s.isa13 = sc.isa13 AND s.claim_id = sc.claim_id
                  LEFT JOIN claim c ON c.claim_id = sc.claim_id
                 ORDER BY sc.practice_id, sc.claim_id""",
                (rs, n) -> new CarriedClaim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6), rs.getInt(7)), isa13, limit, offset);
        return Optional.of(new Detail(interchange, state, now, bytes, practices, statuses, claims, count, offset, limit));
    }

    /**
     * The practices and their claim counts as the manifest beside the file recorded them at publication, when the
     * manifest is there, readable, names the recorded file's SHA-256 and its counts add up to the interchange's claims;
     * empty otherwise (the caller counts them in SQL).
     */
    private static Optional<List<PracticeClaims>> manifestPractices(Interchange interchange) {
        if (interchange.path() == null || interchange.sha256() == null) {
            return Optional.empty();
        }
        Path manifest = file(interchange).resolveSibling(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        JsonNode m;
        try {
            m = JSON.readTree(manifest.toFile());
        }
        catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        if (!interchange.sha256().equals(m.path("files").path(FILE).path("sha256").asString(""))) {
            return Optional.empty();
        }
        List<PracticeClaims> practices = new java.util.ArrayList<>();
        m.path("practices").properties().forEach(e -> practices.add(new PracticeClaims(e.getKey(), e.getValue().asLong())));
        practices.sort(java.util.Comparator.comparing(PracticeClaims::practiceId));
        if (practices.stream().mapToLong(PracticeClaims::claims).sum() != interchange.claims()) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(practices));
    }

    /** The interchange's file: {@code path} is its directory, the file in it is {@value #FILE}. */
    public static Path file(Interchange interchange) {
        Path path = Path.of(interchange.path());
        return Files.isDirectory(path) ? path.resolve(FILE) : path;
    }

    static final String FILE = "claims.837";

    static final String MANIFEST = "manifest.json";

    private static final String SELECT = """
            SELECT s.isa13, s.created_at, s.usage_indicator, s.state, s.actor, s.claims, s.service_lines, s.total_charge, s.path, s.sha256
              FROM submission s""";

    private static Interchange interchange(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Interchange(String.format(Locale.ROOT, "%09d", rs.getLong(1)), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10));
    }
}
