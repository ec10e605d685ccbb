package org.ccm.monthend.submission;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.core.NamedLock;
import org.ccm.monthend.core.SqlLiterals;
import org.ccm.monthend.review.ClaimControlNumber;
import org.ccm.monthend.submission.Claim837.Address;
import org.ccm.monthend.submission.Claim837.BillingProvider;
import org.ccm.monthend.submission.Claim837.Claim;
import org.ccm.monthend.submission.Claim837.Header;
import org.ccm.monthend.submission.Claim837.Line;
import org.ccm.monthend.submission.Claim837.Rendering;
import org.ccm.monthend.submission.Claim837.Subscriber;
import org.ccm.monthend.submission.SubmitOutcome.Published;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.xlate.edi.stream.EDIStreamException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code submit}: every ready claim (DECIDED or RELEASED, of a published month, carried by no interchange) into one
 * X12 837P interchange, grouped by billing provider, published atomically with its manifest; claims that lack what
 * an 837P needs go to submission-rejects.csv with why, and stay DECIDED.
 *
 * <p>Crash safety, in three steps: (1) one transaction takes the next control number, fixes the creation time and
 * reserves the claims ({@code submission} RECORDED, {@code submission_claim}); (2) the interchange is written from
 * those rows alone into a staging directory, forced to disk and moved into place in one rename; (3) one transaction
 * marks the claims SUBMITTED with their events and the submission PUBLISHED, and records it on the audit trail. A
 * crash before (1) leaves nothing; after it, the next submit repeats (2) with the same rows and time, so the same
 * bytes, and (3). A claim is never in two original interchanges (a unique key), never SUBMITTED without its file in
 * place.
 *
 * <p>Step (3)'s transaction starts beside step (2), on a connection and thread of its own: the server inserts the
 * events and updates the claims while the JVM writes the file, and the transaction commits only once the file is in
 * place (it rolls back when writing fails; a crash leaves it uncommitted, which the server rolls back). Until then no
 * other connection sees a claim SUBMITTED.
 */
