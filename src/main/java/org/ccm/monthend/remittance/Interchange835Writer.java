package org.ccm.monthend.remittance;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamConstants.Standards;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import org.ccm.monthend.submission.X12Segments;

/**
 * Writes an X12 835 005010X221A1 interchange, streaming, with StAEDI (delimiters, and the envelope checked against
 * its X12 control schema as it is written): one ISA/IEA, one GS/GE (HP), one ST/SE per {@link #transaction}. The
 * caller gives the payment amount (BPR02) with the transaction's header, so it must know it beforehand. Use:
 * {@link #open}, then per transaction {@link #transaction}, {@link #claim}s, {@link #providerAdjustment}s, then
 * {@link #close}.
 */
public final class Interchange835Writer implements AutoCloseable {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);

    /** ISA/GS: the payer's (sender's) and the provider's (receiver's) ids, the control number, the time, T or P. */
    public record Envelope(String senderId, String receiverId, long controlNumber, LocalDateTime createdAt, char usage) {
    }

    /** BPR, TRN, N1*PR and N1*PE of one transaction. */
    public record Header(BigDecimal paymentAmount, LocalDate paymentDate, String traceNumber, String traceOriginator, String payerName,
            String payerId, String payeeName, String payeeNpi, String payeeTin) {
    }

    /** NM1*QC: the patient of a claim payment. */
    public record Patient(String lastName, String firstName, String mbi) {
    }

    private final EDIStreamWriter edi;
    private final Envelope envelope;
    private int transactions;
    private int segments;
    private boolean open;
    private String payeeNpi;
    private boolean inClaims;

    private Interchange835Writer(EDIStreamWriter edi, Envelope envelope) {
        this.edi = edi;
        this.envelope = envelope;
    }

    public static Interchange835Writer open(OutputStream out, Envelope envelope) throws EDIStreamException {
        EDIOutputFactory factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        EDIStreamWriter edi = factory.createEDIStreamWriter(out, "US-ASCII");
        try {
            edi.setControlSchema(SchemaFactory.newFactory().getControlSchema(Standards.X12, new String[] {"00501"}));
        }
        catch (EDISchemaException ex) {
            throw new IllegalStateException("StAEDI has no X12 00501 control schema", ex);
        }
        Interchange835Writer writer = new Interchange835Writer(edi, envelope);
        edi.startInterchange();
        writer.outside("ISA", "00", " ".repeat(10), "00", " ".repeat(10), "ZZ", pad(envelope.senderId(), 15), "ZZ",
                pad(envelope.receiverId(), 15), YYMMDD.format(envelope.createdAt()), HHMM.format(envelope.createdAt()), "^", "00501",
                writer.isa13(), "0", String.valueOf(envelope.usage()), ":");
        writer.outside("GS", "HP", envelope.senderId(), envelope.receiverId(), CCYYMMDD.format(envelope.createdAt()),
                HHMM.format(envelope.createdAt()), Long.toString(envelope.controlNumber()), "X", Remittance835Reader.VERSION);
        return writer;
    }

    /** Starts a transaction (ST, BPR, TRN, DTM*405, 1000A payer, 1000B payee), ending the one before. */
    public void transaction(Header header) throws EDIStreamException {
        endTransaction();
        transactions++;
        segments = 0;
        open = true;
        inClaims = false;
        payeeNpi = header.payeeNpi();
        segment("ST", "835", String.format(Locale.ROOT, "%04d", transactions));
        String date = CCYYMMDD.format(header.paymentDate());
        if (header.paymentAmount().signum() == 0) {
            segment("BPR", "H", amount(header.paymentAmount()), "C", "NON", "", "", "", "", "", "", "", "", "", "", "", date);
        }
        else {
            segment("BPR", "I", amount(header.paymentAmount()), "C", "ACH", "CCP", "01", "011000015", "DA", "000123456", "1" + pad9(header.payerId()),
                    "", "01", "021000021", "DA", "000987654", date);
        }
        segment("TRN", "1", header.traceNumber(), header.traceOriginator());
        segment("DTM", "405", date);
        segment("N1", "PR", name(header.payerName(), 60), "XV", header.payerId());
        segment("N3", "PO BOX 1000");
        segment("N4", "SPRINGFIELD", "IL", "627010000");
        segment("PER", "BL", "EDI SUPPORT", "TE", "8005550199");
        segment("N1", "PE", name(header.payeeName(), 60), "XX", header.payeeNpi());
        segment("REF", "TJ", header.payeeTin());
    }

    /** One claim payment (2100, with its 2110 service lines). The first opens the LX*1 header loop (2000). */
    public void claim(Era835.ClaimPayment claim, Patient patient, String placeOfService) throws EDIStreamException {
        if (!inClaims) {
            segment("LX", "1");
            inClaims = true;
        }
        segment("CLP", claim.controlNumber(), claim.statusCode(), amount(claim.charge()), amount(claim.paid()),
                claim.patientResponsibility().signum() == 0 ? "" : amount(claim.patientResponsibility()), "MB",
                claim.payerClaimNumber() == null ? "" : claim.payerClaimNumber(), placeOfService, "1");
        cas(claim.adjustments());
        segment("NM1", "QC", "1", name(patient.lastName(), 60), name(patient.firstName(), 35), "", "", "", "MI", patient.mbi());
        if (!claim.remarks().isEmpty()) {
            String[] moa = new String[2 + Math.min(5, claim.remarks().size())];
            moa[0] = "";
            moa[1] = "";
            for (int i = 0; i < moa.length - 2; i++) {
                moa[i + 2] = claim.remarks().get(i);
            }
            segment("MOA", moa);
        }
        for (Era835.ServicePayment line : claim.lines()) {
            edi.writeStartSegment("SVC");
            segments++;
            edi.writeStartElement().writeComponent("HC").writeComponent(line.cpt()).endElement();
            edi.writeElement(amount(line.charge()));
            edi.writeElement(amount(line.paid()));
            if (line.units() != 1) {
                edi.writeEmptyElement();
                edi.writeElement(Integer.toString(line.units()));
            }
            edi.writeEndSegment();
            cas(line.adjustments());
            if (line.lineControlNumber() != null) {
                segment("REF", "6R", line.lineControlNumber());
            }
            segment("AMT", "B6", amount(line.allowed()));
            for (String remark : line.remarks()) {
                segment("LQ", "HE", remark);
            }
        }
    }

    /** A PLB adjustment of the transaction (after its claims). */
    public void providerAdjustment(Era835.ProviderAdjustment adjustment) throws EDIStreamException {
        edi.writeStartSegment("PLB");
        segments++;
        edi.writeElement(adjustment.providerId());
        edi.writeElement(CCYYMMDD.format(adjustment.fiscalPeriod()));
        if (adjustment.reference() == null) {
            edi.writeElement(adjustment.reason());
        }
        else {
            edi.writeStartElement().writeComponent(adjustment.reason()).writeComponent(adjustment.reference()).endElement();
        }
        edi.writeElement(amount(adjustment.amount()));
        edi.writeEndSegment();
    }

    public String payeeNpi() {
        return payeeNpi;
    }

    private void cas(java.util.List<Adjustment> adjustments) throws EDIStreamException {
        // one CAS per group, up to six reasons each
        java.util.Map<String, java.util.List<Adjustment>> byGroup = new java.util.LinkedHashMap<>();
        for (Adjustment a : adjustments) {
            byGroup.computeIfAbsent(a.group(), g -> new java.util.ArrayList<>()).add(a);
        }
        for (var entry : byGroup.entrySet()) {
            java.util.List<Adjustment> all = entry.getValue();
            for (int from = 0; from < all.size(); from += 6) {
                java.util.List<String> elements = new java.util.ArrayList<>();
                elements.add(entry.getKey());
                for (Adjustment a : all.subList(from, Math.min(all.size(), from + 6))) {
                    elements.add(a.reason());
                    elements.add(amount(a.amount()));
                    elements.add(a.quantity() == null ? "" : a.quantity().stripTrailingZeros().toPlainString());
                }
                segment("CAS", elements.toArray(String[]::new));
            }
        }
    }

    private void endTransaction() throws EDIStreamException {
        if (open) {
            segment("SE", Integer.toString(segments + 1), String.format(Locale.ROOT, "%04d", transactions));
            open = false;
        }
    }

    @Override
    public void close() throws EDIStreamException {
        endTransaction();
        outside("GE", Integer.toString(transactions), Long.toString(envelope.controlNumber()));
        outside("IEA", "1", isa13());
        edi.endInterchange();
        edi.close();
    }

    private String isa13() {
        return String.format(Locale.ROOT, "%09d", envelope.controlNumber());
    }

    private void segment(String tag, String... elements) throws EDIStreamException {
        segments++;
        outside(tag, elements);
    }

    private void outside(String tag, String... elements) throws EDIStreamException {
        X12Segments.write(edi, tag, elements);
    }

    static String amount(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String pad9(String id) {
        String digits = id.replaceAll("[^0-9]", "");
        return String.format(Locale.ROOT, "%9s", digits.length() > 9 ? digits.substring(0, 9) : digits).replace(' ', '0');
    }

    static String name(String value, int max) {
        if (value == null || value.isBlank()) {
            return "UNKNOWN";
        }
        String clean = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9 .,'&/()#-]", " ").replaceAll(" {2,}", " ").strip().toUpperCase(Locale.ROOT);
        return clean.length() <= max ? clean : clean.substring(0, max).strip();
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }
}
