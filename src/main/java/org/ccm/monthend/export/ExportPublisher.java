package org.ccm.monthend.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finishes a close: sorts the evidence, writes summary.json with the SHA-256 of every other file,
 * forces everything to disk, then renames the staging directory onto the published path in one atomic
 * move, so a reader sees all files of a run or none. Safe to run again after a crash at any point.
 */
public final class ExportPublisher {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final List<String> CHECKSUMMED = List.of(ExportFiles.CLAIMS, ExportFiles.EXCEPTIONS, ExportFiles.EVIDENCE);
    private static final int EVIDENCE_RUN_LINES = 250_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ExportPublisher(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What identifies the export in its summary. */
    public record Run(Path outputDir, YearMonth month, int revision, long jobExecutionId, String ruleSet, Map<String, String> settings) {
    }

    /** @param decided the decide step's execution context, which holds the committed tally of the export */
    public Path publish(Run run, ExecutionContext decided) throws IOException {
        Path staging = ExportFiles.stagingDir(run.outputDir(), run.month(), run.revision());
        Path target = ExportFiles.publishedDir(run.outputDir(), run.month(), run.revision());
        if (!Files.exists(staging) && Files.exists(target.resolve(ExportFiles.SUMMARY))) {
            // moved into place before a crash, but not yet recorded
            record(run, target);
            return target;
        }
        if (Files.exists(target)) {
            throw new IllegalStateException("refusing to overwrite " + target + ": it exists but is not this run's export");
        }
        Path unsorted = staging.resolve(ExportFiles.EVIDENCE_UNSORTED);
        if (Files.exists(unsorted)) {
            new EvidenceSorter(EVIDENCE_RUN_LINES).sort(unsorted, staging.resolve(ExportFiles.EVIDENCE));
            Files.deleteIfExists(unsorted); // already gone when it was in entry order and moved
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("month", run.month().toString());
        summary.put("revision", run.revision());
        summary.put("job_execution_id", run.jobExecutionId());
        summary.put("rule_set", run.ruleSet());
        summary.put("settings", run.settings());
        summary.putAll(ExportTally.restore(decided).toSummary());
        Map<String, Object> files = new LinkedHashMap<>();
        for (String name : CHECKSUMMED) {
            Path file = staging.resolve(name);
            force(file);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sha256", sha256(file));
            entry.put("bytes", Files.size(file));
            files.put(name, entry);
        }
        summary.put("files", files);
        Path summaryFile = staging.resolve(ExportFiles.SUMMARY);
        Files.writeString(summaryFile, JSON.writeValueAsString(summary) + "\n");
        force(summaryFile);

        Files.createDirectories(target.getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        force(target.getParent());
        record(run, target);
        return target;
    }

    private void record(Run run, Path target) throws IOException {
        Integer recorded = jdbc.queryForObject("SELECT COUNT(*) FROM month_close WHERE service_month = ? AND revision = ?",
                Integer.class, run.month().toString(), run.revision());
        if (recorded != null && recorded == 0) {
            jdbc.update("""
                    INSERT INTO month_close (service_month, revision, job_execution_id, rule_set, output_path, summary_sha256, published_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", run.month().toString(), run.revision(), run.jobExecutionId(), run.ruleSet(),
                    target.toAbsolutePath().normalize().toString(), sha256(target.resolve(ExportFiles.SUMMARY)),
                    Timestamp.valueOf(LocalDateTime.now(clock)));
        }
    }

    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("the JDK always has SHA-256", ex);
        }
    }

    private static void force(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
                dir.force(true);
            }
            catch (IOException ex) {
                // some file systems cannot sync a directory; the rename itself is still atomic
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