@Component
public class Submitter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Submitter.class);

    static final String LOCK = "ccm-month-end:submit";
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final String[] REJECT_HEADER = {"claim_id", "control_number", "service_month", "field", "reason"};
    private static final String RESERVED_COLUMNS = "isa13, claim_id, frequency, practice_id, control_number";

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final NamedLock lock;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Path outputDir;
    private final Path settingsFile;
    private final Interchange837Writer.Checks checks;
    private final AuditTrail audit;

    Submitter(JdbcTemplate jdbc, DataSource dataSource, Dialect dialect, NamedLock lock, PlatformTransactionManager transactions,
            Clock clock, CcmProperties properties, AuditTrail audit) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.lock = lock;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.outputDir = properties.outputDir();
        this.settingsFile = properties.submission().settings();
        this.checks = properties.submission().checkWhileWriting() ? Interchange837Writer.Checks.ENVELOPE
                : Interchange837Writer.Checks.NONE;
        this.audit = audit;
    }

    /** Submits the ready claims of {@code month} (every closed month when null), as {@code actor} from the command line. */
    public SubmitOutcome submit(YearMonth month, String actor) throws Exception {
        return submit(month, actor, AuditEntry.CLI);
    }

    /**
     * Submits the ready claims of {@code month} (every closed month when null), as {@code actor} through {@code channel}
     * ({@link AuditEntry#CLI}, {@link AuditEntry#CONSOLE}, {@link AuditEntry#SCHEDULER}): who and where go on the audit
     * trail with each interchange published.
     */
    public SubmitOutcome submit(YearMonth month, String actor, String channel) throws Exception {
        SubmissionSettings settings = SubmissionSettings.load(settingsFile);
        Optional<AutoCloseable> held = lock.tryAcquire(LOCK);
        if (held.isEmpty()) {
            return new SubmitOutcome.InProgress();
        }
        try (AutoCloseable submitLock = held.get()) {
            List<Published> published = new ArrayList<>();
            // an earlier submit that recorded an interchange and died: the same bytes, now published
            for (Long isa13 : jdbc.queryForList("SELECT isa13 FROM submission WHERE state = 'RECORDED' ORDER BY isa13", Long.class)) {
                published.add(publish(isa13, settings, true, null, channel, null));
            }
            Files.createDirectories(outputDir);
            Path rejects = Files.createTempFile(outputDir, ".submission-rejects", ".csv");
            try {
                long started = System.nanoTime();
                Reservation reservation = reserve(month, actor, settings, rejects);
                log.info("Submit: {} claims reserved for interchange {}, {} not carried, in {} ms", reservation.claims(),
                        reservation.isa13(), reservation.rejected(), (System.nanoTime() - started) / 1_000_000);
                Path rejectsFile = null;
                if (reservation.claims() > 0) {
                    Published interchange = publish(reservation.isa13(), settings, false, rejects, channel,
                            month == null ? null : month.toString());
                    published.add(interchange);
                    rejectsFile = reservation.rejected() > 0 ? interchange.directory().resolve("submission-rejects.csv") : null;
                }
                else if (reservation.rejected() > 0) {
                    Path dir = outputDir.resolve("submissions").resolve("not-submitted")
                            .resolve(UTC_STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)));
                    Files.createDirectories(dir);
                    rejectsFile = Files.move(rejects, dir.resolve("submission-rejects.csv"), StandardCopyOption.ATOMIC_MOVE);
                }
                return new SubmitOutcome.Submitted(published, rejectsFile, reservation.rejected());
            }
            finally {
                Files.deleteIfExists(rejects);
            }
        }
    }

    /** A row of {@code submissions}: one interchange written. */
    public record SubmissionRow(String isa13, LocalDateTime createdAt, String usage, String state, String actor, long claims,
            long lines, BigDecimal totalCharge, String path, String sha256) {
    }

    /** The interchanges written, newest first. */
    public List<SubmissionRow> submissions() {
        return jdbc.query("""
                SELECT isa13, created_at, usage_indicator, state, actor, claims, service_lines, total_charge, path, sha256
                  FROM submission ORDER BY isa13 DESC""", (rs, n) -> new SubmissionRow(String.format(Locale.ROOT, "%09d", rs.getLong(1)),
                rs.getTimestamp(2).toLocalDateTime(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7),
                rs.getBigDecimal(8), rs.getString(9), rs.getString(10)));
    }

    private record Reservation(long isa13, long claims, long rejected) {
    }

    /** A ready claim with what the 837P needs of it, read once to check it. */
    private record Candidate(String claimId, String serviceMonth, String practiceId, boolean practiceKnown, String lastName,
            String firstName, String birthDate, String sex, String line1, String city, String state, String postalCode,
            String dx1, String renderingNpi, String renderingName) {
    }

    /** Step 1: the control number, the creation time and the claims, in one transaction; the rejects to {@code rejects}. */
    private Reservation reserve(YearMonth month, String actor, SubmissionSettings settings, Path rejects) throws IOException {
        List<String> practices = jdbc.queryForList("SELECT practice_id FROM practice ORDER BY practice_id", String.class);
        // one practice and no practice_id anywhere: the practice is the billing provider of every claim
        String onlyPractice = practices.size() == 1 ? practices.get(0) : null;
        try (CSVPrinter rejected = new CSVPrinter(Files.newBufferedWriter(rejects, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(REJECT_HEADER).get())) {
            return transaction.execute(status -> {
                LocalDateTime createdAt = LocalDateTime.now(clock).withNano(0);
                jdbc.update("UPDATE control_number SET last_value = last_value + 1 WHERE name = 'interchange'");
                long isa13 = jdbc.queryForObject("SELECT last_value FROM control_number WHERE name = 'interchange'", Long.class);
                jdbc.update("""
                        INSERT INTO submission (isa13, created_at, usage_indicator, state, actor, claims, service_lines, total_charge)
                        VALUES (?, ?, ?, 'RECORDED', ?, 0, 0, 0)""", isa13, Timestamp.valueOf(createdAt),
                        String.valueOf(settings.envelope().usage()), actor);
                List<Object[]> batch = new ArrayList<>();
                long[] counts = new long[2];
                String where = month == null ? "" : " AND c.service_month = ?";
                Object[] args = month == null ? new Object[0] : new Object[] {month.toString()};
                // read on a connection of its own: MySQL allows nothing else on a connection while a result streams
                streamOutsideTransaction("""
                        SELECT c.claim_id, c.service_month, p.practice_id, pr.practice_id AS known_practice, p.last_name,
                               p.first_name, p.birth_date, p.sex, p.address_line1, p.city, p.state, p.postal_code, c.dx1,
                               m.npi, m.name AS member_name
                          FROM claim c
                          JOIN patient p ON p.patient_id = c.patient_id
                          LEFT JOIN practice pr ON pr.practice_id = p.practice_id
                          LEFT JOIN care_team_member m ON m.member_id = p.billing_practitioner_id
                         WHERE c.status IN ('DECIDED', 'RELEASED')
                           AND EXISTS (SELECT 1 FROM month_close mc WHERE mc.service_month = c.service_month AND mc.revision = c.revision)
                           AND NOT EXISTS (SELECT 1 FROM submission_claim s WHERE s.claim_id = c.claim_id AND s.frequency = 1)"""
                        + where + " ORDER BY c.claim_id", args, rs -> {
                            Candidate candidate = candidate(rs);
                            String practice = candidate.practiceId() != null ? candidate.practiceId() : onlyPractice;
                            String[] problem = problem(candidate, practice, practices.isEmpty());
                            String control = ClaimControlNumber.of(candidate.claimId());
                            if (problem != null) {
                                print(rejected, candidate.claimId(), control, candidate.serviceMonth(), problem[0], problem[1]);
                                counts[1]++;
                                return;
                            }
                            batch.add(new Object[] {isa13, candidate.claimId(), 1, practice, control});
                            counts[0]++;
                            if (batch.size() == 1_000) {
                                insertReserved(batch);
                            }
                        });
                insertReserved(batch);
                counts[0] += reserveCorrections(isa13, month);
                jdbc.update("""
                        UPDATE submission SET claims = (SELECT COUNT(*) FROM submission_claim WHERE isa13 = ?),
                               service_lines = (SELECT COUNT(*) FROM claim_line l JOIN submission_claim s ON s.claim_id = l.claim_id
                                                 WHERE s.isa13 = ?),
                               total_charge = COALESCE((SELECT SUM(l.charge_amount) FROM claim_line l
                                                 JOIN submission_claim s ON s.claim_id = l.claim_id WHERE s.isa13 = ?), 0)
                         WHERE isa13 = ?""", isa13, isa13, isa13, isa13);
                if (counts[0] == 0) {
                    status.setRollbackOnly(); // nothing to carry: no control number used, no interchange recorded
                }
                return new Reservation(isa13, counts[0], counts[1]);
            });
        }
    }

    /**
     * The replacements (frequency 7) and voids (8) that {@code resubmit} and {@code void} asked for (issue 13), reserved in
     * this interchange under the billing provider and control number of the claim's original; their payer claim number
     * goes out as REF*F8. {@code correction} counts the claim's earlier corrections of the same frequency that went out
     * (a second replacement is 1), so the unique keys on submission_claim take it.
     */
    private long reserveCorrections(long isa13, YearMonth month) {
        String where = month == null ? "" : " AND c.service_month = ?";
        Object[] args = month == null ? new Object[] {isa13} : new Object[] {isa13, month.toString()};
        int reserved = jdbc.update("""
                INSERT INTO submission_claim (isa13, claim_id, frequency, practice_id, control_number, correction)
                SELECT ?, k.claim_id, k.frequency, o.practice_id, o.control_number,
                       (SELECT COUNT(*) FROM claim_correction e WHERE e.claim_id = k.claim_id AND e.frequency = k.frequency
                           AND e.isa13 IS NOT NULL)
                  FROM claim_correction k
                  JOIN submission_claim o ON o.claim_id = k.claim_id AND o.frequency = 1
                  JOIN claim c ON c.claim_id = k.claim_id
                 WHERE k.isa13 IS NULL""" + where, args);
        if (reserved > 0) {
            jdbc.update("""
                    UPDATE claim_correction SET isa13 = ? WHERE isa13 IS NULL
                       AND claim_id IN (SELECT claim_id FROM submission_claim WHERE isa13 = ? AND frequency IN (7, 8))""", isa13, isa13);
        }
        return reserved;
    }

    /**
     * The reserved rows of a batch: on MySQL and MariaDB one INSERT of literal rows ({@link SqlLiterals}), as the close
     * inserts its claims, so that Connector/J binds no parameter; elsewhere a JDBC batch. (One JSON_TABLE INSERT per
     * 1,000 rows was slower: reserving 688,000 claims took 27-50% longer in two measurements, docs/performance.md.)
     */
    private void insertReserved(List<Object[]> batch) {
        if (!batch.isEmpty()) {
            if (dialect == Dialect.MYSQL) {
                jdbc.update(SqlLiterals.insert("submission_claim", RESERVED_COLUMNS, batch));
            }
            else {
                jdbc.batchUpdate("INSERT INTO submission_claim (" + RESERVED_COLUMNS + ") VALUES (?, ?, ?, ?, ?)", batch);
            }
            batch.clear();
        }
    }

    private static Candidate candidate(ResultSet rs) throws SQLException {
        return new Candidate(rs.getString("claim_id"), rs.getString("service_month"), rs.getString("practice_id"),
                rs.getString("known_practice") != null, rs.getString("last_name"), rs.getString("first_name"),
                rs.getString("birth_date"), rs.getString("sex"), rs.getString("address_line1"), rs.getString("city"),
                rs.getString("state"), rs.getString("postal_code"), rs.getString("dx1"), rs.getString("npi"),
                rs.getString("member_name"));
    }

    /** What keeps a claim out of the interchange: {field, reason}, or null. */
    private static String[] problem(Candidate claim, String practice, boolean noPractices) {
        if (practice == null) {
            return new String[] {"practice_id", noPractices ? "no billing provider: import practices.csv"
                    : "the patient has no practice_id and there are several practices"};
        }
        if (claim.practiceId() != null && !claim.practiceKnown()) {
            return new String[] {"practice_id", "unknown practice"};
        }
        if (blank(claim.line1()) || blank(claim.city()) || blank(claim.state()) || blank(claim.postalCode())) {
            return new String[] {"address_line1", "missing patient address"};
        }
        if (blank(claim.lastName()) || blank(claim.firstName())) {
            return new String[] {"last_name", "missing patient name"};
        }
        if (blank(claim.birthDate())) {
            return new String[] {"birth_date", "missing patient birth date"};
        }
        if (blank(claim.sex()) || !claim.sex().substring(0, 1).toUpperCase(Locale.ROOT).matches("[MFU]")) {
            return new String[] {"sex", "missing or unknown patient sex (M, F or U)"};
        }
        if (blank(claim.dx1())) {
            return new String[] {"dx1", "no diagnosis recorded with the claim (closed before diagnoses were stored: re-close)"};
        }
        if (blank(claim.renderingNpi())) {
            return new String[] {"billing_npi", "the billing practitioner has no NPI on the care team"};
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void print(CSVPrinter rejects, String... values) {
        try {
            rejects.printRecord((Object[]) values);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Steps 2 and 3: the interchange of the reserved rows, in place, then the claims SUBMITTED; the marking runs beside
     * the writing (see the class comment) and commits after the rename.
     */
    private Published publish(long isa13, SubmissionSettings settings, boolean finished, Path rejects, String channel, String month)
            throws Exception {
        Map<String, Object> recorded = jdbc.queryForMap("SELECT created_at, actor, claims, service_lines, total_charge FROM submission"
                + " WHERE isa13 = ?", isa13);
        LocalDateTime createdAt = ((Timestamp) recorded.get("created_at")).toLocalDateTime();
        Path submissions = outputDir.resolve("submissions");
        String name = String.format(Locale.ROOT, "%09d", isa13);
        Path target = submissions.resolve(name);
        Path staging = submissions.resolve(".staging").resolve(name);
        Header header = new Header(isa13, createdAt, settings.envelope(), settings.parties());
        Map<String, Long> practices = new LinkedHashMap<>();
        String actor = (String) recorded.get("actor");
        long claims = ((Number) recorded.get("claims")).longValue();
        Marking marking = new Marking(isa13, name, actor, channel, month, claims);
        String sha256;
        try {
            if (Files.exists(target.resolve("manifest.json"))) {
                // moved into place before a crash, not yet marked: the file is what was recorded
                sha256 = Checksums.sha256(target.resolve("claims.837"));
                practices.putAll(practiceCounts(isa13));
            }
            else {
                org.springframework.util.FileSystemUtils.deleteRecursively(staging);
                Files.createDirectories(staging);
                long writing = System.nanoTime();
                MessageDigest digest = Checksums.sha256Digest();
                // StAEDI writes byte by byte: an unsynchronised buffer takes them, the digest and the file get 64 KiB blocks
                try (OutputStream out = new ByteBuffered(new DigestOutputStream(Files.newOutputStream(staging.resolve("claims.837")),
                        digest), 1 << 16)) {
                    write(isa13, header, out, practices);
                }
                sha256 = HexFormat.of().formatHex(digest.digest());
                if (rejects != null && Files.size(rejects) > 0) {
                    Files.copy(rejects, staging.resolve("submission-rejects.csv"));
                }
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("isa13", name);
                manifest.put("created_at", createdAt.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
                manifest.put("usage_indicator", String.valueOf(settings.envelope().usage()));
                manifest.put("claims", recorded.get("claims"));
                manifest.put("lines", recorded.get("service_lines"));
                manifest.put("total_charge", ((BigDecimal) recorded.get("total_charge")).setScale(2).toPlainString());
                manifest.put("practices", practices);
                manifest.put("files", Map.of("claims.837", Map.of("sha256", sha256, "bytes", Files.size(staging.resolve("claims.837")))));
                Files.writeString(staging.resolve("manifest.json"), JSON.writeValueAsString(manifest) + "\n");
                force(staging.resolve("claims.837"));
                force(staging.resolve("manifest.json"));
                Files.createDirectories(submissions);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                log.info("Submit: interchange {} written and moved into place in {} ms", name, (System.nanoTime() - writing) / 1_000_000);
            }
        }
        catch (Exception | Error ex) {
            marking.abandon(ex);
            throw ex;
        }
        marking.commit(target.toAbsolutePath().normalize().toString(), sha256);
        return new Published(isa13, target, claims, ((Number) recorded.get("service_lines")).longValue(),
                (BigDecimal) recorded.get("total_charge"), practices, sha256, finished);
    }

    /**
     * Step 3 on a thread and connection of its own: the events and the SUBMITTED status go to the server while the file
     * is written; the submission becomes PUBLISHED, with its audit entry, and all of it commits once {@link #commit} says
     * where the file is. {@link #abandon} rolls it back.
     */
    private final class Marking {

        private final CompletableFuture<String[]> placed = new CompletableFuture<>();
        private final CompletableFuture<Void> done;
        private final long started = System.nanoTime();
        private final String name;

        Marking(long isa13, String name, String actor, String channel, String month, long claims) {
            this.name = name;
            done = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                jdbc.update("""
                        INSERT INTO claim_event (claim_id, from_status, to_status, actor, at, reason, submission_id)
                        SELECT c.claim_id, c.status, 'SUBMITTED', ?, ?, ?, ?
                          FROM claim c JOIN submission_claim s ON s.claim_id = c.claim_id
                         WHERE s.isa13 = ? AND s.frequency = 1 AND c.status IN ('DECIDED', 'RELEASED')""",
                        actor, Timestamp.valueOf(LocalDateTime.now(clock)), "carried by interchange " + name, name, isa13);
                jdbc.update("UPDATE claim SET status = 'SUBMITTED' WHERE status IN ('DECIDED', 'RELEASED') AND claim_id IN"
                        + " (SELECT claim_id FROM submission_claim WHERE isa13 = ? AND frequency = 1)", isa13);
                // replacements and voids (issue 13): REPLACED or VOIDED, with the interchange on the event
                jdbc.update("""
                        INSERT INTO claim_event (claim_id, from_status, to_status, actor, at, reason, submission_id)
                        SELECT c.claim_id, c.status, CASE s.frequency WHEN 7 THEN 'REPLACED' ELSE 'VOIDED' END, ?, ?, ?, ?
                          FROM claim c JOIN submission_claim s ON s.claim_id = c.claim_id
                         WHERE s.isa13 = ? AND s.frequency IN (7, 8)""",
                        actor, Timestamp.valueOf(LocalDateTime.now(clock)), "corrected by interchange " + name, name, isa13);
                jdbc.update("""
                        UPDATE claim SET status = (SELECT CASE s.frequency WHEN 7 THEN 'REPLACED' ELSE 'VOIDED' END FROM submission_claim s
                                                    WHERE s.isa13 = ? AND s.claim_id = claim.claim_id AND s.frequency IN (7, 8))
                         WHERE claim_id IN (SELECT claim_id FROM submission_claim WHERE isa13 = ? AND frequency IN (7, 8))""", isa13, isa13);
                log.info("Submit: claims of interchange {} marked SUBMITTED (not yet committed) in {} ms", name,
                        (System.nanoTime() - started) / 1_000_000);
                String[] where = placed.join(); // the file is in place (or writing failed: CompletionException, rollback)
                jdbc.update("UPDATE submission SET state = 'PUBLISHED', path = ?, sha256 = ?, published_at = ? WHERE isa13 = ?",
                        where[0], where[1], Timestamp.valueOf(LocalDateTime.now(clock)), isa13);
                audit.record(AuditEntry.of(actor, channel, AuditAction.SUBMISSION_PUBLISHED, "submission", name, month, claims + " claims"));
            }), task -> {
                Thread thread = new Thread(task, "submit-marking-" + name);
                thread.setDaemon(true);
                thread.start();
            });
        }

        /** The file is in place: publish, and wait for the commit. */
        void commit(String path, String sha256) throws Exception {
            placed.complete(new String[] {path, sha256});
            try {
                done.join();
            }
            catch (CompletionException ex) {
                if (ex.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw ex;
            }
            log.info("Submit: interchange {} published and its claims SUBMITTED, committed {} ms after the marking started", name,
                    (System.nanoTime() - started) / 1_000_000);
        }

        /** Writing failed: nothing is marked. */
        void abandon(Throwable cause) {
            placed.completeExceptionally(cause);
            try {
                done.join();
            }
            catch (CompletionException expected) {
                // rolled back, as it should; the caller reports the writing's failure
            }
        }
    }

    private Map<String, Long> practiceCounts(long isa13) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT practice_id, COUNT(*) FROM submission_claim WHERE isa13 = ? GROUP BY practice_id ORDER BY practice_id",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, isa13);
        return counts;
    }

    /**
     * The interchange of the reserved rows, streaming: one row per service line, in practice and claim order (the order
     * of index submission_claim_practice_idx, so the server does not sort the lines first); the lines of a claim are
     * put in order here. The billing providers are read first: joined in, the few practice rows went through a join
     * buffer, and the server sorted every line again (EXPLAIN: "Using temporary; Using filesort").
     */
    private void write(long isa13, Header header, OutputStream out, Map<String, Long> practices) throws EDIStreamException {
        Map<String, BillingProvider> providers = new java.util.HashMap<>();
        jdbc.query("SELECT practice_id, name, npi, tin, address_line1, address_line2, city, state, postal_code, taxonomy FROM practice",
                rs -> {
                    providers.put(rs.getString(1), new BillingProvider(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            new Address(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)),
                            rs.getString(10)));
                });
        try (Interchange837Writer writer = Interchange837Writer.open(out, header, checks)) {
            ClaimAssembler assembler = new ClaimAssembler(writer, practices, providers);
            streamOutsideTransaction("""
                    SELECT s.practice_id, s.claim_id, s.control_number, s.frequency, c.date_of_service, c.dx1, c.dx2, c.dx3, c.dx4,
                           p.last_name, p.first_name, p.mbi, p.address_line1, p.address_line2, p.city, p.state, p.postal_code,
                           p.birth_date, p.sex, p.place_of_service, m.npi, m.name AS member_name, m.taxonomy AS member_taxonomy,
                           l.line, l.cpt, l.units, l.charge_amount, k.payer_claim_number
                      FROM submission_claim s
                      LEFT JOIN claim_correction k ON k.isa13 = s.isa13 AND k.claim_id = s.claim_id
                      JOIN claim c ON c.claim_id = s.claim_id
                      JOIN claim_line l ON l.claim_id = c.claim_id
                      JOIN patient p ON p.patient_id = c.patient_id
                      LEFT JOIN care_team_member m ON m.member_id = p.billing_practitioner_id
                     WHERE s.isa13 = ?
                     ORDER BY s.practice_id, s.claim_id""", new Object[] {isa13}, assembler::row);
            assembler.flush();
        }
    }

    /** Gathers the line rows of one claim and hands the claim to the writer when the next claim begins. */
    private static final class ClaimAssembler {

        private final Interchange837Writer writer;
        private final Map<String, Long> practices;
        private final Map<String, BillingProvider> providers;
        private String practice;
        private String claimId;
        private Claim pending;
        private final List<Line> lines = new ArrayList<>();

        ClaimAssembler(Interchange837Writer writer, Map<String, Long> practices, Map<String, BillingProvider> providers) {
            this.writer = writer;
            this.practices = practices;
            this.providers = providers;
        }

        void row(ResultSet rs) throws SQLException {
            try {
                String rowClaim = rs.getString("claim_id");
                if (!rowClaim.equals(claimId)) {
                    flush();
                    String rowPractice = rs.getString("practice_id");
                    if (!rowPractice.equals(practice)) {
                        practice = rowPractice;
                        BillingProvider provider = providers.get(practice);
                        if (provider == null) {
                            throw new IllegalStateException("a reserved claim's billing provider is no longer in table practice");
                        }
                        writer.provider(provider);
                    }
                    practices.merge(practice, 1L, Long::sum);
                    claimId = rowClaim;
                    List<String> diagnoses = new ArrayList<>();
                    for (String dx : List.of("dx1", "dx2", "dx3", "dx4")) {
                        if (rs.getString(dx) != null && !rs.getString(dx).isBlank()) {
                            diagnoses.add(rs.getString(dx));
                        }
                    }
                    String memberName = rs.getString("member_name") == null ? "" : rs.getString("member_name").strip();
                    int space = memberName.lastIndexOf(' ');
                    Rendering rendering = new Rendering(rs.getString("npi"), space < 0 ? memberName : memberName.substring(space + 1),
                            space < 0 ? "" : memberName.substring(0, space), rs.getString("member_taxonomy"));
                    String sex = rs.getString("sex").substring(0, 1).toUpperCase(Locale.ROOT);
                    Subscriber subscriber = new Subscriber(rs.getString("last_name"), rs.getString("first_name"), rs.getString("mbi"),
                            new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                                    rs.getString("state"), rs.getString("postal_code")),
                            rs.getDate("birth_date").toLocalDate(), sex);
                    pending = new Claim(claimId, rs.getString("control_number"), subscriber, rs.getString("place_of_service"),
                            rs.getInt("frequency"), rs.getString("payer_claim_number"), diagnoses, rendering, lines);
                }
                lines.add(new Line(rs.getInt("line"), rs.getString("cpt"), rs.getInt("units"), rs.getBigDecimal("charge_amount"),
                        rs.getDate("date_of_service").toLocalDate()));
            }
            catch (EDIStreamException ex) {
                throw new IllegalStateException("cannot write the interchange: " + ex.getMessage(), ex);
            }
        }

        void flush() throws EDIStreamException {
            if (pending != null) {
                lines.sort(java.util.Comparator.comparingInt(Line::line));
                writer.claim(new Claim(pending.claimId(), pending.controlNumber(), pending.subscriber(), pending.placeOfService(),
                        pending.frequency(), pending.payerClaimNumber(), pending.diagnoses(), pending.rendering(), List.copyOf(lines)));
                pending = null;
                lines.clear();
            }
        }
    }

    @FunctionalInterface
    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Streams a query on a connection of its own, outside any transaction (it sees committed rows only). */
    private void streamOutsideTransaction(String sql, Object[] args, Row row) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(dialect.streamingFetchSize());
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
        catch (SQLException ex) {
            throw new org.springframework.dao.DataAccessResourceFailureException("reading the ready claims failed", ex);
        }
    }

    /**
     * A buffer in front of a stream for a writer that writes one byte at a time: unlike {@link BufferedOutputStream} it
     * takes no lock per byte (one thread writes the interchange).
     */
    static final class ByteBuffered extends OutputStream {

        private final OutputStream out;
        private final byte[] buffer;
        private int count;

        ByteBuffered(OutputStream out, int size) {
            this.out = out;
            this.buffer = new byte[size];
        }

        @Override
        public void write(int b) throws IOException {
            if (count == buffer.length) {
                drain();
            }
            buffer[count++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length >= buffer.length) {
                drain();
                out.write(bytes, offset, length);
                return;
            }
            if (length > buffer.length - count) {
                drain();
            }
            System.arraycopy(bytes, offset, buffer, count, length);
            count += length;
        }

        private void drain() throws IOException {
            if (count > 0) {
                out.write(buffer, 0, count);
                count = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try (OutputStream closing = out) {
                drain();
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
