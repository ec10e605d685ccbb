package org.ccm.monthend.export;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.CountedAs;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.EntryEvidence;
import org.ccm.monthend.billing.EntryReason;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.ReasonCode;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The running figures of summary.json, kept in the decide step's ExecutionContext: saved with every
 * chunk in the chunk's transaction, restored on restart, so they always describe exactly the committed
 * lines of the staging files, without reading ten million evidence rows back. Keys are dotted paths of
 * the summary ("claims.codes.99439.units"); counts are whole numbers, amounts decimals.
 */
final class ExportTally {

    private static final String COUNT = "tally.count.";
    private static final String AMOUNT = "tally.amount.";

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, BigDecimal> amounts = new TreeMap<>();

    // per time entry: plain arrays, not map lookups on built strings (ten million entries a month)
    private final long[] countedAs = new long[CountedAs.values().length];
    private final BigDecimal[] minutes = zeros(CountedAs.values().length);
    private final long[] reasons = new long[EntryReason.values().length];
    private long onClaims;

    // per patient-month and claim line: counters by enum and by code, folded into the keyed figures at each save
    // instead of a map merge on a built string per figure (seven per claim line at 1.1M lines)
    private long patientMonths;
    private final long[] families = new long[Family.values().length];
    private final long[] exceptionReasons = new long[ReasonCode.values().length];
    private long lines;
    private BigDecimal chargeTotal = BigDecimal.ZERO;
    private BigDecimal expectedTotal = BigDecimal.ZERO;
    private final Map<String, CodeFigures> codes = new HashMap<>();

    void add(Decision decision) {
        Claim claim = decision.claim();
        patientMonths++;
        if (claim != null) {
            families[claim.family().ordinal()]++;
            for (ClaimLine line : claim.lines()) {
                lines++;
                codes.computeIfAbsent(line.cpt(), CodeFigures::new).add(line);
                chargeTotal = chargeTotal.add(line.chargeAmount());
                expectedTotal = expectedTotal.add(line.expectedPayment());
            }
        }
        else {
            exceptionReasons[decision.notBilled().reasonCode().ordinal()]++;
        }
        for (EntryEvidence entry : decision.evidence()) {
            int as = entry.countedAs().ordinal();
            countedAs[as]++;
            minutes[as] = minutes[as].add(entry.minutes());
            if (entry.reason() != null) {
                reasons[entry.reason().ordinal()]++;
            }
            if (entry.onClaim()) {
                onClaims++;
            }
        }
    }

    /**
     * Adds the per-claim counters into the keyed figures and starts them again from zero: a key appears once the
     * first of its kind was added, as if each claim had been counted under its key directly.
     */
    private void fold() {
        if (patientMonths > 0) {
            count("patient_months.total", patientMonths);
        }
        long claims = 0;
        for (Family family : Family.values()) {
            if (families[family.ordinal()] > 0) {
                claims += families[family.ordinal()];
                count("claims.families." + family.name(), families[family.ordinal()]);
            }
        }
        if (claims > 0) {
            count("patient_months.billed", claims);
            count("claims.claims", claims);
        }
        long excepted = 0;
        for (ReasonCode reason : ReasonCode.values()) {
            if (exceptionReasons[reason.ordinal()] > 0) {
                excepted += exceptionReasons[reason.ordinal()];
                count("exception_reasons." + reason.name(), exceptionReasons[reason.ordinal()]);
            }
        }
        if (excepted > 0) {
            count("patient_months.excepted", excepted);
        }
        if (lines > 0) {
            count("claims.lines", lines);
            amount("totals.charge_amount", chargeTotal);
            amount("totals.expected_payment", expectedTotal);
        }
        for (CodeFigures code : codes.values()) {
            String key = "claims.codes." + code.cpt;
            count(key + ".lines", code.lines);
            count(key + ".units", code.units);
            amount(key + ".charge_amount", code.charge);
            amount(key + ".expected_payment", code.expected);
        }
        patientMonths = 0;
        java.util.Arrays.fill(families, 0);
        java.util.Arrays.fill(exceptionReasons, 0);
        lines = 0;
        chargeTotal = BigDecimal.ZERO;
        expectedTotal = BigDecimal.ZERO;
        codes.clear();
    }

    void save(ExecutionContext context) {
        fold();
        counts.forEach((key, value) -> context.putLong(COUNT + key, value));
        amounts.forEach((key, value) -> context.putString(AMOUNT + key, value.toPlainString()));
        entryFigures().forEach((key, value) -> {
            if (value instanceof BigDecimal amount) {
                context.putString(AMOUNT + key, amount.toPlainString());
            }
            else {
                context.putLong(COUNT + key, (Long) value);
            }
        });
    }

