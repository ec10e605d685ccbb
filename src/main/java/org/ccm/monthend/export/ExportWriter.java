package org.ccm.monthend.export;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.EntryEvidence;
import org.ccm.monthend.core.Dialect;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes each chunk of decisions to the staging files and records its claims in the database, all in
 * the chunk's transaction (each claim DECIDED, with its event): the files are flushed only when the chunk commits, and a restart truncates
 * them back to the last committed chunk, so no line is ever written twice.
 */
public class ExportWriter implements ItemStreamWriter<Decision> {

    private final FlatFileItemWriter<String> claims;
    private final FlatFileItemWriter<String> exceptions;
    private final FlatFileItemWriter<String> evidence;
    private final ClaimInserts inserts;
    private final int revision;
    private final long jobExecutionId;
    private final Clock clock;
    private ExportTally tally = new ExportTally();
    private EvidenceOrder evidenceOrder = new EvidenceOrder();

    public ExportWriter(Path stagingDir, JdbcTemplate jdbc, Dialect dialect, int revision, long jobExecutionId, Clock clock) {
        this.claims = file("claimsFile", stagingDir.resolve(ExportFiles.CLAIMS), ExportFiles.CLAIMS_HEADER);
        this.exceptions = file("exceptionsFile", stagingDir.resolve(ExportFiles.EXCEPTIONS), ExportFiles.EXCEPTIONS_HEADER);
        this.evidence = file("evidenceFile", stagingDir.resolve(ExportFiles.EVIDENCE_UNSORTED), ExportFiles.EVIDENCE_HEADER);
        this.inserts = ClaimInserts.forDialect(jdbc, dialect);
        this.revision = revision;
        this.jobExecutionId = jobExecutionId;
        this.clock = clock;
    }

    /**
     * A staging file written a chunk at a time: each item is a chunk's lines as one string, line ends included
     * (one string per chunk, not one per line: ten million evidence lines a month).
     */
    private static FlatFileItemWriter<String> file(String name, Path path, String[] header) {
        return new FlatFileItemWriterBuilder<String>()
                .name(name)
                .resource(new FileSystemResource(path))
                .lineAggregator(lines -> lines)
                .lineSeparator("")
                .headerCallback(writer -> writer.write(ExportFiles.line((Object[]) header) + "\n"))
                .encoding("UTF-8")
                .transactional(true)
                .shouldDeleteIfExists(true)
                .saveState(true)
                .build();
    }

    @Override
    public void write(Chunk<? extends Decision> decisions) throws Exception {
        StringBuilder claimLines = new StringBuilder();
        StringBuilder exceptionLines = new StringBuilder();
        StringBuilder evidenceLines = new StringBuilder(decisions.size() * 512);
        List<ClaimInserts.ClaimRow> claimRows = new ArrayList<>();
        List<ClaimInserts.LineRow> claimLineRows = new ArrayList<>();
        List<ClaimInserts.EventRow> eventRows = new ArrayList<>();
        LocalDateTime decidedAt = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (Decision decision : decisions) {
            tally.add(decision);
            Claim claim = decision.claim();
            if (claim != null) {
                for (ClaimLine line : claim.lines()) {
                    appendClaimLine(claimLines, claim, line);
                    claimLineRows.add(ClaimInserts.LineRow.of(claim, line));
                }
                claimRows.add(ClaimInserts.ClaimRow.of(claim, revision, jobExecutionId));
                eventRows.add(ClaimInserts.EventRow.decided(claim, jobExecutionId, decidedAt));
            }
            else {
                ExportFiles.appendLine(exceptionLines, decision.patientId(), decision.month().toString(),
                        decision.notBilled().reasonCode().name(), decision.notBilled().detail());
            }
            String patientField = ExportFiles.field(decision.patientId());
            String claimField = claim == null ? "" : ExportFiles.field(claim.claimId());
            for (EntryEvidence entry : decision.evidence()) {
                evidenceOrder.add(entry.entryId());
                ExportFiles.appendEvidenceLine(evidenceLines, entry.entryId(), patientField, entry.onClaim() ? claimField : "",
                        entry.countedAs().name(), entry.reason() == null ? "" : entry.reason().name(),
                        entry.minutes().toPlainString());
            }
        }
        // The primary key (patient_id, service_month, voided_before) refuses a second claim for a patient-month decided on the
        // same history of it (a claim that re-bills it needs an earlier claim whose void the payer accepted): the last guard
        // against double billing.
        inserts.insert(claimRows, claimLineRows, eventRows);
        write(claims, claimLines);
        write(exceptions, exceptionLines);
        write(evidence, evidenceLines);
    }

    private static void write(FlatFileItemWriter<String> file, StringBuilder lines) throws Exception {
        if (!lines.isEmpty()) {
            file.write(new Chunk<>(List.of(lines.toString())));
        }
    }

    private static void appendClaimLine(StringBuilder text, Claim claim, ClaimLine line) {
        List<String> dx = claim.diagnoses();
        ExportFiles.appendLine(text, claim.claimId(), line.line(), claim.patientId(), claim.mbi(), claim.billingNpi(),
                claim.serviceMonth().toString(), claim.dateOfService().toString(), claim.placeOfService(), line.cpt(),
                line.units(), claim.minutesCounted().toPlainString(), dx(dx, 0), dx(dx, 1), dx(dx, 2), dx(dx, 3),
                line.chargeAmount().toPlainString(), line.expectedPayment().toPlainString(), claim.family().name(),
                claim.runnerUpFamily() == null ? "" : claim.runnerUpFamily().name(),
                claim.runnerUpPayment() == null ? "" : plain(claim.runnerUpPayment()), claim.ruleSet());
    }

    private static String dx(List<String> diagnoses, int index) {
        return index < diagnoses.size() ? diagnoses.get(index) : "";
    }

    private static String plain(BigDecimal amount) {
        return amount.toPlainString();
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        tally = ExportTally.restore(context);
        evidenceOrder = EvidenceOrder.restore(context);
        claims.open(context);
        exceptions.open(context);
        evidence.open(context);
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        tally.save(context);
        evidenceOrder.save(context);
        claims.update(context);
        exceptions.update(context);
        evidence.update(context);
    }

    @Override
    public void close() throws ItemStreamException {
        claims.close();
        exceptions.close();
        evidence.close();
    }
}
