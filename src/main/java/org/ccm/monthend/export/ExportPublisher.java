package org.ccm.monthend.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.NoSpaceLeftException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

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

    /**
     * What identifies the export in its summary, and how many patient ranges wrote its parts.
     */
    public record Run(Path outputDir, YearMonth month, int revision, long jobExecutionId, String ruleSet, Map<String, String> settings,
            int ranges) {
    }

    /**
     * @param decided the execution context of each range's decide step, in range order: each holds the committed
     *        tally of its part of the export
     */
    public Path publish(Run run, List<ExecutionContext> decided) throws IOException {
        return publish(run, decided, () -> false).orElseThrow();
    }

    /**
     * As {@link #publish(Run, List)}, but nothing is moved into place when {@code stopRequested} says so just before
     * the move (SIGTERM during publishing): the parts stay, and the next run publishes from them. Empty then.
     */
    public Optional<Path> publish(Run run, List<ExecutionContext> decided, BooleanSupplier stopRequested) throws IOException {
        Path staging = ExportFiles.stagingDir(run.outputDir(), run.month(), run.revision());
        Path target = ExportFiles.publishedDir(run.outputDir(), run.month(), run.revision());
        List<Path> parts = new ArrayList<>();
        for (int range = 0; range < run.ranges(); range++) {
            parts.add(ExportFiles.rangeStagingDir(run.outputDir(), run.month(), run.revision(), range));
        }
        if (!Files.exists(staging) && Files.exists(target.resolve(ExportFiles.SUMMARY))) {
            // moved into place before a crash, but not yet recorded (or its parts not yet deleted)
            record(run, target);
            deleteParts(parts);
            return Optional.of(target);
        }
        if (Files.exists(target)) {
            throw new IllegalStateException("refusing to overwrite " + target + ": it exists but is not this run's export");
        }
        // The ranges' parts, in range order, make the files. The parts stay until the export is in place, so a
        // publish that crashed is simply done again from them.
        // Each file's SHA-256 is taken from the bytes as they are copied into it, not by reading it again afterwards
        // (about 600 MB at ten million entries); only a sorted evidence file is read once more.
        Files.createDirectories(staging);
        Map<String, String> sha256 = new LinkedHashMap<>();
        writing(staging.resolve(ExportFiles.CLAIMS), () -> sha256.put(ExportFiles.CLAIMS,
                concatenate(parts, ExportFiles.CLAIMS, staging.resolve(ExportFiles.CLAIMS))));
        writing(staging.resolve(ExportFiles.EXCEPTIONS), () -> sha256.put(ExportFiles.EXCEPTIONS,
                concatenate(parts, ExportFiles.EXCEPTIONS, staging.resolve(ExportFiles.EXCEPTIONS))));
        List<Path> evidence = parts.stream().map(part -> part.resolve(ExportFiles.EVIDENCE_UNSORTED)).toList();
        if (EvidenceOrder.inOrder(decided)) {
            // known from the writing: the parts one after the other are in entry order, nothing to read or sort
            writing(staging.resolve(ExportFiles.EVIDENCE), () -> sha256.put(ExportFiles.EVIDENCE,
                    concatenate(evidence, staging.resolve(ExportFiles.EVIDENCE))));
        }
        else {
            writing(staging.resolve(ExportFiles.EVIDENCE), () -> {
                new EvidenceSorter(EVIDENCE_RUN_LINES).sort(evidence, staging.resolve(ExportFiles.EVIDENCE));
                sha256.put(ExportFiles.EVIDENCE, Checksums.sha256(staging.resolve(ExportFiles.EVIDENCE)));
            });
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
            entry.put("sha256", sha256.get(name));
            entry.put("bytes", Files.size(file));
            files.put(name, entry);
        }
        summary.put("files", files);
        Path summaryFile = staging.resolve(ExportFiles.SUMMARY);
        writing(summaryFile, () -> {
            Files.writeString(summaryFile, JSON.writeValueAsString(summary) + "\n");
            force(summaryFile);
        });

        if (stopRequested.getAsBoolean()) {
            return Optional.empty();
        }
        Files.createDirectories(target.getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        force(target.getParent());
        record(run, target);
        deleteParts(parts);
        return Optional.of(target);
    }

    @FunctionalInterface
    private interface Writing {
        void run() throws IOException;
    }

    /** A full disk said with the file being written (core/NoSpaceLeftException). */
    private static void writing(Path file, Writing writing) throws IOException {
        try {
            writing.run();
        }
        catch (IOException ex) {
            throw NoSpaceLeftException.naming(file, ex);
        }
    }

    /** {@code name} of every part, one after the other, with the header of the first only; returns its SHA-256. */
    private static String concatenate(List<Path> parts, String name, Path target) throws IOException {
        return concatenate(parts.stream().map(part -> part.resolve(name)).toList(), target);
    }

    /**
     * The files one after the other into {@code target}, with the header of the first only; returns the SHA-256 of
     * what was written, computed from the blocks as they pass (1 MiB at a time, one read of each part).
     */
    static String concatenate(List<Path> files, Path target) throws IOException {
        java.security.MessageDigest digest = Checksums.sha256Digest();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < files.size(); i++) {
                try (FileChannel in = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                    in.position(i == 0 ? 0 : afterHeader(files.get(i)));
                    while (in.read(buffer.clear()) >= 0) {
                        buffer.flip();
                        digest.update(buffer.array(), 0, buffer.limit());
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                    }
                }
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** The offset just past the first line end of {@code file}. */
    private static long afterHeader(Path file) throws IOException {
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            long offset = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                offset++;
                if (b == '\n') {
                    return offset;
                }
            }
            return offset;
        }
    }

    private static void deleteParts(List<Path> parts) throws IOException {
        for (Path part : parts) {
            FileSystemUtils.deleteRecursively(part);
        }
    }

    private void record(Run run, Path target) throws IOException {
        Integer recorded = jdbc.queryForObject("SELECT COUNT(*) FROM month_close WHERE service_month = ? AND revision = ?",
                Integer.class, run.month().toString(), run.revision());
        if (recorded != null && recorded == 0) {
            jdbc.update("""
                    INSERT INTO month_close (service_month, revision, job_execution_id, rule_set, output_path, summary_sha256, published_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", run.month().toString(), run.revision(), run.jobExecutionId(), run.ruleSet(),
                    target.toAbsolutePath().normalize().toString(), Checksums.sha256(target.resolve(ExportFiles.SUMMARY)),
                    Timestamp.valueOf(LocalDateTime.now(clock)));
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
