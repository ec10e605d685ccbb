package org.ccm.monthend.remittance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What an 835 transaction says, as {@link Remittance835Reader} hands it over: header, claims, provider adjustments. */
public final class Era835 {

    private Era835() {
    }

    /**
     * The transaction's header: its ordinal in the file and ST02, the interchange's ISA13, BPR02/04/16, TRN02/03,
     * the payer (N1*PR name, and its id from N104, else REF*2U, else TRN03).
     */
    public record Header(int transaction, String isa13, String st02, int segment, BigDecimal paymentAmount, String paymentMethod,
            LocalDate paymentDate, String traceNumber, String traceOriginator, String payerName, String payerId) {

        public String key() {
            return payerId + "-" + traceNumber;
        }
    }

    /** One CLP with its CAS, remarks (MOA) and service lines; {@code segment} is where it starts in the file (1 = ISA). */
    public record ClaimPayment(int ordinal, int segment, String controlNumber, String statusCode, BigDecimal charge, BigDecimal paid,
            BigDecimal patientResponsibility, String payerClaimNumber, List<Adjustment> adjustments, List<String> remarks,
            List<ServicePayment> lines) {

        public boolean reversal() {
            return "22".equals(statusCode);
        }

        public boolean denied() {
            return "4".equals(statusCode);
        }

        public boolean processed() {
            return List.of("1", "2", "3", "19", "20", "21").contains(statusCode);
        }
    }

    /** One SVC: procedure code, charge, paid, units, REF*6R, CAS and LQ*HE remark codes. */
    public record ServicePayment(int ordinal, String cpt, BigDecimal charge, BigDecimal paid, int units, String lineControlNumber,
            List<Adjustment> adjustments, List<String> remarks) {

        public BigDecimal adjusted() {
            return adjustments.stream().map(Adjustment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** paid + patient responsibility + sequestration (claim-lifecycle.md, "Details"). */
        public BigDecimal allowed() {
            return adjustments.stream().filter(Adjustment::allowed).map(Adjustment::amount).reduce(paid, BigDecimal::add);
        }

        /** Denied: nothing paid and adjusted by CO, OA or PI (other than CO-45 and CO-253). */
        public boolean denied() {
            return paid.signum() == 0 && adjustments.stream().anyMatch(Adjustment::denies);
        }
    }

    /** One PLB adjustment: provider, fiscal period date, reason (PLB03-1), reference (PLB03-2), amount. */
    public record ProviderAdjustment(String providerId, LocalDate fiscalPeriod, String reason, String reference, BigDecimal amount) {
    }
}
