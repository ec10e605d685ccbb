package org.ccm.monthend.submission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What an 837P interchange carries, as records in the order of the TR3's loops (claim-lifecycle.md, the segment
 * mapping). The writer takes them one claim at a time, so an interchange of 700,000 claims is never in memory.
 */
public final class Claim837 {

    private Claim837() {
    }

    /** A postal address: street (no PO box), city, 2-letter state, ZIP+4 as 9 digits. */
    public record Address(String line1, String line2, String city, String state, String postalCode) {
    }

    /** Who sends and who receives, from config/submission.yml. */
    public record Envelope(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
            String applicationSender, String applicationReceiver, char usage) {
    }

    /** 1000A, 1000B and 2010BB: the submitter (ETIN and contact), the receiver and the payer. */
    public record Parties(String submitterName, String submitterId, String contactName, String contactPhone,
            String receiverName, String receiverId, String payerName, String payerId) {
    }

    /** The interchange's own facts: its control number (ISA13, GS06; BHT03 too) and when it was made. */
    public record Header(long controlNumber, LocalDateTime createdAt, Envelope envelope, Parties parties) {
    }

    /** 2000A/2010AA: the practice the claims go under (group NPI, TIN, address, taxonomy). */
    public record BillingProvider(String practiceId, String name, String npi, String tin, Address address, String taxonomy) {
    }

    /** 2310B: the rendering practitioner (the patient's billing practitioner). */
    public record Rendering(String npi, String lastName, String firstName, String taxonomy) {
    }

    /** 2000B/2010BA: the patient as the Medicare subscriber. */
    public record Subscriber(String lastName, String firstName, String mbi, Address address, LocalDate birthDate, String sex) {
    }

    /** 2400: one service line. */
    public record Line(int line, String cpt, int units, BigDecimal charge, LocalDate dateOfService) {
    }

    /**
     * 2300: one claim.
     *
     * @param controlNumber CLM01, at most 20 characters
     * @param frequency 1 original, 7 replacement, 8 void
     * @param payerClaimNumber REF*F8 on replacements and voids, else null
     * @param diagnoses ICD-10-CM codes as stored (with or without the dot), the principal first, at most 4
     */
    public record Claim(String claimId, String controlNumber, Subscriber subscriber, String placeOfService, int frequency,
            String payerClaimNumber, List<String> diagnoses, Rendering rendering, List<Line> lines) {

        public BigDecimal totalCharge() {
            return lines.stream().map(Line::charge).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