    /** The per-entry figures under their summary keys; only what occurred, as the map-based figures. */
    private Map<String, Object> entryFigures() {
        Map<String, Object> figures = new TreeMap<>();
        long read = 0;
        for (CountedAs as : CountedAs.values()) {
            read += countedAs[as.ordinal()];
            if (countedAs[as.ordinal()] > 0) {
                figures.put("entries.counted_as." + as.name(), countedAs[as.ordinal()]);
                figures.put("entries.minutes." + as.name(), minutes[as.ordinal()]);
            }
        }
        for (EntryReason reason : EntryReason.values()) {
            if (reasons[reason.ordinal()] > 0) {
                figures.put("entries.not_on_claim_reasons." + reason.name(), reasons[reason.ordinal()]);
            }
        }
        figures.put("entries.read", read);
        figures.put("entries.on_claims", onClaims);
        return figures;
    }

    static ExportTally restore(ExecutionContext context) {
        return restore(List.of(context));
    }

    /** The figures of several contexts added up: one per patient range of a partitioned close. */
    static ExportTally restore(List<ExecutionContext> contexts) {
        ExportTally tally = new ExportTally();
        for (ExecutionContext context : contexts) {
            tally.addAll(context);
        }
        return tally;
    }

    private void addAll(ExecutionContext context) {
        for (Map.Entry<String, Object> entry : context.entrySet()) {
            if (entry.getKey().startsWith(COUNT)) {
                restoreCount(entry.getKey().substring(COUNT.length()), ((Number) entry.getValue()).longValue());
            }
            else if (entry.getKey().startsWith(AMOUNT)) {
                restoreAmount(entry.getKey().substring(AMOUNT.length()), new BigDecimal(entry.getValue().toString()));
            }
        }
    }

    private void restoreCount(String key, long value) {
        if (key.startsWith("entries.counted_as.")) {
            countedAs[CountedAs.valueOf(key.substring("entries.counted_as.".length())).ordinal()] += value;
        }
        else if (key.startsWith("entries.not_on_claim_reasons.")) {
            reasons[EntryReason.valueOf(key.substring("entries.not_on_claim_reasons.".length())).ordinal()] += value;
        }
        else if (key.equals("entries.on_claims")) {
            onClaims += value;
        }
        else if (!key.equals("entries.read")) {
            count(key, value);
        }
    }

    private void restoreAmount(String key, BigDecimal value) {
        if (key.startsWith("entries.minutes.")) {
            int as = CountedAs.valueOf(key.substring("entries.minutes.".length())).ordinal();
            minutes[as] = minutes[as].add(value);
        }
        else {
            amount(key, value);
        }
    }

    private static BigDecimal[] zeros(int length) {
        BigDecimal[] zeros = new BigDecimal[length];
        java.util.Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }

    /** The summary's figures as nested maps, with the reconciliations an auditor checks made explicit. */
    Map<String, Object> toSummary() {
        fold();
        Map<String, Object> summary = new TreeMap<>();
        for (String key : new String[] {"patient_months.total", "patient_months.billed", "patient_months.excepted",
                "claims.claims", "claims.lines"}) {
            put(summary, key, counts.getOrDefault(key, 0L));
        }
        counts.forEach((key, value) -> put(summary, key, value));
        amounts.forEach((key, value) -> put(summary, key, value));
        entryFigures().forEach((key, value) -> put(summary, key, value));
        long read = (Long) entryFigures().get("entries.read");
        long notCounted = countedAs[CountedAs.NOT_COUNTED.ordinal()];
        put(summary, "entries.counted", read - notCounted);
        put(summary, "entries.not_counted", notCounted);
        put(summary, "totals.charge_amount", amounts.getOrDefault("totals.charge_amount", BigDecimal.ZERO));
        put(summary, "totals.expected_payment", amounts.getOrDefault("totals.expected_payment", BigDecimal.ZERO));
        return summary;
    }

    private void count(String key, long by) {
        counts.merge(key, by, Long::sum);
    }

    private void amount(String key, BigDecimal by) {
        amounts.merge(key, by, BigDecimal::add);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new TreeMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }

    /** One CPT code's lines, units and amounts since the last fold. */
    private static final class CodeFigures {

        final String cpt;
        long lines;
        long units;
        BigDecimal charge = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;

        CodeFigures(String cpt) {
            this.cpt = cpt;
        }

        void add(ClaimLine line) {
            lines++;
            units += line.units();
            charge = charge.add(line.chargeAmount());
            expected = expected.add(line.expectedPayment());
        }
    }
}
