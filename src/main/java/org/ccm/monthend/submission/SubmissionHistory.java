package org.ccm.monthend.submission;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.ccm.monthend.core.Checksums;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The interchanges written, for reading a page at a time: each with its control number (ISA13), when and by whom,
 * the practices it carries, how many claims and lines, the total charge, and its file with the SHA-256 recorded and
 * whether the file still has it. Paged and counted in SQL; a page never reads more than its rows.
 */
@Component
public class SubmissionHistory {

    private final JdbcTemplate jdbc;

    SubmissionHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
    public record Detail(Interchange interchange, FileState file, String fileNow, List<PracticeClaims> practices,
            java.util.Map<String, Long> statuses, List<CarriedClaim> claims, long claimCount, int offset, int limit) {

        public boolean hasNext() {
            return offset + claims.size() < claimCount;
        }

        public boolean hasPrevious() {
            return offset > 0;
        }
    }

    public enum FileState { OK, CHANGED, MISSING, NOT_WRITTEN }

    /** The interchanges, newest first. */
    public Page page(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset >= 0 and limit >= 1, got " + offset + " and " + limit);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM submission", Long.class);
        List<Interchange> rows = jdbc.query(SELECT + " ORDER BY s.isa13 DESC LIMIT ? OFFSET ?", (rs, n) -> interchange(rs), limit, offset);
        return new Page(rows, total == null ? 0 : total, offset, limit);
    }

    /** Interchange {@code isa13} with a page of its claims in the order written; empty when there is none. */
    public Optional<Detail> detail(long isa13, int offset, int limit) throws java.io.IOException {
        List<Interchange> found = jdbc.query(SELECT + " WHERE s.isa13 = ?", (rs, n) -> interchange(rs), isa13);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Interchange interchange = found.get(0);
        FileState state;
        String now = null;
        if (interchange.path() == null || interchange.sha256() == null) {
            state = FileState.NOT_WRITTEN;
        }
        else if (!Files.isRegularFile(file(interchange))) {
            state = FileState.MISSING;
        }
        else {
            now = Checksums.sha256(file(interchange));
            state = now.equals(interchange.sha256()) ? FileState.OK : FileState.CHANGED;
        }
        List<PracticeClaims> practices = jdbc.query(
                "SELECT practice_id, COUNT(*) FROM submission_claim WHERE isa13 = ? GROUP BY practice_id ORDER BY practice_id",
                (rs, n) -> new PracticeClaims(rs.getString(1), rs.getLong(2)), isa13);
        long count = practices.stream().mapToLong(PracticeClaims::claims).sum();
        java.util.Map<String, Long> statuses = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT c.status, COUNT(*) FROM submission_claim sc JOIN claim c ON c.claim_id = sc.claim_id
                 WHERE sc.isa13 = ? GROUP BY c.status""", rs -> {
            statuses.put(rs.getString(1), rs.getLong(2));
        }, isa13);
        List<CarriedClaim> claims = jdbc.query("""
                SELECT sc.claim_id, sc.control_number, sc.practice_id, c.service_month, c.status, c.charge_amount, sc.frequency
                  FROM submission_claim sc LEFT JOIN claim c ON c.claim_id = sc.claim_id
                 WHERE sc.isa13 = ? ORDER BY sc.practice_id, sc.claim_id LIMIT ? OFFSET ?""",
                (rs, n) -> new CarriedClaim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getBigDecimal(6), rs.getInt(7)), isa13, limit, offset);
        return Optional.of(new Detail(interchange, state, now, practices, statuses, claims, count, offset, limit));
    }

    /** The interchange's file: {@code path} is its directory, the file in it is {@value #FILE}. */
    public static Path file(Interchange interchange) {
        Path path = Path.of(interchange.path());
        return Files.isDirectory(path) ? path.resolve(FILE) : path;
    }

    static final String FILE = "claims.837";

    private static final String SELECT = """
            SELECT s.isa13, s.created_at, s.usage_indicator, s.state, s.actor, s.claims, s.service_lines, s.total_charge, s.path, s.sha256
              FROM submission s""";

    private static Interchange interchange(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Interchange(String.format(Locale.ROOT, "%09d", rs.getLong(1)), rs.getTimestamp(2).toLocalDateTime(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getBigDecimal(8), rs.getString(9), rs.getString(10));
    }
}
