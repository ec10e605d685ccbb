package org.ccm.monthend.preview;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.core.Checksums;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * preview-summary.json, counted back from preview.csv itself (streamed, so memory does not grow with the
 * practice): patient-months, how many reach each family now, how many are at risk, how many a gate
 * blocks (by gate), the expected payment reachable now, and the SHA-256 of preview.csv.
 */
final class PreviewSummary {

    static final String CSV = "preview.csv";
    static final String JSON_FILE = "preview-summary.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private long patientMonths;
    private final Map<String, Long> reachable = new LinkedHashMap<>();
    private long atRisk;
    private long belowThreshold;
    private final Map<String, Long> blocked = new TreeMap<>();
    private BigDecimal expected = BigDecimal.ZERO.setScale(2);

    private PreviewSummary() {
        for (Family family : Family.values()) {
            reachable.put(family.name(), 0L);
        }
        reachable.put("none", 0L);
    }

    /** Writes preview-summary.json into {@code dir} beside preview.csv; returns what it wrote. */
    static Map<String, Object> write(Path dir, Map<String, Object> run) throws IOException {
        PreviewSummary s = new PreviewSummary();
        Path csv = dir.resolve(CSV);
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord row : parser) {
                s.add(row);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>(run);
        summary.put("patient_months", s.patientMonths);
        summary.put("reachable", s.reachable);
        summary.put("at_risk", s.atRisk);
        summary.put("below_threshold", s.belowThreshold);
        summary.put("blocked_by_gate", s.blocked);
        summary.put("expected_payment_reachable", s.expected);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("sha256", Checksums.sha256(csv));
        file.put("bytes", Files.size(csv));
        summary.put("files", Map.of(CSV, file));
        Files.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(summary) + "\n");
        return summary;
    }

    private void add(CSVRecord row) {
        patientMonths++;
        String family = row.get("reachable_family");
        reachable.merge(family.isEmpty() ? "none" : family, 1L, Long::sum);
        if (Boolean.parseBoolean(row.get("at_risk"))) {
            atRisk++;
        }
        String gate = row.get("first_failing_gate");
        if (!gate.isEmpty()) {
            blocked.merge(gate, 1L, Long::sum);
        }
        else if (family.isEmpty()) {
            belowThreshold++;
        }
        expected = expected.add(new BigDecimal(row.get("expected_payment")));
    }
}
