package org.ccm.monthend.remittance;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.ccm.monthend.core.NamedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts an 835 file (claim-lifecycle.md, "Posting remittances"). First the whole file is read and checked: an 835
 * 5010 envelope, the three balancing rules ({@link Balance}), and for files up to {@code ccm.remit.validate-max-bytes}
 * the loop structure by com.imsweb:x12-parser's 835 mapping; a file that fails is refused and nothing is recorded. Then
 * it is read again and every transaction not posted before (payer + TRN02 + TRN03) is posted in one database
 * transaction for the whole file, a thousand claims at a time with batched statements, so memory stays bounded.
 * Claims and lines that match nothing this product sent go to {@code remittance-rejects.csv} under
 * {@code <output-dir>/remittances/<payer>-<trace>/} with a copy of the file and its SHA-256, moved into place after the
 * commit.
 */
@Component
public class RemittancePoster {

    static final String LOCK = "ccm-month-end:remit";
    private static final Logger log = LoggerFactory.getLogger(RemittancePoster.class);
    private static final int CHUNK = 1000;
    private static final List<String> ANSWERED = List.of("PAID", "PARTIALLY_PAID", "DENIED", "REPLACED", "VOIDED");
    private static final List<String> PAID = List.of("PAID", "PARTIALLY_PAID");

    private final JdbcTemplate jdbc;
    private final NamedLock lock;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AuditTrail audit;
    private final Path outputDir;
    private final long validateMaxBytes;

