package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.billing.Claim;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.CountedAs;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.EntryEvidence;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.NotBilled;
import org.ccm.monthend.billing.ReasonCode;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * summary.json's figures as the tally keeps them between chunks: counted per claim and line, saved into the step's
 * context at every chunk (several times over, as a step does), restored after a restart and added up over ranges.
 * The expected figures are worked out by hand from the decisions below.
 */
class ExportTallyTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 11);

    @Test
    void theSummaryCountsEveryClaimLineAndExceptionOnceHoweverOftenTheTallyIsSaved() {
        ExportTally tally = new ExportTally();
        ExecutionContext context = new ExecutionContext();
        tally.add(billed("P1", Family.NON_COMPLEX, line(1, "99490", 1, "64.00", "60.49"), line(2, "99439", 2, "96.00", "94.00")));
        tally.add(notBilled("P2", ReasonCode.NO_CONSENT));
        tally.save(context);
        tally.save(context); // a chunk with nothing in it: saving again must not count anything twice
        tally.add(billed("P3", Family.COMPLEX, line(1, "99487", 1, "131.00", "131.65")));
        tally.add(billed("P4", Family.NON_COMPLEX, line(1, "99490", 1, "64.00", "60.49")));
        tally.add(notBilled("P5", ReasonCode.NO_CONSENT));
        tally.add(notBilled("P6", ReasonCode.NOT_ENROLLED));
        tally.save(context);

        Map<String, Object> summary = ExportTally.restore(context).toSummary();

        assertThat(at(summary, "patient_months.total")).isEqualTo(6L);
        assertThat(at(summary, "patient_months.billed")).isEqualTo(3L);
        assertThat(at(summary, "patient_months.excepted")).isEqualTo(3L);
        assertThat(at(summary, "claims.claims")).isEqualTo(3L);
        assertThat(at(summary, "claims.lines")).isEqualTo(4L);
        assertThat(at(summary, "claims.families.NON_COMPLEX")).isEqualTo(2L);
        assertThat(at(summary, "claims.families.COMPLEX")).isEqualTo(1L);
        assertThat(at(summary, "claims.codes.99490.lines")).isEqualTo(2L);
        assertThat(at(summary, "claims.codes.99439.units")).isEqualTo(2L);
        assertThat(at(summary, "claims.codes.99490.charge_amount")).isEqualTo(new BigDecimal("128.00"));
        assertThat(at(summary, "claims.codes.99487.expected_payment")).isEqualTo(new BigDecimal("131.65"));
        assertThat(at(summary, "totals.charge_amount")).isEqualTo(new BigDecimal("355.00"));
        assertThat(at(summary, "totals.expected_payment")).isEqualTo(new BigDecimal("346.63"));
        assertThat(at(summary, "exception_reasons.NO_CONSENT")).isEqualTo(2L);
        assertThat(at(summary, "exception_reasons.NOT_ENROLLED")).isEqualTo(1L);
        assertThat(at(summary, "entries.read")).isEqualTo(6L);
        assertThat(at(summary, "entries.minutes.STAFF")).isEqualTo(new BigDecimal("122.50"));
        // codes and reasons that never occurred are not in the summary at all
        assertThat(keys(summary, "claims.codes")).containsExactlyInAnyOrder("99490", "99439", "99487");
        assertThat(keys(summary, "exception_reasons")).containsExactlyInAnyOrder("NO_CONSENT", "NOT_ENROLLED");
    }

    @Test
    void aRestoredTallyGoesOnCountingAndRangesAddUp() {
        ExportTally first = new ExportTally();
        ExecutionContext range0 = new ExecutionContext();
        first.add(billed("P1", Family.NON_COMPLEX, line(1, "99490", 1, "64.00", "60.49")));
        first.save(range0);
        ExportTally resumed = ExportTally.restore(range0); // a restart of range 0 after its first chunk
        resumed.add(billed("P2", Family.NON_COMPLEX, line(1, "99490", 1, "64.00", "60.49")));
        resumed.save(range0);
        ExportTally other = new ExportTally();
        ExecutionContext range1 = new ExecutionContext();
        other.add(notBilled("P9", ReasonCode.NO_CONSENT));
        other.save(range1);

        Map<String, Object> summary = ExportTally.restore(List.of(range0, range1)).toSummary();

        assertThat(at(summary, "patient_months.total")).isEqualTo(3L);
        assertThat(at(summary, "claims.codes.99490.lines")).isEqualTo(2L);
        assertThat(at(summary, "claims.codes.99490.expected_payment")).isEqualTo(new BigDecimal("120.98"));
        assertThat(at(summary, "totals.charge_amount")).isEqualTo(new BigDecimal("128.00"));
        assertThat(at(summary, "exception_reasons.NO_CONSENT")).isEqualTo(1L);
    }

    private static Decision billed(String patientId, Family family, ClaimLine... lines) {
        Claim claim = new Claim(Claim.idFor(patientId, MONTH), patientId, "1EG4TE5MK73", "1234567893", MONTH, MONTH.atEndOfMonth(),
                "11", family, List.of(lines), List.of("E11.9", "I10"), new BigDecimal("45.00"), null, null, "2026");
        return new Decision(patientId, MONTH, claim, null, List.of(evidence(patientId)), new BigDecimal("20.42"), BigDecimal.ZERO);
    }

    private static Decision notBilled(String patientId, ReasonCode reason) {
        return new Decision(patientId, MONTH, null, new NotBilled(reason, "synthetic"), List.of(evidence(patientId)),
                new BigDecimal("20.42"), BigDecimal.ZERO);
    }

    /** One entry per patient-month, with minutes of its own (summed: 3 x 20.00 + 2 x 20.25 + 22.00 = 122.50). */
    private static EntryEvidence evidence(String patientId) {
        BigDecimal minutes = switch (patientId) {
            case "P1", "P2", "P3" -> new BigDecimal("20.00");
            case "P4", "P5" -> new BigDecimal("20.25");
            default -> new BigDecimal("22.00");
        };
        return new EntryEvidence("E-" + patientId, CountedAs.STAFF, null, minutes, patientId.equals("P1"));
    }

    private static ClaimLine line(int number, String cpt, int units, String charge, String expected) {
        return new ClaimLine(number, cpt, units, new BigDecimal(charge), new BigDecimal(expected));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> keys(Map<String, Object> summary, String path) {
        return ((Map<String, Object>) at(summary, path)).keySet();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> summary, String path) {
        Object node = summary;
        for (String part : path.split("\\.")) {
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }
}
