package org.ccm.monthend.submission;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Standards;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import org.ccm.monthend.submission.Claim837.Address;
import org.ccm.monthend.submission.Claim837.BillingProvider;
import org.ccm.monthend.submission.Claim837.Claim;
import org.ccm.monthend.submission.Claim837.Header;
import org.ccm.monthend.submission.Claim837.Line;

/**
 * Writes one X12 837P 005010X222A1 interchange, streaming: one ISA/IEA, one GS/GE, and one ST/SE per billing
 * provider and per {@link #CLAIMS_PER_TRANSACTION} claims (the TR3's recommended limit). StAEDI writes the
 * delimiters; opened with {@link Checks#ENVELOPE} it also checks every envelope segment and element against its X12
 * control schema as it goes, which costs about a third of the writing time of a large interchange, so production
 * writes with {@link Checks#NONE} (the bytes are the same; the tests check every interchange they write with the four
 * layers of {@code Interchange837Check}). The segment counts (SE01, GE01, IEA01) and the HL numbering are kept here.
 * Use: {@link #open}, then {@link #provider} and {@link #claim} in provider order, then {@link #close}.
 */
public final class Interchange837Writer implements AutoCloseable {

    /** Claims per transaction set: the TR3 recommends at most 5,000. */
    public static final int CLAIMS_PER_TRANSACTION = 5_000;
    static final String VERSION = "005010X222A1";

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);

    /** What StAEDI checks while it writes. */
    public enum Checks {
        /** The envelope (ISA/IEA, GS/GE, ST/SE) against StAEDI's X12 00501 control schema, element by element. */
        ENVELOPE,
        /** Nothing: the delimiters and the segment structure only. */
        NONE
    }

    private final EDIStreamWriter edi;
    private final Header header;
    private final String payerName;
    private final int claimsPerTransaction;
    private BillingProvider provider;
    private int transactions;
    private int segments;
    private int hl;
    private int claimsInTransaction;
    private long claims;

    private Interchange837Writer(EDIStreamWriter edi, Header header, int claimsPerTransaction) {
        this.edi = edi;
        this.header = header;
        this.claimsPerTransaction = claimsPerTransaction;
        this.payerName = name(header.parties().payerName(), 60);
    }

    /** Starts the interchange (ISA, GS) on {@code out}, StAEDI checking the envelope; one segment per line. */
    public static Interchange837Writer open(OutputStream out, Header header) throws EDIStreamException {
        return open(out, header, CLAIMS_PER_TRANSACTION, Checks.ENVELOPE);
    }

    /**
     * Starts the interchange on {@code out} with {@code checks}. StAEDI writes one byte at a time: give it a buffered
     * stream that does not synchronise each write (a {@link java.io.BufferedOutputStream} locks per byte).
     */
    public static Interchange837Writer open(OutputStream out, Header header, Checks checks) throws EDIStreamException {
        return open(out, header, CLAIMS_PER_TRANSACTION, checks);
    }

    static Interchange837Writer open(OutputStream out, Header header, int claimsPerTransaction) throws EDIStreamException {
        return open(out, header, claimsPerTransaction, Checks.ENVELOPE);
    }

    static Interchange837Writer open(OutputStream out, Header header, int claimsPerTransaction, Checks checks)
            throws EDIStreamException {
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        EDIStreamWriter edi = factory.createEDIStreamWriter(out, "US-ASCII");
        if (checks == Checks.ENVELOPE) {
            try {
                edi.setControlSchema(SchemaFactory.newFactory().getControlSchema(Standards.X12, new String[] {"00501"}));
            }
            catch (EDISchemaException ex) {
                throw new IllegalStateException("StAEDI has no X12 00501 control schema", ex);
            }
        }
        Interchange837Writer writer = new Interchange837Writer(edi, header, claimsPerTransaction);
        writer.startInterchange();
        return writer;
    }

    /** The claims that follow go under {@code next} (2000A): a new transaction set. */
    public void provider(BillingProvider next) throws EDIStreamException {
        if (provider != null) {
            endTransaction();
        }
        provider = next;
        startTransaction();
    }

    /** One claim of the current billing provider: its subscriber loop (2000B) with the claim (2300) and lines (2400). */
    public void claim(Claim claim) throws EDIStreamException {
        if (provider == null) {
            throw new IllegalStateException("provider(...) before the first claim");
        }
        if (claimsInTransaction == claimsPerTransaction) {
            endTransaction();
            startTransaction();
        }
        claimsInTransaction++;
        claims++;
        var subscriber = claim.subscriber();
        segment("HL", Integer.toString(++hl), "1", "22", "0");
        segment("SBR", "P", "18", "", "", "", "", "", "", "MB");
        segment("NM1", "IL", "1", name(subscriber.lastName(), 60), name(subscriber.firstName(), 35), "", "", "", "MI", subscriber.mbi());
        address(subscriber.address());
        segment("DMG", "D8", ccyymmdd(subscriber.birthDate()), subscriber.sex());
        segment("NM1", "PR", "2", payerName, "", "", "", "", "PI", header.parties().payerId());

        start("CLM");
        element(claim.controlNumber());
        element(amount(claim.totalCharge()));
        element("");
        element("");
        edi.writeStartElement().writeComponent(claim.placeOfService()).writeComponent("B")
                .writeComponent(Integer.toString(claim.frequency())).endElement();
        element("Y");
        element("A");
        element("Y");
        element("Y");
        end();
        if (claim.payerClaimNumber() != null) {
            segment("REF", "F8", claim.payerClaimNumber());
        }
        start("HI");
        for (int i = 0; i < claim.diagnoses().size(); i++) {
            edi.writeStartElement().writeComponent(i == 0 ? "ABK" : "ABF")
                    .writeComponent(claim.diagnoses().get(i).replace(".", "")).endElement();
        }
        end();
        var rendering = claim.rendering();
        segment("NM1", "82", "1", name(rendering.lastName(), 60), name(rendering.firstName(), 35), "", "", "", "XX", rendering.npi());
        if (rendering.taxonomy() != null) {
            segment("PRV", "PE", "PXC", rendering.taxonomy());
        }
        for (Line line : claim.lines()) {
            segment("LX", Integer.toString(line.line()));
            start("SV1");
            edi.writeStartElement().writeComponent("HC").writeComponent(line.cpt()).endElement();
            element(amount(line.charge()));
            element("UN");
            element(Integer.toString(line.units()));
            element(""); // place of service: the claim's (CLM05-1)
            element("");
            edi.writeStartElement();
            for (int pointer = 1; pointer <= Math.min(4, claim.diagnoses().size()); pointer++) {
                edi.writeComponent(Integer.toString(pointer));
            }
            edi.endElement();
            end();
            segment("DTP", "472", "D8", ccyymmdd(line.dateOfService()));
            segment("REF", "6R", lineControlNumber(claim, line));
        }
    }

    /** Claims written so far. */
    public long claims() {
        return claims;
    }

    /** REF*6R, the line item control number the 835 points back with: the claim's control number and the line (≤ 30). */
    static String lineControlNumber(Claim claim, Line line) {
        return claim.controlNumber() + "-" + line.line();
    }

    /** Ends the last transaction set, the group and the interchange. */
    @Override
    public void close() throws EDIStreamException {
        if (provider != null) {
            endTransaction();
        }
        String control = Long.toString(header.controlNumber());
        segmentOutside("GE", Integer.toString(transactions), control);
        segmentOutside("IEA", "1", isa13());
        edi.endInterchange();
        edi.close();
    }

    private void startInterchange() throws EDIStreamException {
        var envelope = header.envelope();
        edi.startInterchange();
        segmentOutside("ISA", "00", " ".repeat(10), "00", " ".repeat(10), envelope.senderQualifier(), pad(envelope.senderId(), 15),
                envelope.receiverQualifier(), pad(envelope.receiverId(), 15), YYMMDD.format(header.createdAt()),
                HHMM.format(header.createdAt()), "^", "00501", isa13(), "0", String.valueOf(envelope.usage()), ":");
        segmentOutside("GS", "HC", envelope.applicationSender(), envelope.applicationReceiver(), CCYYMMDD.format(header.createdAt()),
                HHMM.format(header.createdAt()), Long.toString(header.controlNumber()), "X", VERSION);
    }

    private void startTransaction() throws EDIStreamException {
        transactions++;
        segments = 0;
        hl = 0;
        claimsInTransaction = 0;
        var parties = header.parties();
        segment("ST", "837", stControl(), VERSION);
        segment("BHT", "0019", "00", Long.toString(header.controlNumber()), CCYYMMDD.format(header.createdAt()),
                HHMM.format(header.createdAt()), "CH");
        segment("NM1", "41", "2", name(parties.submitterName(), 60), "", "", "", "", "46", parties.submitterId());
        segment("PER", "IC", name(parties.contactName(), 60), "TE", parties.contactPhone());
        segment("NM1", "40", "2", name(parties.receiverName(), 60), "", "", "", "", "46", parties.receiverId());
        segment("HL", Integer.toString(++hl), "", "20", "1");
        segment("PRV", "BI", "PXC", provider.taxonomy());
        segment("NM1", "85", "2", name(provider.name(), 60), "", "", "", "", "XX", provider.npi());
        address(provider.address());
        segment("REF", "EI", provider.tin());
    }

    private void endTransaction() throws EDIStreamException {
        segment("SE", Integer.toString(segments + 1), stControl());
    }

    /** ST02: 4 to 9 digits, unique within the group. */
    private String stControl() {
        return String.format(Locale.ROOT, "%04d", transactions);
    }

    private String isa13() {
        return String.format(Locale.ROOT, "%09d", header.controlNumber());
    }

    private void address(Address address) throws EDIStreamException {
        if (address.line2() == null || address.line2().isBlank()) {
            segment("N3", name(address.line1(), 55));
        }
        else {
            segment("N3", name(address.line1(), 55), name(address.line2(), 55));
        }
        segment("N4", name(address.city(), 30), address.state(), address.postalCode());
    }

    /** A segment inside a transaction set: counted for SE01. Trailing empty elements are left out. */
    private void segment(String tag, String... elements) throws EDIStreamException {
        segments++;
        segmentOutside(tag, elements);
    }

    private void segmentOutside(String tag, String... elements) throws EDIStreamException {
        X12Segments.write(edi, tag, elements);
    }

    private void start(String tag) throws EDIStreamException {
        segments++;
        edi.writeStartSegment(tag);
    }

    private void element(String value) throws EDIStreamException {
        if (value.isEmpty()) {
            edi.writeEmptyElement();
        }
        else {
            edi.writeElement(value);
        }
    }

    private void end() throws EDIStreamException {
        edi.writeEndSegment();
    }

    /** X12 decimal (R): no exponent, no trailing zeros beyond the cents. */
    static String amount(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A date as CCYYMMDD (DTP03, DMG02), without a formatter: two of them per claim. */
    static String ccyymmdd(java.time.LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return CCYYMMDD.format(date);
        }
        return Integer.toString(year * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth());
    }

    /** Names in X12's basic character set, upper case, cut to the element's maximum length. */
    static String name(String value, int max) {
        if (value == null) {
            return "";
        }
        if (value.length() <= max && alreadyClean(value)) {
            // the common case, a name in basic characters already: no normalising, no regular expressions
            return value.toUpperCase(Locale.ROOT);
        }
        String clean = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9 .,'&/()#-]", " ").replaceAll(" {2,}", " ").strip().toUpperCase(Locale.ROOT);
        return clean.length() <= max ? clean : clean.substring(0, max).strip();
    }

    /** Only letters A-Z, digits and the basic special characters the cleaning keeps; no leading, trailing or double space. */
    private static boolean alreadyClean(String value) {
        int n = value.length();
        if (n == 0 || value.charAt(0) == ' ' || value.charAt(n - 1) == ' ') {
            return n == 0;
        }
        char previous = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean kept = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' && previous != ' ' || ".,'&/()#-".indexOf(c) >= 0;
            if (!kept) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }

}
