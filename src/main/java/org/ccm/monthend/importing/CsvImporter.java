package org.ccm.monthend.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.importing.ImportReport.FileReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code import --from DIR}: loads whichever input files of the data contract DIR holds, care team and patients
 * first so that the other files can refer to them. Rows are upserted by the contract's key, so importing the
 * same files twice leaves the same database. Each batch is its own transaction: an interrupted import is
 * completed by running it again.
 */
@Component
public class CsvImporter {

    static final int BATCH_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(CsvImporter.class);
    private static final DateTimeFormatter IMPORT_ID = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Clock clock;
    private final Path outputDir;
    private final int batchSize;

    @Autowired
    public CsvImporter(DataSource dataSource, Dialect dialect, Clock clock, CcmProperties properties) {
        this(dataSource, dialect, clock, properties.outputDir(), BATCH_SIZE);
    }

    /** {@code batchSize}: rows per JDBC batch and transaction (tests use small ones to cross batch boundaries). */
    CsvImporter(DataSource dataSource, Dialect dialect, Clock clock, Path outputDir, int batchSize) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.outputDir = outputDir;
        this.batchSize = batchSize;
    }

    /**
     * Imports the input files in {@code dir} and writes report.json and rejects.csv under
     * {@code <ccm.output-dir>/imports/<import id>/}.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory
     * @throws ImportFailedException if the database fails (a lock wait, a deadlock, a lost connection): no row is
     *         rejected for it, and running the same import again completes it
     */
    public ImportReport importFrom(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        Instant startedAt = clock.instant();
        // performed_at is local time of the practice: compare it with the local time of the import
        LocalDateTime now = LocalDateTime.ofInstant(startedAt, clock.getZone());
        Path reportDir = createReportDirectory(startedAt);
        String importId = reportDir.getFileName().toString();
        List<FileReport> files = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                RejectsWriter rejects = new RejectsWriter(reportDir.resolve("rejects.csv"))) {
            Upsert upsert = new Upsert(dialect);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (InputFile file : InputFile.values()) {
                    Path path = dir.resolve(file.fileName());
                    if (Files.isRegularFile(path)) {
                        FileReport report = new FileImport(file, path, connection, upsert, rejects, now, batchSize).run();
                        log.info("{} {}: {}{}", importId, file.fileName(), report.lineAccount(),
                                report.problem() == null ? "" : "; " + report.problem());
                        files.add(report);
                    }
                }
            }
            finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (SQLException ex) {
            // FileImport.DatabaseFailure names the file and lines; the vendor's message stays in the cause, for the log
            String where = ex instanceof FileImport.DatabaseFailure ? " while importing " + ex.getMessage() : "";
            throw new ImportFailedException("import " + importId + " failed: the database failed" + where + " (SQLState "
                    + ex.getSQLState() + ", error " + ex.getErrorCode() + "); no row was rejected for it: run the same"
                    + " import again (importing is idempotent)", ex);
        }
        ImportReport report = new ImportReport(importId, reportDir, dir.toAbsolutePath().normalize(), startedAt,
                clock.instant(), List.copyOf(files), ignoredFiles(dir));
        JSON.writeValue(report.reportFile(), json(report));
        return report;
    }

    /** {@code <UTC timestamp>-<n>}: the first free n, so two imports in the same second never share a directory. */
    private Path createReportDirectory(Instant startedAt) {
        String stamp = IMPORT_ID.format(startedAt);
        try {
            Path imports = Files.createDirectories(outputDir.resolve("imports"));
            for (int n = 1;; n++) {
                try {
                    return Files.createDirectory(imports.resolve(stamp + "-" + n));
                }
                catch (FileAlreadyExistsException taken) {
                    // another import started in the same second: try the next suffix
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot create the import report directory under " + outputDir, ex);
        }
    }

    private static List<String> ignoredFiles(Path dir) {
        Set<String> known = Stream.of(InputFile.values()).map(InputFile::fileName).collect(Collectors.toSet());
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.toLowerCase(Locale.ROOT).endsWith(".csv") && !known.contains(name))
                    .sorted().toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** report.json: snake_case like the CSV columns, for scripts that read both. */
    private static Map<String, Object> json(ImportReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("import_id", report.importId());
        json.put("from", report.from().toString());
        json.put("started_at", report.startedAt().toString());
        json.put("finished_at", report.finishedAt().toString());
        json.put("rejects_file", "rejects.csv");
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileReport file : report.files()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", file.file());
            f.put("table", file.table());
            f.put("status", file.status().name());
            f.put("lines_read", file.linesRead());
            f.put("blank_lines", file.blankLines());
            f.put("rows_read", file.rowsRead());
            f.put("imported", file.imported());
            f.put("rejected", file.rejected());
            f.put("refused", file.status() == ImportReport.Status.REFUSED ? file.problem() : null);
            f.put("stopped", file.status() == ImportReport.Status.STOPPED ? file.problem() : null);
            f.put("ignored_columns", file.ignoredColumns());
            files.add(f);
        }
        json.put("files", files);
        json.put("ignored_files", report.ignoredFiles());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("rows_read", report.rowsRead());
        totals.put("imported", report.imported());
        totals.put("rejected", report.rejected());
        totals.put("files_refused_or_stopped", report.incompleteFiles().size());
        json.put("totals", totals);
        return json;
    }
}
