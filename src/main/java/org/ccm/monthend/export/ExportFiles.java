package org.ccm.monthend.export;

import java.nio.file.Path;
import java.time.YearMonth;

import org.apache.commons.csv.CSVFormat;

/** File names, headers and places of a month's export (data-contract.md, "Output of close"). */
public final class ExportFiles {

    public static final String CLAIMS = "claims.csv";
    public static final String EXCEPTIONS = "exceptions.csv";
    public static final String EVIDENCE = "evidence.csv";
    public static final String SUMMARY = "summary.json";
    /** Evidence in patient order, as the step writes it; sorted by entry_id into evidence.csv when publishing. */
    static final String EVIDENCE_UNSORTED = "evidence.unsorted.csv";

    public static final String[] CLAIMS_HEADER = {"claim_id", "line", "patient_id", "mbi", "billing_npi", "service_month",
            "date_of_service", "place_of_service", "cpt", "units", "minutes_counted", "dx1", "dx2", "dx3", "dx4",
            "charge_amount", "expected_payment", "family", "runner_up_family", "runner_up_payment", "rule_set"};
    public static final String[] EXCEPTIONS_HEADER = {"patient_id", "service_month", "reason_code", "detail"};
    public static final String[] EVIDENCE_HEADER = {"entry_id", "patient_id", "claim_id", "counted_as", "reason", "minutes"};

    /** RFC 4180 quoting, LF line ends. */
    static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private ExportFiles() {
    }

    /** Where a published close lives: {@code <out>/<M>/} for revision 1, {@code <out>/<M>/revision-N/} after. */
    public static Path publishedDir(Path outputDir, YearMonth month, int revision) {
        Path monthDir = outputDir.resolve(month.toString());
        return revision == 1 ? monthDir : monthDir.resolve("revision-" + revision);
    }

    /** Where a close writes until it publishes; fixed per month and revision so a restart finds its files. */
    public static Path stagingDir(Path outputDir, YearMonth month, int revision) {
        return outputDir.resolve(".staging").resolve(month + "-revision-" + revision);
    }

    /**
     * Where one patient range of a close writes its part of the files, beside the staging directory (not in it:
     * the staging directory becomes the published one, and the parts are only deleted once it has).
     */
    public static Path rangeStagingDir(Path outputDir, YearMonth month, int revision, int range) {
        return outputDir.resolve(".staging").resolve(month + "-revision-" + revision + ".range-" + range);
    }

    /** One CSV record without its line end. Prints into a StringBuilder: CSVFormat.format() builds a CSVPrinter per call. */
    static String line(Object... values) {
        StringBuilder line = new StringBuilder(128);
        try {
            for (int i = 0; i < values.length; i++) {
                String value = values[i] == null ? "" : values[i].toString();
                if (value.isEmpty() && i > 0) {
                    line.append(','); // an empty field after the first is printed empty, as commons-csv prints it
                }
                else if (plain(value)) {
                    // ids, codes, dates, amounts: nothing to quote, and most of ten million evidence lines are only these
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(value);
                }
                else {
                    CSV.print(value, line, i == 0);
                }
            }
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex); // a StringBuilder does not fail
        }
        return line.toString();
    }

    /** True when commons-csv would print the value as it is: letters, digits and . _ - : only, not empty. */
    private static boolean plain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
