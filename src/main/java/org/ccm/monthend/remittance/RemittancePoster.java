package org.ccm.monthend.remittance;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.audit.AuditAction;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.core.NamedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts an 835 file (claim-lifecycle.md, "Posting remittances"). First the whole file is read and checked: an 835
 * 5010 envelope, the three balancing rules ({@link Balance}), and for files up to {@code ccm.remit.validate-max-bytes}
 * the loop structure by com.imsweb:x12-parser's 835 mapping; a file that fails is refused and nothing is recorded. Then
 * it is read again and every transaction not posted before (payer + TRN02 + TRN03) is posted, streaming: claims are
 * matched and written {@value #BATCH} at a time (one lookup of their control numbers, batched statements), and
 * committed every {@code ccm.remit.chunk-claims} claims, so neither the heap nor a database transaction grows with the
 * file. The transaction's {@code remittance} row is recorded {@code POSTING} before its first claim; each commit
 * carries its checkpoint (the CLP ordinal posted through, the counts, the length of its rejects file); the commit of
 * its last claim also writes its PLB rows, the audit row and switches it to {@code POSTED}. A run that dies in between
 * leaves the row {@code POSTING}: the next run of the same file (same SHA-256) continues after the checkpoint, so
 * nothing is posted twice; another file with that payer and trace is refused until then. Claims and lines that match
 * nothing this product sent go to {@code remittance-rejects.csv}, written in
 * {@code <output-dir>/remittances/.posting-<remittance id>/} and moved to {@code <payer>-<trace>/} with a copy of the
 * file and its SHA-256 once the transaction is {@code POSTED}.
 */
@Component
public class RemittancePoster {

    static final String LOCK = "ccm-month-end:remit";
    /** Claims matched and written per statement batch. */
    static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(RemittancePoster.class);
    private static final List<String> ANSWERED = List.of("PAID", "PARTIALLY_PAID", "DENIED", "REPLACED", "VOIDED");
    private static final List<String> PAID = List.of("PAID", "PARTIALLY_PAID");
    private static final String[] REJECT_COLUMNS = {"transaction", "st02", "segment", "claim_control_number", "clp02", "line", "cpt",
        "charge", "paid", "reason"};

    private final JdbcTemplate jdbc;
    private final NamedLock lock;
    private final PlatformTransactionManager transactions;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuditTrail audit;
    private final Path outputDir;
    private final long validateMaxBytes;
    /** Claims per database transaction ({@code ccm.remit.chunk-claims}). */
    private final int chunkClaims;
    /**
     * For tests only ({@code ccm.remit.test.fail-at-chunk}, 0 = never): the chunk whose commit fails instead, its writes
     * rolled back, as a crash there would leave the posting.
     */
    private final int failAtChunk;
    /**
     * On MySQL/MariaDB, the matching query joins in the order written: right after a close and a submit the tables'
     * statistics can be stale, and MariaDB then scanned every claim (about 650,000) for each batch of 1,000 control
     * numbers instead of looking them up (a remit of the 1M month had posted 235,000 claims in 6 minutes when it was stopped).
     */
    private final String straightJoin;

    RemittancePoster(JdbcTemplate jdbc, Dialect dialect, NamedLock lock, PlatformTransactionManager transactions, Clock clock,
            AuditTrail audit, CcmProperties properties, @Value("${ccm.remit.validate-max-bytes:2097152}") long validateMaxBytes,
            @Value("${ccm.remit.chunk-claims:5000}") int chunkClaims, @Value("${ccm.remit.test.fail-at-chunk:0}") int failAtChunk) {
        if (chunkClaims < 1) {
            throw new IllegalArgumentException("ccm.remit.chunk-claims: " + chunkClaims + " claims per database transaction; at least 1");
        }
        this.jdbc = jdbc;
        this.straightJoin = dialect == Dialect.MYSQL ? "STRAIGHT_JOIN " : "";
        this.lock = lock;
        this.transactions = transactions;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.audit = audit;
        this.outputDir = properties.outputDir();
        this.validateMaxBytes = validateMaxBytes;
        this.chunkClaims = chunkClaims;
        this.failAtChunk = failAtChunk;
    }

    /** Posts {@code file} as {@code actor} from {@code channel} ({@link AuditEntry#CLI}, {@link AuditEntry#CONSOLE}). */
    public RemitOutcome post(Path file, String actor, String channel) throws Exception {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("posting a remittance needs an actor: who posted it goes on the record");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return new RemitOutcome.Refused(file + ": no such readable file");
        }
        long started = System.nanoTime();
        List<Era835.Header> headers = new ArrayList<>();
        Optional<String> refused = check(file, headers);
        long checked = System.nanoTime();
        if (refused.isPresent()) {
            return new RemitOutcome.Refused(file + ": " + refused.get() + "; nothing was posted");
        }
        String sha256 = Checksums.sha256(file);
        Optional<AutoCloseable> held = lock.tryAcquire(LOCK);
        if (held.isEmpty()) {
            return new RemitOutcome.InProgress();
        }
        try (AutoCloseable remitLock = held.get()) {
            Optional<String> unfinished = unfinishedFromAnotherFile(headers, sha256);
            if (unfinished.isPresent()) {
                return new RemitOutcome.Refused(file + ": " + unfinished.get() + "; nothing was posted");
            }
            Files.createDirectories(outputDir.resolve("remittances"));
            Posting posting = new Posting(file, sha256, actor, channel);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                Remittance835Reader.read(in, posting);
            }
            catch (RuntimeException | IOException ex) {
                posting.abandon();
                throw new RemitStoppedException(posting.stoppedAt(), ex);
            }
            long claims = posting.results.stream().filter(t -> !t.alreadyPosted()).mapToLong(RemitOutcome.Transaction::claims).sum();
            long postMillis = Math.max(1, (System.nanoTime() - checked) / 1_000_000);
            log.info("Remit: checked (envelope, balance, structure) in {} ms, posted and published {} claims in {} ms ({} claims/s, {} commits"
                    + " of at most {} claims)", (checked - started) / 1_000_000, claims, postMillis, claims * 1000 / postMillis, posting.commits,
                    chunkClaims);
            return new RemitOutcome.Posted(sha256, posting.results);
        }
    }

    /**
     * A run that stopped part-way: what is committed stays, and running {@code remit} again with the same file continues
     * after it. The message names transactions and counts, never a claim.
     */
    public static final class RemitStoppedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RemitStoppedException(String where, Throwable cause) {
            super("posting stopped " + where + " (" + FailureText.of(cause) + "); what was committed stays:"
                    + " run remit again with the same file to finish it, nothing is posted twice", cause);
        }
    }

    /** The first reason to refuse the file, if any: envelope, balance, structure; {@code headers} gets its transactions. */
    Optional<String> check(Path file, List<Era835.Header> headers) throws IOException {
        long started = System.nanoTime();
        Balance balance = new Balance();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Remittance835Reader.read(in, new Remittance835Reader.Listener() {
                @Override
                public void transaction(Era835.Header header) {
                    headers.add(header);
                    balance.transaction(header);
                }

                @Override
                public void claim(Era835.Header header, Era835.ClaimPayment claim) {
                    balance.claim(header, claim);
                }

                @Override
                public void providerAdjustment(Era835.Header header, Era835.ProviderAdjustment adjustment) {
                    balance.providerAdjustment(header, adjustment);
                }

                @Override
                public void endTransaction(Era835.Header header) {
                    balance.endTransaction(header);
                }
            });
        }
        catch (Remittance835Reader.Refused ex) {
            return Optional.of(ex.getMessage());
        }
        if (balance.firstDifference().isPresent()) {
            return Optional.of("does not balance: " + balance.firstDifference().get());
        }
        log.info("Remit: envelope and balance read with StAEDI in {} ms ({} transactions, {} claims)", (System.nanoTime() - started) / 1_000_000,
                balance.transactions(), balance.claims());
        if (Files.size(file) <= validateMaxBytes) {
            long structureStarted = System.nanoTime();
            Optional<String> structure = Structure835.firstError(file);
            log.info("Remit: structure read with x12-parser's 835 mapping in {} ms", (System.nanoTime() - structureStarted) / 1_000_000);
            if (structure.isPresent()) {
                return Optional.of("not a valid 835 005010X221A1: " + structure.get());
            }
        }
        return Optional.empty();
    }

    /** A transaction of the file that an unfinished run was posting from a different file: that file must finish first. */
    private Optional<String> unfinishedFromAnotherFile(List<Era835.Header> headers, String sha256) {
        for (Era835.Header header : headers) {
            List<String> other = jdbc.queryForList("SELECT file_sha256 FROM remittance WHERE payer_id = ? AND trace_number = ?"
                    + " AND trace_originator = ? AND state = 'POSTING'", String.class, header.payerId(), header.traceNumber(),
                    header.traceOriginator());
            if (!other.isEmpty() && !other.get(0).equals(sha256)) {
                return Optional.of("transaction " + header.transaction() + " (" + header.key() + ") is being posted from another file"
                        + " (SHA-256 " + other.get(0) + ") whose run stopped part-way: run remit with that file to finish it first");
            }
        }
        return Optional.empty();
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A claim as the database has it now, read for each batch (so one file may answer a claim twice). */
    private static final class Known {
        String claimId;
        String status;
        String month;
        Long remittanceId;
        final Map<Integer, String[]> lines = new TreeMap<>(); // line -> {cpt, units}
    }

    /** The second reading: posts each new transaction, batch by batch, committing every {@code chunkClaims} claims. */
    private final class Posting implements Remittance835Reader.Listener {

        private final Path file;
        private final String sha256;
        private final String actor;
        private final String channel;
        private final Instant at;
        private final List<String> seen = new ArrayList<>();
        private final List<RemitOutcome.Transaction> results = new ArrayList<>();
        private final List<Era835.ClaimPayment> batch = new ArrayList<>();
        private final List<Era835.ProviderAdjustment> plbs = new ArrayList<>();
        private Staged current;
        private boolean skipping;
        /** The open database transaction of the current chunk, if any. */
        private TransactionStatus open;
        private int claimsInChunk;
        private int chunks;
        int commits;

        Posting(Path file, String sha256, String actor, String channel) {
            this.file = file;
            this.sha256 = sha256;
            this.actor = actor;
            this.channel = channel;
            this.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public void transaction(Era835.Header header) {
            String key = header.key() + "/" + header.traceOriginator();
            skipping = seen.contains(key);
            seen.add(key);
            List<Map<String, Object>> before = jdbc.queryForList("SELECT remittance_id, state, file_sha256, posted_through, claims, unmatched,"
                    + " rejects_bytes FROM remittance WHERE payer_id = ? AND trace_number = ? AND trace_originator = ?", header.payerId(),
                    header.traceNumber(), header.traceOriginator());
            if (!before.isEmpty() && "POSTED".equals(before.get(0).get("state"))) {
                skipping = true;
                long id = ((Number) before.get(0).get("remittance_id")).longValue();
                finishPublishing(header, id);
            }
            if (skipping) {
                results.add(new RemitOutcome.Transaction(header.key(), before.isEmpty() ? 0 : ((Number) before.get(0).get("remittance_id"))
                        .longValue(), true, 0, 0, 0, Map.of(), header.paymentAmount().toPlainString(),
                        outputDir.resolve("remittances").resolve(safe(header.key())), 0));
                return;
            }
            plbs.clear();
            if (before.isEmpty()) {
                long id = transaction.execute(status -> insert(header));
                current = new Staged(header, id, 0, 0, 0, 0);
            }
            else {
                Map<String, Object> row = before.get(0);
                if (!sha256.equals(row.get("file_sha256"))) {
                    throw new IllegalStateException("transaction " + header.transaction() + " is being posted from another file");
                }
                current = new Staged(header, ((Number) row.get("remittance_id")).longValue(), ((Number) row.get("posted_through")).intValue(),
                        ((Number) row.get("claims")).intValue(), ((Number) row.get("unmatched")).intValue(),
                        ((Number) row.get("rejects_bytes")).longValue());
                log.info("Remit: continuing remittance {} after claim {} ({} claims posted by a run that stopped)", current.id,
                        current.postedThrough, current.claims);
            }
        }

        private long insert(Era835.Header header) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO remittance (payer_id, trace_number, trace_originator, payer_name, payment_amount, payment_method,
                            payment_date, interchange, transaction_id, claims, unmatched, file_sha256, posted_at, posted_by, state,
                            posted_through, rejects_bytes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, 'POSTING', 0, 0)""", new String[] {"remittance_id"});
                insert.setString(1, header.payerId());
                insert.setString(2, header.traceNumber());
                insert.setString(3, header.traceOriginator());
                insert.setString(4, header.payerName());
                insert.setBigDecimal(5, header.paymentAmount());
                insert.setString(6, header.paymentMethod());
                insert.setObject(7, header.paymentDate());
                insert.setString(8, header.isa13());
                insert.setString(9, header.st02());
                insert.setString(10, sha256);
                insert.setObject(11, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setString(12, actor);
                return insert;
            }, key);
            return key.getKey().longValue();
        }

        @Override
        public void claim(Era835.Header header, Era835.ClaimPayment claim) {
            if (skipping || claim.ordinal() <= current.postedThrough) {
                return;
            }
            batch.add(claim);
            if (batch.size() == BATCH || claimsInChunk + batch.size() == chunkClaims) {
                writeBatch();
                if (claimsInChunk >= chunkClaims) {
                    commitChunk();
                }
            }
        }

        @Override
        public void providerAdjustment(Era835.Header header, Era835.ProviderAdjustment adjustment) {
            if (!skipping) {
                plbs.add(adjustment); // a handful per transaction, after its claims: written with its last chunk
            }
        }

        @Override
        public void endTransaction(Era835.Header header) {
            if (skipping) {
                skipping = false;
                return;
            }
            writeBatch();
            begin();
            int seq = 0;
            for (Era835.ProviderAdjustment adjustment : plbs) {
                jdbc.update("INSERT INTO provider_adjustment (remittance_id, adjustment_seq, provider_id, fiscal_period, reason_code, reference,"
                        + " amount) VALUES (?, ?, ?, ?, ?, ?, ?)", current.id, ++seq, adjustment.providerId(), adjustment.fiscalPeriod(),
                        adjustment.reason(), adjustment.reference(), adjustment.amount());
            }
            current.addEarlierRun();
            String month = current.months.size() == 1 ? current.months.first() : null;
            audit.record(AuditEntry.of(actor, channel, AuditAction.REMITTANCE_POSTED, "remittance", header.key(), month,
                    current.claims + " claims, " + current.unmatched + " unmatched"));
            current.closeRejects();
            jdbc.update("UPDATE remittance SET claims = ?, unmatched = ?, file_path = ?, state = 'POSTED', posted_through = ?, rejects_bytes = ?"
                    + " WHERE remittance_id = ?", current.claims, current.unmatched, current.target().resolve("remittance.835").toString(),
                    current.postedThrough, current.rejectsBytes, current.id);
            commit();
            try {
                current.publish(file, sha256);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            results.add(new RemitOutcome.Transaction(header.key(), current.id, false, current.claims, current.unmatched,
                    current.duplicates, Collections.unmodifiableMap(current.statuses), header.paymentAmount().toPlainString(),
                    current.target(), current.resumedClaims));
            log.info("Posted remittance {}: {} claims, {} unmatched", current.id, current.claims, current.unmatched);
            current = null;
        }

        private void begin() {
            if (open == null) {
                open = transactions.getTransaction(new DefaultTransactionDefinition());
            }
        }

        /** The chunk so far, with its checkpoint, in one commit. */
        private void commitChunk() {
            current.flushRejects();
            jdbc.update("UPDATE remittance SET claims = ?, unmatched = ?, posted_through = ?, rejects_bytes = ? WHERE remittance_id = ?",
                    current.claims, current.unmatched, current.postedThrough, current.rejectsBytes, current.id);
            commit();
            current.committedThrough = current.postedThrough;
        }

        private void commit() {
            if (open == null) {
                return;
            }
            chunks++;
            if (chunks == failAtChunk) {
                throw new IllegalStateException("ccm.remit.test.fail-at-chunk: chunk " + chunks + " fails before its commit");
            }
            TransactionStatus status = open;
            open = null;
            transactions.commit(status);
            commits++;
            claimsInChunk = 0;
        }

        /** Rolls back the open chunk, if any: what was committed before stays, with its checkpoint, for the next run. */
        void abandon() {
            if (open != null) {
                TransactionStatus status = open;
                open = null;
                try {
                    transactions.rollback(status);
                }
                catch (RuntimeException ex) {
                    log.warn("rolling back the unfinished chunk failed: {}", FailureText.of(ex));
                }
            }
            if (current != null) {
                current.closeQuietly();
            }
        }

        String stoppedAt() {
            if (current == null) {
                return "between transactions";
            }
            return "in transaction " + current.header.transaction() + " (" + current.header.key() + ") after claim " + current.committedThrough
                    + " of it was committed";
        }

        private void writeBatch() {
            if (batch.isEmpty()) {
                return;
            }
            begin();
            Map<String, Known> known = resolve(batch);
            List<Object[]> claimRows = new ArrayList<>();
            List<Object[]> lineRows = new ArrayList<>();
            List<Object[]> adjustmentRows = new ArrayList<>();
            List<Object[]> remarkRows = new ArrayList<>();
            List<Object[]> claimUpdates = new ArrayList<>();
            List<Object[]> lineUpdates = new ArrayList<>();
            List<Object[]> events = new ArrayList<>();
            LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
            VoidAcceptance voids = new VoidAcceptance();
            for (Era835.ClaimPayment claim : batch) {
                current.postedThrough = claim.ordinal();
                Known k = known.get(claim.controlNumber());
                if (k == null) {
                    current.reject(claim, null, "CLP01 matches no claim this product submitted");
                    continue;
                }
                String to;
                boolean duplicate = false;
                if (claim.reversal()) {
                    if (!ANSWERED.contains(k.status)) {
                        current.reject(claim, null, "a reversal (CLP02 22) of a claim with no payment on record");
                        continue;
                    }
                    to = "REVERSED";
                }
                else if (claim.denied()) {
                    to = "DENIED";
                }
                else if (claim.processed()) {
                    to = status(claim);
                }
                else {
                    current.reject(claim, null, "CLP02 " + claim.statusCode() + " is not an answer this product posts");
                    continue;
                }
                if (!claim.reversal() && PAID.contains(k.status) && claim.paid().signum() != 0) {
                    duplicate = true;
                    current.reject(claim, null, "already paid (remittance " + k.remittanceId
                            + "): flagged as a second payment, not counted");
                }
                int seq = ++current.claims;
                current.months.add(k.month);
                claimRows.add(new Object[] {current.id, seq, k.claimId, claim.controlNumber(), claim.statusCode(), claim.charge(),
                        claim.paid(), claim.patientResponsibility(), claim.payerClaimNumber(), duplicate ? k.status : to, duplicate});
                addAdjustments(adjustmentRows, remarkRows, seq, 0, claim.adjustments(), claim.remarks());
                Map<Integer, String[]> unmatchedLines = new TreeMap<>(k.lines);
                for (Era835.ServicePayment line : claim.lines()) {
                    Integer matched = match(claim, line, unmatchedLines);
                    if (matched == null) {
                        current.reject(claim, line, "the service line matches no line of the claim (REF*6R, code and units)");
                        continue;
                    }
                    unmatchedLines.remove(matched);
                    lineRows.add(new Object[] {current.id, seq, line.ordinal(), k.claimId, matched, line.cpt(), line.units(), line.charge(),
                            line.paid(), line.allowed()});
                    addAdjustments(adjustmentRows, remarkRows, seq, line.ordinal(), line.adjustments(), line.remarks());
                    if (!duplicate) {
                        lineUpdates.add(new Object[] {line.paid(), line.allowed(), k.claimId, matched});
                    }
                }
                if (duplicate) {
                    current.duplicates++;
                    continue;
                }
                claimUpdates.add(new Object[] {to, current.id, claim.payerClaimNumber(), claim.paid(), claim.patientResponsibility(), when,
                        k.claimId});
                events.add(new Object[] {k.claimId, k.status, to, actor, when, "remittance " + current.header.key() + " CLP02 "
                        + claim.statusCode(), Long.toString(current.id)});
                current.statuses.merge(to, 1, Integer::sum);
                voids.answered(k.claimId, claim, k.status);
                k.status = to;
                k.remittanceId = current.id;
            }
            jdbc.batchUpdate("""
                    INSERT INTO remittance_claim (remittance_id, claim_seq, claim_id, control_number, claim_status_code, charge_amount,
                        paid_amount, patient_responsibility, payer_claim_number, result_status, duplicate_payment)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", claimRows);
            jdbc.batchUpdate("""
                    INSERT INTO remittance_line (remittance_id, claim_seq, line_seq, claim_id, claim_line, cpt, units, charge_amount,
                        paid_amount, allowed_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", lineRows);
            jdbc.batchUpdate("""
                    INSERT INTO remittance_adjustment (remittance_id, claim_seq, line_seq, adjustment_seq, group_code, reason_code, amount,
                        quantity) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", adjustmentRows);
            jdbc.batchUpdate("INSERT INTO remittance_remark (remittance_id, claim_seq, line_seq, remark_seq, code) VALUES (?, ?, ?, ?, ?)",
                    remarkRows);
            jdbc.batchUpdate("""
                    UPDATE claim SET status = ?, remittance_id = ?, payer_claim_number = COALESCE(?, payer_claim_number),
                        paid_amount = COALESCE(paid_amount, 0) + ?, patient_responsibility = COALESCE(patient_responsibility, 0) + ?,
                        answered_at = ? WHERE claim_id = ?""", claimUpdates);
            jdbc.batchUpdate("""
                    UPDATE claim_line SET paid_amount = COALESCE(paid_amount, 0) + ?, allowed_amount = COALESCE(allowed_amount, 0) + ?
                     WHERE claim_id = ? AND line = ?""", lineUpdates);
            jdbc.batchUpdate("INSERT INTO claim_event (claim_id, from_status, to_status, actor, at, reason, remittance_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", events);
            voids.record(jdbc, current.id);
            claimsInChunk += batch.size();
            batch.clear();
        }

        /** The claims of {@code claims} this product submitted, by control number, with their status and lines, as posted so far. */
        private Map<String, Known> resolve(List<Era835.ClaimPayment> claims) {
            Map<String, Known> known = new HashMap<>();
            List<String> wanted = claims.stream().map(Era835.ClaimPayment::controlNumber).distinct().toList();
            String in = String.join(", ", Collections.nCopies(wanted.size(), "?"));
            Map<String, Known> byClaim = new LinkedHashMap<>();
            jdbc.query("SELECT DISTINCT " + straightJoin + "s.control_number, c.claim_id, c.status, c.service_month, c.remittance_id"
                    + " FROM submission_claim s JOIN claim c ON c.claim_id = s.claim_id"
                    + " JOIN submission x ON x.isa13 = s.isa13 AND x.state = 'PUBLISHED'"
                    + " WHERE s.control_number IN (" + in + ")", rs -> {
                        Known k = new Known();
                        k.claimId = rs.getString(2);
                        k.status = rs.getString(3);
                        k.month = rs.getString(4);
                        long r = rs.getLong(5);
                        k.remittanceId = rs.wasNull() ? null : r;
                        known.put(rs.getString(1), k);
                        byClaim.put(k.claimId, k);
                    }, wanted.toArray());
            if (byClaim.isEmpty()) {
                return known;
            }
            String ids = String.join(", ", Collections.nCopies(byClaim.size(), "?"));
            jdbc.query("SELECT claim_id, line, cpt, units FROM claim_line WHERE claim_id IN (" + ids + ")", rs -> {
                byClaim.get(rs.getString(1)).lines.put(rs.getInt(2), new String[] {rs.getString(3), Integer.toString(rs.getInt(4))});
            }, byClaim.keySet().toArray());
            return known;
        }

        private void addAdjustments(List<Object[]> adjustments, List<Object[]> remarks, int claimSeq, int lineSeq, List<Adjustment> cas,
                List<String> codes) {
            int n = 0;
            for (Adjustment a : cas) {
                adjustments.add(new Object[] {current.id, claimSeq, lineSeq, ++n, a.group(), a.reason(), a.amount(), a.quantity()});
            }
            int r = 0;
            for (String code : codes) {
                remarks.add(new Object[] {current.id, claimSeq, lineSeq, ++r, code});
            }
        }

        /** A transaction POSTED by a run that died before moving its directory into place: moved now. */
        private void finishPublishing(Era835.Header header, long id) {
            Path staging = staging(id);
            if (Files.isDirectory(staging)) {
                try {
                    Staged.publish(staging, outputDir.resolve("remittances").resolve(safe(header.key())), file, sha256, outputDir);
                    log.info("Remit: published the directory of remittance {}, posted by a run that stopped before moving it", id);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    private Path staging(long remittanceId) {
        return outputDir.resolve("remittances").resolve(".posting-" + remittanceId);
    }

    /** A processed claim: PAID when no line is denied, DENIED when every line is, else PARTIALLY_PAID. */
    static String status(Era835.ClaimPayment claim) {
        if (claim.lines().isEmpty()) {
            boolean denies = claim.adjustments().stream().anyMatch(Adjustment::denies);
            return denies && claim.paid().signum() == 0 ? "DENIED" : denies ? "PARTIALLY_PAID" : "PAID";
        }
        long denied = claim.lines().stream().filter(Era835.ServicePayment::denied).count();
        boolean claimDenies = claim.adjustments().stream().anyMatch(Adjustment::denies);
        if (denied == claim.lines().size() && claim.paid().signum() == 0) {
            return "DENIED";
        }
        return denied > 0 || claimDenies ? "PARTIALLY_PAID" : "PAID";
    }

    /** The claim's line an SVC answers: REF*6R (control number - line), else the first open line with its code and units. */
    static Integer match(Era835.ClaimPayment claim, Era835.ServicePayment line, Map<Integer, String[]> open) {
        String ref = line.lineControlNumber();
        if (ref != null && ref.startsWith(claim.controlNumber() + "-")) {
            try {
                int n = Integer.parseInt(ref.substring(claim.controlNumber().length() + 1));
                if (open.containsKey(n)) {
                    return n;
                }
            }
            catch (NumberFormatException ex) {
                // fall through to code and units
            }
        }
        for (Map.Entry<Integer, String[]> e : open.entrySet()) {
            if (e.getValue()[0].equals(line.cpt()) && e.getValue()[1].equals(Integer.toString(line.units()))) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * A transaction being posted: its counts, and its rejects in {@code .posting-<id>/remittance-rejects.csv}, flushed to
     * disk before each commit (whose checkpoint records their length) and moved into place once it is POSTED.
     */
    private final class Staged {
        final Era835.Header header;
        final long id;
        final Path staging;
        final TreeSet<String> months = new TreeSet<>();
        final Map<String, Integer> statuses = new TreeMap<>();
        /** Claims posted by an earlier run that stopped (0 when this run posts it all). */
        final int resumedClaims;
        int committedThrough;
        int postedThrough;
        int claims;
        int unmatched;
        int duplicates;
        long rejectsBytes;
        private final FileOutputStream stream;
        private final CSVPrinter rejects;

        Staged(Era835.Header header, long id, int postedThrough, int claims, int unmatched, long rejectsBytes) {
            this.header = header;
            this.id = id;
            this.postedThrough = postedThrough;
            this.committedThrough = postedThrough;
            this.claims = claims;
            this.resumedClaims = claims;
            this.unmatched = unmatched;
            this.rejectsBytes = rejectsBytes;
            this.staging = staging(id);
            try {
                Path csv = staging.resolve("remittance-rejects.csv");
                boolean fresh = rejectsBytes == 0;
                if (fresh) {
                    // nothing committed yet: whatever a dead run left here is not on the record
                    deleteTree(staging);
                    Files.createDirectories(staging);
                }
                else {
                    if (!Files.isRegularFile(csv) || Files.size(csv) < rejectsBytes) {
                        throw new IllegalStateException("the rejects of unfinished remittance " + id + " are missing or shorter than"
                                + " recorded (" + csv + ", " + rejectsBytes + " bytes): they cannot be completed");
                    }
                    try (FileChannel channel = FileChannel.open(csv, StandardOpenOption.WRITE)) {
                        channel.truncate(rejectsBytes); // what a dead run wrote after its last commit
                    }
                }
                this.stream = new FileOutputStream(csv.toFile(), true);
                Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                CSVFormat.Builder format = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(REJECT_COLUMNS);
                this.rejects = new CSVPrinter(writer, format.setSkipHeaderRecord(!fresh).get());
                if (fresh) {
                    flushRejects();
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        Path target() {
            return outputDir.resolve("remittances").resolve(safe(header.key()));
        }

        void reject(Era835.ClaimPayment claim, Era835.ServicePayment line, String reason) {
            unmatched++;
            try {
                rejects.printRecord(header.transaction(), header.st02(), claim.segment(), claim.controlNumber(), claim.statusCode(),
                        line == null ? "" : line.ordinal(), line == null ? "" : line.cpt(),
                        (line == null ? claim.charge() : line.charge()).toPlainString(),
                        (line == null ? claim.paid() : line.paid()).toPlainString(), reason);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** On disk (forced), its length the checkpoint of the commit that follows. */
        void flushRejects() {
            try {
                rejects.flush();
                stream.getChannel().force(false);
                rejectsBytes = stream.getChannel().size();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        void closeRejects() {
            flushRejects();
            try {
                rejects.close();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        void closeQuietly() {
            try {
                rejects.close();
            }
            catch (IOException | RuntimeException ex) {
                log.warn("could not close the rejects of remittance {}: {}", id, FailureText.of(ex));
            }
        }

        /** The statuses, second payments and months of the claims an earlier run posted, for the outcome and the audit row. */
        void addEarlierRun() {
            if (resumedClaims == 0) {
                return;
            }
            jdbc.query("SELECT result_status, duplicate_payment, COUNT(*) FROM remittance_claim WHERE remittance_id = ? AND claim_seq <= ?"
                    + " GROUP BY result_status, duplicate_payment", rs -> {
                        if (rs.getBoolean(2)) {
                            duplicates += rs.getInt(3);
                        }
                        else {
                            statuses.merge(rs.getString(1), rs.getInt(3), Integer::sum);
                        }
                    }, id, resumedClaims);
            months.addAll(jdbc.queryForList("SELECT DISTINCT c.service_month FROM remittance_claim r JOIN claim c ON c.claim_id = r.claim_id"
                    + " WHERE r.remittance_id = ? AND r.claim_seq <= ?", String.class, id, resumedClaims));
        }

        void publish(Path file, String sha256) throws IOException {
            publish(staging, target(), file, sha256, outputDir);
        }

        static void publish(Path staging, Path target, Path file, String sha256, Path outputDir) throws IOException {
            Files.copy(file, staging.resolve("remittance.835"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(staging.resolve("remittance.835.sha256"), sha256 + "  remittance.835\n", StandardCharsets.US_ASCII);
            if (Files.exists(target)) {
                // a directory left by a refused or rolled-back run of the same trace: replaced by what is now posted
                Path old = Files.createTempDirectory(outputDir.resolve("remittances"), ".replaced-");
                Files.move(target, old.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
