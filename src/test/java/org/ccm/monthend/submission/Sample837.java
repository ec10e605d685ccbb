package org.ccm.monthend.submission;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.ccm.monthend.submission.Claim837.Address;
import org.ccm.monthend.submission.Claim837.BillingProvider;
import org.ccm.monthend.submission.Claim837.Claim;
import org.ccm.monthend.submission.Claim837.Envelope;
import org.ccm.monthend.submission.Claim837.Header;
import org.ccm.monthend.submission.Claim837.Line;
import org.ccm.monthend.submission.Claim837.Parties;
import org.ccm.monthend.submission.Claim837.Rendering;
import org.ccm.monthend.submission.Claim837.Subscriber;

/** A synthetic interchange: two practices, three claims (one with an add-on line). */
final class Sample837 {

    static final Header HEADER = new Header(42, LocalDateTime.of(2026, 11, 28, 9, 5),
            new Envelope("ZZ", "CCMSUBMITTER", "ZZ", "MACRECEIVER", "CCMSUBMITTER", "MACRECEIVER", 'T'),
            new Parties("Synthetic Billing Office", "ETIN0001", "Ann Contact", "5555550100", "Synthetic MAC", "MAC01",
                    "Medicare Part B", "00882"));

    static final BillingProvider NORTH = new BillingProvider("PR1", "North Synthetic Clinic", "1234567893", "123456789",
            new Address("100 Main Street", "Suite 2", "Springfield", "IL", "627011234"), "207Q00000X");
    static final BillingProvider SOUTH = new BillingProvider("PR2", "South Synthetic Clinic", "1987654328", "987654321",
            new Address("9 Oak Avenue", null, "Riverton", "WY", "825011111"), "207R00000X");

    private static final Rendering DOCTOR = new Rendering("1543210987", "Synthetic", "Dana", "207Q00000X");
    private static final LocalDate DOS = LocalDate.of(2026, 10, 31);

    private Sample837() {
    }

    static Claim claim(String id, String lastName, BigDecimal... charges) {
        List<Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < charges.length; i++) {
            lines.add(new Line(i + 1, i == 0 ? "99490" : "99439", 1, charges[i], DOS));
        }
        return new Claim(id, id, new Subscriber(lastName, "Pat", "1EG4TE5MK73",
                new Address("12 Elm Road", null, "Springfield", "IL", "627019876"), LocalDate.of(1950, 1, 2), "F"),
                "11", 1, null, List.of("E11.9", "I10"), DOCTOR, lines);
    }

    static byte[] interchange() throws Exception {
        return interchange(HEADER, Interchange837Writer.Checks.ENVELOPE);
    }

    static byte[] interchange(Header header, Interchange837Writer.Checks checks) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interchange837Writer writer = Interchange837Writer.open(out, header, checks)) {
            writer.provider(NORTH);
            writer.claim(claim("CCM-202610-P001", "Alpha", new BigDecimal("66.13")));
            writer.claim(claim("CCM-202610-P002", "Beta", new BigDecimal("66.13"), new BigDecimal("48.10")));
            writer.provider(SOUTH);
            writer.claim(claim("CCM-202610-P003", "Gamma", new BigDecimal("66.13")));
        }
        return out.toByteArray();
    }
}
