package org.ccm.monthend.export;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The figures of summary.json, read back from the export files themselves (not from counters kept in
 * memory), so they are right after any restart and reconcile with what an auditor can recount:
 * entries read = counted + not counted; patient-months = billed + excepted.
 */
final class ExportSummary {

    private long claims;
    private long claimLines;
    private BigDecimal charge = BigDecimal.ZERO;
    private BigDecimal expected = BigDecimal.ZERO;
    private final Map<String, CodeTotals> codes = new TreeMap<>();
    private final Map<String, Long> families = new TreeMap<>();
    private long excepted;
    private final Map<String, Long> reasons = new TreeMap<>();
    private long entries;
    private long onClaims;
    private final Map<String, Long> countedAs = new TreeMap<>();
    private final Map<String, BigDecimal> minutes = new TreeMap<>();
    private final Map<String, Long> entryReasons = new TreeMap<>();

    private ExportSummary() {
    }

    static Map<String, Object> of(Path dir) throws IOException {
        ExportSummary s = new ExportSummary();
        forEach(dir.resolve(ExportFiles.CLAIMS), s::claimLine);
        forEach(dir.resolve(ExportFiles.EXCEPTIONS), s::exception);
        forEach(dir.resolve(ExportFiles.EVIDENCE), s::evidence);
        return s.toMap();
    }

    private void claimLine(CSVRecord line) {
        claimLines++;
        BigDecimal lineCharge = new BigDecimal(line.get("charge_amount"));
        BigDecimal linePayment = new BigDecimal(line.get("expected_payment"));
        charge = charge.add(lineCharge);
        expected = expected.add(linePayment);
        if ("1".equals(line.get("line"))) {
            claims++;
            families.merge(line.get("family"), 1L, Long::sum);
        }
        CodeTotals code = codes.computeIfAbsent(line.get("cpt"), c -> new CodeTotals());
        code.lines++;
        code.units += Long.parseLong(line.get("units"));
        code.charge = code.charge.add(lineCharge);
        code.expected = code.expected.add(linePayment);
    }

    private void exception(CSVRecord row) {
        excepted++;
        reasons.merge(row.get("reason_code"), 1L, Long::sum);
    }

    private void evidence(CSVRecord row) {
        entries++;
        String as = row.get("counted_as");
        countedAs.merge(as, 1L, Long::sum);
        minutes.merge(as, new BigDecimal(row.get("minutes")), BigDecimal::add);
        if (!row.get("reason").isEmpty()) {
            entryReasons.merge(row.get("reason"), 1L, Long::sum);
        }
        if (!row.get("claim_id").isEmpty()) {
            onClaims++;
        }
    }

    private Map<String, Object> toMap() {
        long notCounted = countedAs.getOrDefault("NOT_COUNTED", 0L);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("patient_months", ordered("total", claims + excepted, "billed", claims, "excepted", excepted));
        Map<String, Object> entryCounts = ordered("read", entries, "counted", entries - notCounted,
                "not_counted", notCounted, "on_claims", onClaims);
        entryCounts.put("counted_as", countedAs);
        entryCounts.put("minutes", minutes);
        entryCounts.put("not_on_claim_reasons", entryReasons);
        summary.put("entries", entryCounts);
        Map<String, Object> codeTotals = new TreeMap<>();
        codes.forEach((cpt, t) -> codeTotals.put(cpt, ordered("lines", t.lines, "units", t.units,
                "charge_amount", t.charge, "expected_payment", t.expected)));
        Map<String, Object> claimCounts = ordered("claims", claims, "lines", claimLines);
        claimCounts.put("families", families);
        claimCounts.put("codes", codeTotals);
        summary.put("claims", claimCounts);
        summary.put("exception_reasons", reasons);
        summary.put("totals", ordered("charge_amount", charge, "expected_payment", expected));
        return summary;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Reads a whole export file, header skipped; the parser is closed before returning. */
    private static void forEach(Path file, Consumer<CSVRecord> action) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            parser.forEach(action);
        }
    }

    private static final class CodeTotals {
        long lines;
        long units;
        BigDecimal charge = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
    }
}