    RemittancePoster(JdbcTemplate jdbc, NamedLock lock, PlatformTransactionManager transactions, Clock clock, AuditTrail audit,
            CcmProperties properties, @Value("${ccm.remit.validate-max-bytes:2097152}") long validateMaxBytes) {
        this.jdbc = jdbc;
        this.lock = lock;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.audit = audit;
        this.outputDir = properties.outputDir();
        this.validateMaxBytes = validateMaxBytes;
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
        Optional<String> refused = check(file);
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
            Files.createDirectories(outputDir.resolve("remittances"));
            Posting posting = new Posting(file, sha256, actor, channel);
            try {
                transaction.executeWithoutResult(status -> {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                        Remittance835Reader.read(in, posting);
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
            catch (RuntimeException ex) {
                posting.discard();
                throw ex;
            }
            List<RemitOutcome.Transaction> transactions = posting.publish();
            log.info("Remit: checked (envelope, balance, structure) in {} ms, posted and published in {} ms", (checked - started) / 1_000_000,
                    (System.nanoTime() - checked) / 1_000_000);
            return new RemitOutcome.Posted(sha256, transactions);
        }
    }

    /** The first reason to refuse the file, if any: envelope, balance, structure. */
    Optional<String> check(Path file) throws IOException {
        long started = System.nanoTime();
        Balance balance = new Balance();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Remittance835Reader.read(in, balance);
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

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A claim as the database has it now (updated as the file's claims are posted, so one file may answer a claim twice). */
    private static final class Known {
        String claimId;
        String status;
        String month;
        Long remittanceId;
        final Map<Integer, String[]> lines = new TreeMap<>(); // line -> {cpt, units}
    }

    /** The second reading: posts each new transaction, chunk by chunk, inside the file's database transaction. */
    private final class Posting implements Remittance835Reader.Listener {

        private final Path file;
        private final String sha256;
        private final String actor;
        private final String channel;
        private final Instant at;
        private final List<Staged> staged = new ArrayList<>();
        private final List<RemitOutcome.Transaction> results = new ArrayList<>();
        private final Map<String, Known> known = new HashMap<>();
        private final List<Era835.ClaimPayment> chunk = new ArrayList<>();
        private Staged current;
        private boolean skipping;

        Posting(Path file, String sha256, String actor, String channel) {
            this.file = file;
            this.sha256 = sha256;
            this.actor = actor;
            this.channel = channel;
            this.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public void transaction(Era835.Header header) {
            List<Long> before = jdbc.queryForList("SELECT remittance_id FROM remittance WHERE payer_id = ? AND trace_number = ?"
                    + " AND trace_originator = ?", Long.class, header.payerId(), header.traceNumber(), header.traceOriginator());
            skipping = !before.isEmpty()
                    || staged.stream().anyMatch(s -> s.header.key().equals(header.key())
                            && s.header.traceOriginator().equals(header.traceOriginator()));
            if (skipping) {
                results.add(new RemitOutcome.Transaction(header.key(), before.isEmpty() ? 0 : before.get(0), true, 0, 0, 0, Map.of(),
                        header.paymentAmount().toPlainString(), outputDir.resolve("remittances").resolve(safe(header.key()))));
                return;
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO remittance (payer_id, trace_number, trace_originator, payer_name, payment_amount, payment_method,
                            payment_date, interchange, transaction_id, claims, unmatched, file_sha256, posted_at, posted_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)""", new String[] {"remittance_id"});
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
            long id = key.getKey().longValue();
            current = new Staged(header, id);
            staged.add(current);
        }

        @Override
        public void claim(Era835.Header header, Era835.ClaimPayment claim) {
            if (skipping) {
                return;
            }
            chunk.add(claim);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        @Override
        public void providerAdjustment(Era835.Header header, Era835.ProviderAdjustment adjustment) {
            if (skipping) {
                return;
            }
            jdbc.update("INSERT INTO provider_adjustment (remittance_id, adjustment_seq, provider_id, fiscal_period, reason_code, reference, amount)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", current.id, ++current.plbs, adjustment.providerId(), adjustment.fiscalPeriod(),
                    adjustment.reason(), adjustment.reference(), adjustment.amount());
        }

        @Override
        public void endTransaction(Era835.Header header) {
            if (skipping) {
                skipping = false;
                return;
            }
            flush();
            jdbc.update("UPDATE remittance SET claims = ?, unmatched = ?, file_path = ? WHERE remittance_id = ?", current.claims,
                    current.unmatched, current.target().resolve("remittance.835").toString(), current.id);
            String month = current.months.size() == 1 ? current.months.first() : null;
            audit.record(AuditEntry.of(actor, channel, AuditAction.REMITTANCE_POSTED, "remittance", header.key(), month,
                    current.claims + " claims, " + current.unmatched + " unmatched"));
            current.closeRejects();
            results.add(new RemitOutcome.Transaction(header.key(), current.id, false, current.claims, current.unmatched,
                    current.duplicates, Collections.unmodifiableMap(current.statuses), header.paymentAmount().toPlainString(),
                    current.target()));
            log.info("Posted remittance {}: {} claims, {} unmatched", current.id, current.claims, current.unmatched);
            current = null;
        }

        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            resolve(chunk);
            List<Object[]> claimRows = new ArrayList<>();
            List<Object[]> lineRows = new ArrayList<>();
            List<Object[]> adjustmentRows = new ArrayList<>();
            List<Object[]> remarkRows = new ArrayList<>();
            List<Object[]> claimUpdates = new ArrayList<>();
            List<Object[]> lineUpdates = new ArrayList<>();
            List<Object[]> events = new ArrayList<>();
            LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
            VoidAcceptance voids = new VoidAcceptance();
            for (Era835.ClaimPayment claim : chunk) {
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
                int seq = ++current.claimSeq;
                current.claims++;
                current.months.add(k.month);
                claimRows.add(new Object[] {current.id, seq, k.claimId, claim.controlNumber(), claim.statusCode(), claim.charge(),
                        claim.paid(), claim.patientResponsibility(), claim.payerClaimNumber(), duplicate ? k.status : to, duplicate});
                addAdjustments(adjustmentRows, remarkRows, seq, 0, claim.adjustments(), claim.remarks());
                Map<Integer, String[]> open = new TreeMap<>(k.lines);
                for (Era835.ServicePayment line : claim.lines()) {
                    Integer matched = match(claim, line, open);
                    if (matched == null) {
                        current.reject(claim, line, "the service line matches no line of the claim (REF*6R, code and units)");
                        continue;
                    }
                    open.remove(matched);
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
            chunk.clear();
        }

        /** The claims of {@code claims} this product submitted, by control number, with their status and lines. */
        private void resolve(List<Era835.ClaimPayment> claims) {
            if (known.size() > 50_000) {
                known.clear(); // bounded: a claim answered twice in one file is read again from the database, as posted so far
            }
            List<String> wanted = claims.stream().map(Era835.ClaimPayment::controlNumber).filter(c -> !known.containsKey(c)).distinct()
                    .toList();
            if (wanted.isEmpty()) {
                return;
            }
            String in = String.join(", ", Collections.nCopies(wanted.size(), "?"));
            Map<String, Known> byClaim = new LinkedHashMap<>();
            jdbc.query("SELECT DISTINCT s.control_number, c.claim_id, c.status, c.service_month, c.remittance_id FROM submission_claim s"
                    + " JOIN submission x ON x.isa13 = s.isa13 AND x.state = 'PUBLISHED' JOIN claim c ON c.claim_id = s.claim_id"
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
                return;
            }
            String ids = String.join(", ", Collections.nCopies(byClaim.size(), "?"));
            jdbc.query("SELECT claim_id, line, cpt, units FROM claim_line WHERE claim_id IN (" + ids + ")", rs -> {
                byClaim.get(rs.getString(1)).lines.put(rs.getInt(2), new String[] {rs.getString(3), Integer.toString(rs.getInt(4))});
            }, byClaim.keySet().toArray());
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

        void discard() {
            for (Staged s : staged) {
                s.delete();
            }
        }

        List<RemitOutcome.Transaction> publish() throws IOException {
            for (Staged s : staged) {
                s.publish(file, sha256);
            }
            return results;
        }
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

    /** A transaction being posted: its rejects in a staging directory, moved into place after the commit. */
    private final class Staged {
        final Era835.Header header;
        final long id;
        final Path staging;
        final CSVPrinter rejects;
        final TreeSet<String> months = new TreeSet<>();
        final Map<String, Integer> statuses = new TreeMap<>();
        int claimSeq;
        int claims;
        int unmatched;
        int duplicates;
        int plbs;

        Staged(Era835.Header header, long id) {
            this.header = header;
            this.id = id;
            try {
                this.staging = Files.createTempDirectory(outputDir.resolve("remittances"), ".staging-");
                Writer writer = Files.newBufferedWriter(staging.resolve("remittance-rejects.csv"), StandardCharsets.UTF_8);
                this.rejects = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader("transaction", "st02",
                        "segment", "claim_control_number", "clp02", "line", "cpt", "charge", "paid", "reason").get());
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

        void closeRejects() {
            try {
                rejects.close();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        void publish(Path file, String sha256) throws IOException {
            Files.copy(file, staging.resolve("remittance.835"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(staging.resolve("remittance.835.sha256"), sha256 + "  remittance.835\n", StandardCharsets.US_ASCII);
            Path target = target();
            if (Files.exists(target)) {
                // a directory left by a refused or rolled-back run of the same trace: replaced by what is now posted
                Path old = Files.createTempDirectory(outputDir.resolve("remittances"), ".replaced-");
                Files.move(target, old.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }

        void delete() {
            try {
                closeRejects();
                try (var files = Files.list(staging)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(staging);
            }
            catch (IOException | UncheckedIOException ex) {
                log.warn("could not remove a staging directory of a remittance that was not posted: {}", staging);
            }
        }
    }
}
