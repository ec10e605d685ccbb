package org.ccm.monthend.remittance;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

/**
 * Reads an X12 835 005010X221A1 file streaming with StAEDI's {@link EDIStreamReader} (which checks the envelope with
 * its X12 control schema: SE01 counts, ST02 = SE02, GS06 = GE02, ISA13 = IEA02) and hands each transaction's header,
 * claims and provider adjustments to a {@link Listener}, one claim at a time, so memory does not grow with the file.
 * A file that is not an 835 5010 or whose envelope is broken ends in {@link Refused} naming the segment; it never
 * names patient data (a claim is named by its ordinal and segment number).
 */
public final class Remittance835Reader {

    static final String VERSION = "005010X221A1";
    private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final List<String> ENVELOPE = List.of("ISA", "GS", "ST", "SE", "GE", "IEA");

    /** Receives what the file says, in order. */
    public interface Listener {

        void transaction(Era835.Header header);

        void claim(Era835.Header header, Era835.ClaimPayment claim);

        void providerAdjustment(Era835.Header header, Era835.ProviderAdjustment adjustment);

        void endTransaction(Era835.Header header);
    }

    /** The file is not an 835 5010, or cannot be read: the reason, without patient data. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    private final Listener listener;
    private int segmentNumber;
    private int transactions;
    private String isa13;
    private String st02;
    private int stSegment;
    private boolean version5010;
    // the header being read, then the one claims belong to
    private BigDecimal bprAmount;
    private String bprMethod;
    private LocalDate bprDate;
    private String trace;
    private String originator;
    private String payerName;
    private String payerN104;
    private String payerRef2U;
    private Era835.Header header;
    private String loop;
    // the claim being read
    private ClaimBuilder claim;
    private LineBuilder line;
    private int claimOrdinal;

    private Remittance835Reader(Listener listener) {
        this.listener = listener;
    }

    /** Reads {@code in} to its end, calling {@code listener}; throws {@link Refused} when it is not a readable 835 5010. */
    public static void read(InputStream in, Listener listener) {
        new Remittance835Reader(listener).run(in);
    }

