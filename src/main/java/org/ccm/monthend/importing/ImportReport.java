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
        /**
         * No longer produced: a line with broken quoting or malformed UTF-8 is rejected on its own and the lines
         * after it are read (report.json keeps its "stopped" key, always null).
         */
        STOPPED
    }

    /**
     * One input file.
     *
     * @param linesRead physical lines after the header; always {@code blankLines} + the lines of the rows read (a
     *        quoted value may span lines: that row is one row of several lines)
     * @param blankLines empty lines, which are not rows
     * @param rowsRead data rows read; always {@code imported + rejected}
     * @param problem why the file was refused or stopped, naming the column or line; null when IMPORTED
     * @param ignoredColumns header columns the contract does not define
     */
    public record FileReport(String file, String table, Status status, long linesRead, long blankLines, long rowsRead,
            long imported, long rejected, String problem, List<String> ignoredColumns) {

        /** Lines of rows that continue a quoted value of the line before them. */
        public long continuationLines() {
            return linesRead - blankLines - rowsRead;
        }

        /** "N lines read = I rows imported + R rejected", with blank and continuation lines when there are any. */
        public String lineAccount() {
            return linesRead + " lines read = " + imported + " rows imported + " + rejected + " rejected"
                    + (blankLines == 0 ? "" : " + " + blankLines + " blank")
                    + (continuationLines() == 0 ? "" : " + " + continuationLines() + " continuing quoted values");
        }
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
