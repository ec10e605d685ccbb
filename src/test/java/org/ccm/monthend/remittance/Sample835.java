package org.ccm.monthend.remittance;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Small 835s built in the tests, with amounts worked out here: Medicare's 80% less 2%, the patient's 20%. */
final class Sample835 {

    private Sample835() {
    }

    /** A line paid as Medicare pays: allowed = charge, PR-2 = 20%, CO-253 = 2% of the rest, paid = the remainder. */
    static Era835.ServicePayment paidLine(int line, String cpt, String charge, String controlNumber, int sign) {
        BigDecimal c = new BigDecimal(charge);
        BigDecimal coinsurance = c.multiply(new BigDecimal("0.20")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal sequestration = c.subtract(coinsurance).multiply(new BigDecimal("0.02")).setScale(2, java.math.RoundingMode.HALF_UP);
        BigDecimal paid = c.subtract(coinsurance).subtract(sequestration);
        BigDecimal s = BigDecimal.valueOf(sign);
        return new Era835.ServicePayment(line, cpt, c.multiply(s), paid.multiply(s), 1, controlNumber + "-" + line,
                List.of(new Adjustment("CO", "253", sequestration.multiply(s), null), new Adjustment("PR", "2", coinsurance.multiply(s), null)),
                List.of());
    }

    static Era835.ServicePayment deniedLine(int line, String cpt, String charge, String controlNumber, String reason, String remark) {
        BigDecimal c = new BigDecimal(charge);
        return new Era835.ServicePayment(line, cpt, c, BigDecimal.ZERO.setScale(2), 1, controlNumber + "-" + line,
                List.of(new Adjustment("CO", reason, c, null)), remark == null ? List.of() : List.of(remark));
    }

    static Era835.ClaimPayment claim(String controlNumber, String status, List<Era835.ServicePayment> lines) {
        BigDecimal charge = BigDecimal.ZERO.setScale(2);
        BigDecimal paid = BigDecimal.ZERO.setScale(2);
        BigDecimal patient = BigDecimal.ZERO.setScale(2);
        for (Era835.ServicePayment l : lines) {
            charge = charge.add(l.charge());
            paid = paid.add(l.paid());
            for (Adjustment a : l.adjustments()) {
                if (a.group().equals("PR")) {
                    patient = patient.add(a.amount());
                }
            }
        }
        return new Era835.ClaimPayment(0, 0, controlNumber, status, charge, paid, patient, "2600000000001", List.of(), List.of(), lines);
    }

    /** One transaction with {@code claims} and, when not null, one PLB; BPR02 balances them. */
    static byte[] file(String trace, List<Era835.ClaimPayment> claims, Era835.ProviderAdjustment plb) throws Exception {
        BigDecimal total = claims.stream().map(Era835.ClaimPayment::paid).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        if (plb != null) {
            total = total.subtract(plb.amount());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interchange835Writer writer = Interchange835Writer.open(out,
                new Interchange835Writer.Envelope("RECEIVER01", "SUBMITTER01", 77, LocalDateTime.of(2026, 11, 20, 9, 30), 'T'))) {
            writer.transaction(new Interchange835Writer.Header(total, LocalDate.of(2026, 11, 20), trace, "1000000882", "Medicare Part B",
                    "00882", "Smoky Mountain Family Practice", "1842469565", "202576010"));
            for (Era835.ClaimPayment claim : claims) {
                writer.claim(claim, new Interchange835Writer.Patient("DOE", "JANE", "1EG4TE5MK73"), "11");
            }
            if (plb != null) {
                writer.providerAdjustment(plb);
            }
        }
        return out.toByteArray();
    }

    /** Two claims (one paid on two lines, one denied CO-16 with MA130) and an L6 interest adjustment. */
    static byte[] small() throws Exception {
        List<Era835.ClaimPayment> claims = new ArrayList<>();
        claims.add(claim("CCM-202610-P0000004", "1", List.of(paidLine(1, "99490", "66.13", "CCM-202610-P0000004", 1),
                paidLine(2, "99439", "48.10", "CCM-202610-P0000004", 1))));
        claims.add(claim("CCM-202610-P0000010", "4", List.of(deniedLine(1, "99490", "66.13", "CCM-202610-P0000010", "16", "MA130"))));
        return file("000000077010001", claims, new Era835.ProviderAdjustment("1842469565", LocalDate.of(2026, 12, 31), "L6", null,
                new BigDecimal("-1.11")));
    }
}
