package org.ccm.monthend.importing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one {@code import --from DIR} did, file by file. Also written as report.json beside rejects.csv.
 *
 * @param reportDirectory {@code <ccm.output-dir>/imports/<importId>/}, holding report.json and rejects.csv
 * @param ignoredFiles CSV files in the directory that are not input files of the contract (a misspelt name shows here)
 */
public record ImportReport(String importId, Path reportDirectory, Path from, Instant startedAt, Instant finishedAt,
        List<FileReport> files, List<String> ignoredFiles) {

    public enum Status {
        /** Every row read; each was imported or rejected. */
        IMPORTED,
        /** Not read at all: the header lacks a required column (or there is no header). */
        REFUSED,
        /** Read up to a line with broken quoting; the rest of the file was not read. */
        STOPPED
    }

    /**
     * One input file.
     *
     * @param rowsRead data rows read (blank lines are not rows); always {@code imported + rejected}
     * @param problem why the file was refused or stopped, naming the column or line; null when IMPORTED
     * @param ignoredColumns header columns the contract does not define
     */
    public record FileReport(String file, String table, Status status, long rowsRead, long imported, long rejected,
            String problem, List<String> ignoredColumns) {
    }

    public Path rejectsFile() {
        return reportDirectory.resolve("rejects.csv");
    }

    public Path reportFile() {
        return reportDirectory.resolve("report.json");
    }

    public long rowsRead() {
        return files.stream().mapToLong(FileReport::rowsRead).sum();
    }

    public long imported() {
        return files.stream().mapToLong(FileReport::imported).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(FileReport::rejected).sum();
    }

    /** Files refused or stopped early: the import is then incomplete and the command exits 2. */
    public List<FileReport> incompleteFiles() {
        return files.stream().filter(f -> f.status() != Status.IMPORTED).toList();
    }

    public FileReport file(InputFile file) {
        return files.stream().filter(f -> f.file().equals(file.fileName())).findFirst().orElse(null);
    }

    /** One line for the console. */
    public String summary() {
        return "import " + importId + ": " + files.size() + " file(s), " + rowsRead() + " rows read, " + imported()
                + " imported, " + rejected() + " rejected, " + incompleteFiles().size() + " file(s) refused or stopped";
    }
}