    private void run(InputStream in) {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        try (EDIStreamReader reader = factory.createEDIStreamReader(in)) {
            List<String> elements = new ArrayList<>();
            List<String> composite = null;
            String tag = null;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements.clear();
                        elements.add(tag);
                        segmentNumber++;
                    }
                    case START_COMPOSITE -> {
                        place(elements, reader.getLocation().getElementPosition());
                        composite = new ArrayList<>();
                    }
                    case END_COMPOSITE -> {
                        elements.set(elements.size() - 1, String.join(":", composite));
                        composite = null;
                    }
                    case ELEMENT_DATA -> {
                        String text = reader.getText();
                        if (composite != null) {
                            int component = Math.max(1, reader.getLocation().getComponentPosition());
                            while (composite.size() < component) {
                                composite.add("");
                            }
                            composite.set(component - 1, text);
                        }
                        else {
                            place(elements, reader.getLocation().getElementPosition());
                            elements.set(elements.size() - 1, text);
                        }
                    }
                    case END_SEGMENT -> segment(elements);
                    case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR -> {
                        String where = reader.getLocation().getSegmentTag();
                        if (where != null && ENVELOPE.contains(where)) {
                            throw new Refused("the envelope is broken at segment " + segmentNumber + " (" + where
                                    + String.format(Locale.ROOT, "%02d", Math.max(0, reader.getLocation().getElementPosition())) + "): "
                                    + reader.getErrorType());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        catch (EDIStreamException ex) {
            throw new Refused("not a readable X12 interchange at segment " + Math.max(1, segmentNumber) + ": " + firstLine(ex.getMessage()));
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        if (transactions == 0) {
            throw new Refused("no 835 transaction in the file");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void place(List<String> elements, int position) {
        while (elements.size() <= position) {
            elements.add("");
        }
        while (elements.size() > position + 1) {
            elements.remove(elements.size() - 1);
        }
    }

    private void segment(List<String> s) {
        String tag = s.get(0);
        switch (tag) {
            case "ISA" -> isa13 = get(s, 13);
            case "GS" -> {
                if (!"HP".equals(get(s, 1)) || !get(s, 8).startsWith("005010X221")) {
                    throw new Refused("not an 835 5010: the functional group at segment " + segmentNumber + " is " + get(s, 1) + " "
                            + get(s, 8) + ", not HP 005010X221A1");
                }
                version5010 = true;
            }
            case "ST" -> {
                if (!"835".equals(get(s, 1))) {
                    throw new Refused("not an 835: the transaction at segment " + segmentNumber + " is a " + get(s, 1));
                }
                if (!version5010) {
                    throw new Refused("not an 835 5010: no HP 005010X221A1 functional group before segment " + segmentNumber);
                }
                transactions++;
                st02 = get(s, 2);
                stSegment = segmentNumber;
                bprAmount = null;
                bprMethod = null;
                bprDate = null;
                trace = null;
                originator = null;
                payerName = null;
                payerN104 = null;
                payerRef2U = null;
                header = null;
                loop = "header";
                claimOrdinal = 0;
            }
            case "BPR" -> {
                bprAmount = amount(s, 2, "BPR02");
                bprMethod = get(s, 4);
                bprDate = date(get(s, 16), "BPR16", true);
            }
            case "TRN" -> {
                trace = get(s, 2);
                originator = get(s, 3);
            }
            case "N1" -> {
                if ("PR".equals(get(s, 1))) {
                    loop = "1000A";
                    payerName = get(s, 2);
                    payerN104 = get(s, 4).isEmpty() ? null : get(s, 4);
                }
                else if ("PE".equals(get(s, 1))) {
                    loop = "1000B";
                }
            }
            case "REF" -> {
                if ("1000A".equals(loop) && "2U".equals(get(s, 1))) {
                    payerRef2U = get(s, 2);
                }
                else if (line != null && "6R".equals(get(s, 1))) {
                    line.control = get(s, 2);
                }
            }
            case "LX" -> {
                startHeader();
                finishClaim();
            }
            case "CLP" -> {
                startHeader();
                finishClaim();
                claim = new ClaimBuilder();
                claim.ordinal = ++claimOrdinal;
                claim.segment = segmentNumber;
                claim.control = get(s, 1);
                claim.status = get(s, 2);
                claim.charge = amount(s, 3, "CLP03");
                claim.paid = amount(s, 4, "CLP04");
                claim.patient = get(s, 5).isEmpty() ? BigDecimal.ZERO.setScale(2) : amount(s, 5, "CLP05");
                claim.payerClaim = get(s, 7).isEmpty() ? null : get(s, 7);
            }
            case "CAS" -> {
                List<Adjustment> into = line != null ? line.adjustments : claim != null ? claim.adjustments : null;
                if (into == null) {
                    throw new Refused("a CAS outside a claim at segment " + segmentNumber);
                }
                for (int i = 2; i <= 17; i += 3) {
                    if (get(s, i).isEmpty()) {
                        break;
                    }
                    into.add(new Adjustment(get(s, 1), get(s, i), amount(s, i + 1, "CAS" + String.format(Locale.ROOT, "%02d", i + 1)),
                            get(s, i + 2).isEmpty() ? null : amount(s, i + 2, "CAS" + String.format(Locale.ROOT, "%02d", i + 2))));
                }
            }
            case "MOA" -> {
                if (claim != null) {
                    for (int i = 3; i <= 7; i++) {
                        if (!get(s, i).isEmpty()) {
                            claim.remarks.add(get(s, i));
                        }
                    }
                }
            }
            case "SVC" -> {
                if (claim == null) {
                    throw new Refused("a service line outside a claim at segment " + segmentNumber);
                }
                finishLine();
                line = new LineBuilder();
                line.ordinal = claim.lines.size() + 1;
                String[] procedure = get(s, 1).split(":", -1);
                line.cpt = procedure.length > 1 ? procedure[1] : procedure[0];
                line.charge = amount(s, 2, "SVC02");
                line.paid = amount(s, 3, "SVC03");
                String units = get(s, 5);
                try {
                    line.units = units.isEmpty() ? 1 : new BigDecimal(units).intValueExact();
                }
                catch (NumberFormatException | ArithmeticException ex) {
                    throw new Refused("SVC05 at segment " + segmentNumber + " is not a whole number of units");
                }
            }
            case "LQ" -> {
                if (line != null && "HE".equals(get(s, 1))) {
                    line.remarks.add(get(s, 2));
                }
            }
            case "PLB" -> {
                startHeader();
                finishClaim();
                LocalDate fiscal = date(get(s, 2), "PLB02", true);
                for (int i = 3; i <= 13; i += 2) {
                    if (get(s, i).isEmpty()) {
                        break;
                    }
                    String[] reason = get(s, i).split(":", -1);
                    listener.providerAdjustment(header, new Era835.ProviderAdjustment(get(s, 1), fiscal, reason[0],
                            reason.length > 1 && !reason[1].isEmpty() ? reason[1] : null, amount(s, i + 1, "PLB" + (i + 1))));
                }
            }
            case "SE" -> {
                startHeader();
                finishClaim();
                listener.endTransaction(header);
                header = null;
            }
            default -> {
            }
        }
    }

    /** The header is complete at the first LX, CLP, PLB or SE. */
    private void startHeader() {
        if (header != null) {
            return;
        }
        if (bprAmount == null) {
            throw new Refused("transaction " + transactions + " (ST02 " + st02 + ") has no BPR payment amount");
        }
        if (trace == null || trace.isEmpty()) {
            throw new Refused("transaction " + transactions + " (ST02 " + st02 + ") has no TRN trace number");
        }
        String payerId = payerN104 != null ? payerN104 : payerRef2U != null ? payerRef2U : originator;
        if (payerId == null || payerId.isEmpty()) {
            throw new Refused("transaction " + transactions + " (ST02 " + st02 + ") names no payer (N1*PR, REF*2U or TRN03)");
        }
        header = new Era835.Header(transactions, isa13, st02, stSegment, bprAmount, bprMethod, bprDate, trace,
                originator == null ? "" : originator, payerName, payerId);
        loop = "2000";
        listener.transaction(header);
    }

    private void finishLine() {
        if (line != null) {
            claim.lines.add(new Era835.ServicePayment(line.ordinal, line.cpt, line.charge, line.paid, line.units, line.control,
                    List.copyOf(line.adjustments), List.copyOf(line.remarks)));
            line = null;
        }
    }

    private void finishClaim() {
        if (claim != null) {
            finishLine();
            listener.claim(header, new Era835.ClaimPayment(claim.ordinal, claim.segment, claim.control, claim.status, claim.charge,
                    claim.paid, claim.patient, claim.payerClaim, List.copyOf(claim.adjustments), List.copyOf(claim.remarks),
                    List.copyOf(claim.lines)));
            claim = null;
        }
    }

    private BigDecimal amount(List<String> s, int position, String name) {
        String value = get(s, position);
        try {
            return new BigDecimal(value).setScale(2, java.math.RoundingMode.UNNECESSARY);
        }
        catch (NumberFormatException | ArithmeticException ex) {
            throw new Refused(name + " at segment " + segmentNumber + " is not an amount");
        }
    }

    private LocalDate date(String value, String name, boolean optional) {
        if (value.isEmpty() && optional) {
            return null;
        }
        try {
            return LocalDate.parse(value, D8);
        }
        catch (DateTimeParseException ex) {
            throw new Refused(name + " at segment " + segmentNumber + " is not a CCYYMMDD date");
        }
    }

    private static String get(List<String> s, int position) {
        return position < s.size() ? s.get(position) : "";
    }

    private static final class ClaimBuilder {
        int ordinal;
        int segment;
        String control;
        String status;
        BigDecimal charge;
        BigDecimal paid;
        BigDecimal patient;
        String payerClaim;
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
        final List<Era835.ServicePayment> lines = new ArrayList<>();
    }

    private static final class LineBuilder {
        int ordinal;
        String cpt;
        BigDecimal charge;
        BigDecimal paid;
        int units;
        String control;
        final List<Adjustment> adjustments = new ArrayList<>();
        final List<String> remarks = new ArrayList<>();
    }
}
