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

    /** One CSV record without its line end. */
    static String line(Object... values) {
        StringBuilder line = new StringBuilder(128);
        appendFields(line, values);
        return line.toString();
    }

    /** One CSV record and its line end, appended to {@code text} (a chunk's worth of lines). */
    static void appendLine(StringBuilder text, Object... values) {
        appendFields(text, values);
        text.append('\n');
    }

    /** Prints into a StringBuilder: CSVFormat.format() builds a CSVPrinter per call. */
    private static void appendFields(StringBuilder line, Object... values) {
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
    }

    /**
     * An evidence line (header {@link #EVIDENCE_HEADER}) and its line end, appended to {@code text}. The patient and
     * claim ids come as {@link #field fields}, made once per patient-month; the codes and the minutes never need
     * quoting, so only the entry id is checked here (ten million lines a month).
     */
    static void appendEvidenceLine(StringBuilder text, String entryId, String patientField, String claimField, String countedAs,
            String reason, String minutes) {
        appendFields(text, entryId);
        text.append(',').append(patientField).append(',').append(claimField).append(',').append(countedAs).append(',')
                .append(reason).append(',').append(minutes).append('\n');
    }

    /** {@code value} as a field after the first of a record, quoted as commons-csv would quote it (an empty value stays empty). */
    static String field(String value) {
        if (value.isEmpty() || plain(value)) {
            return value;
        }
        StringBuilder field = new StringBuilder(value.length() + 4);
        try {
            CSV.print(value, field, true); // as the first field: no delimiter before it; quoted the same way but for emptiness
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex); // a StringBuilder does not fail
        }
        return field.toString();
    }

    /** Characters commons-csv prints without quoting: letters, digits and . _ - : */
    private static final boolean[] PLAIN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            PLAIN[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == ':';
        }
    }

    /** True when commons-csv would print the value as it is: letters, digits and . _ - : only, not empty. */
    private static boolean plain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !PLAIN[c]) {
                return false;
            }
        }
        return true;
    }
}
