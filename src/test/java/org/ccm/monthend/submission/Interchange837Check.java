package org.ccm.monthend.submission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.imsweb.x12.reader.X12Reader;
import com.imsweb.x12.reader.X12Reader.FileType;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

import org.ccm.monthend.importing.Identifiers;

/**
 * How the tests check a generated 837P interchange, in the four layers of claim-lifecycle.md, each reporting
 * problems as "layer N: what, where". {@code Interchange837CheckTests} shows each layer failing on a file broken
 * in what it claims to check; a checker is only trusted once it has failed on a broken input.
 * <ol>
 * <li>com.imsweb:x12-parser's 837P 5010 mapping: loop and segment order, required segments and elements, codes.</li>
 * <li>The envelope: SE01 counts, ST02 = SE02, GS06 = GE02, GE01, ISA13 = IEA02, IEA01, the ISA's fixed width, and
 * StAEDI's own control-structure validation.</li>
 * <li>Elements: the data type and length of every element we write (X12 5010 dictionary), D8 dates.</li>
 * <li>TR3 and billing rules: HL numbering and parents, CLM01 length and uniqueness, CLM02 = the sum of SV102,
 * pointers within HI, NPI check digits, MBI pattern, 9-digit EIN and billing ZIP, SBR09 = MB, CCM codes only.</li>
 * </ol>
 */
public final class Interchange837Check {

    static final Set<String> CCM_CODES = Set.of("99490", "99439", "99487", "99489", "99491", "99437");

    private Interchange837Check() {
    }

    /** Every problem of every layer; empty when the interchange passes all four. */
    public static List<String> problems(byte[] interchange) {
        List<String> problems = new ArrayList<>();
        problems.addAll(reader(interchange));
        List<List<String>> segments = segments(interchange);
        problems.addAll(envelope(interchange, segments));
        problems.addAll(elements(segments));
        problems.addAll(rules(segments));
        return problems;
    }

    // ---- layer 1 ---------------------------------------------------------------------------------------------

    static List<String> reader(byte[] interchange) {
        List<String> problems = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(interchange)) {
            X12Reader reader = new X12Reader(FileType.ANSI837_5010_X222, in, StandardCharsets.US_ASCII);
            reader.getFatalErrors().forEach(error -> problems.add("layer 1: fatal: " + error));
            reader.getErrors().forEach(error -> problems.add("layer 1: " + error));
        }
        catch (IOException | RuntimeException ex) {
            problems.add("layer 1: unreadable: " + ex);
        }
        return problems;
    }

    // ---- layer 2 ---------------------------------------------------------------------------------------------

    static List<String> envelope(byte[] interchange, List<List<String>> segments) {
        List<String> problems = new ArrayList<>();
        String text = new String(interchange, StandardCharsets.US_ASCII);
        if (text.length() < 106 || text.charAt(105) != '~' || !text.startsWith("ISA")) {
            problems.add("layer 2: the ISA segment is not 106 characters ending in its terminator");
        }
        String isa13 = null;
        String gs06 = null;
        String st02 = null;
        int groups = 0;
        int transactions = 0;
        int inTransaction = 0;
        for (List<String> segment : segments) {
            String tag = segment.get(0);
            if (inTransaction > 0 || tag.equals("ST")) {
                inTransaction++;
            }
            switch (tag) {
                case "ISA" -> {
                    isa13 = field(segment, 13);
                    if (!isa13.matches("[0-9]{9}")) {
                        problems.add("layer 2: ISA13 is not 9 digits: " + isa13);
                    }
                    for (int i = 1; i <= 16; i++) {
                        int width = List.of(2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1).get(i - 1);
                        if (field(segment, i).length() != width) {
                            problems.add("layer 2: ISA" + String.format(Locale.ROOT, "%02d", i) + " is not " + width + " wide");
                        }
                    }
                }
                case "GS" -> {
                    groups++;
                    transactions = 0;
                    gs06 = field(segment, 6);
                }
                case "ST" -> {
                    transactions++;
                    st02 = field(segment, 2);
                    inTransaction = 1;
                }
                case "SE" -> {
                    if (!field(segment, 1).equals(Integer.toString(inTransaction))) {
                        problems.add("layer 2: SE01 " + field(segment, 1) + " but the transaction " + st02 + " has " + inTransaction
                                + " segments");
                    }
                    if (!field(segment, 2).equals(st02)) {
                        problems.add("layer 2: SE02 " + field(segment, 2) + " is not ST02 " + st02);
                    }
                    inTransaction = 0;
                }
                case "GE" -> {
                    if (!field(segment, 1).equals(Integer.toString(transactions))) {
                        problems.add("layer 2: GE01 " + field(segment, 1) + " but the group has " + transactions + " transactions");
                    }
                    if (!field(segment, 2).equals(gs06)) {
                        problems.add("layer 2: GE02 " + field(segment, 2) + " is not GS06 " + gs06);
                    }
                }
                case "IEA" -> {
                    if (!field(segment, 1).equals(Integer.toString(groups))) {
                        problems.add("layer 2: IEA01 " + field(segment, 1) + " but the interchange has " + groups + " groups");
                    }
                    if (!field(segment, 2).equals(isa13)) {
                        problems.add("layer 2: IEA02 " + field(segment, 2) + " is not ISA13 " + isa13);
                    }
                }
                default -> {
                }
            }
        }
        problems.addAll(staedi(interchange));
        return problems;
    }

    /** StAEDI's reader with its X12 control schema: envelope structure, control numbers and counts. */
    private static List<String> staedi(byte[] interchange) {
        List<String> problems = new ArrayList<>();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        try (EDIStreamReader reader = factory.createEDIStreamReader(new ByteArrayInputStream(interchange))) {
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                if (event == EDIStreamEvent.SEGMENT_ERROR || event == EDIStreamEvent.ELEMENT_DATA_ERROR
                        || event == EDIStreamEvent.ELEMENT_OCCURRENCE_ERROR) {
                    var where = reader.getLocation();
                    // without a transaction schema StAEDI knows only the envelope; inside a transaction it flags every segment
                    if (List.of("ISA", "GS", "ST", "SE", "GE", "IEA").contains(where.getSegmentTag())) {
                        problems.add("layer 2: StAEDI: " + reader.getErrorType() + " at " + where.getSegmentTag()
                                + String.format(Locale.ROOT, "%02d", Math.max(0, where.getElementPosition())));
                    }
                }
            }
        }
        catch (EDIStreamException | IOException | RuntimeException ex) {
            problems.add("layer 2: StAEDI cannot read it: " + ex.getMessage());
        }
        return problems;
    }

    // ---- layer 3 ---------------------------------------------------------------------------------------------

    /** Type, minimum and maximum length of an element (X12 5010 dictionary); C for a composite (checked per part). */
    private record Element(String type, int min, int max) {
    }

    private static final Map<String, List<Element>> DICTIONARY = Map.ofEntries(
            Map.entry("GS", List.of(id(2, 2), an(2, 15), an(2, 15), dt(), tm(), n0(1, 9), id(1, 2), an(1, 12))),
            Map.entry("ST", List.of(id(3, 3), an(4, 9), an(1, 35))),
            Map.entry("BHT", List.of(id(4, 4), id(2, 2), an(1, 50), dt(), tm(), id(2, 2))),
            Map.entry("NM1", List.of(id(2, 3), id(1, 1), an(1, 60), an(1, 35), an(1, 25), an(1, 10), an(1, 10), id(1, 2), an(2, 80))),
            Map.entry("PER", List.of(id(2, 2), an(1, 60), id(2, 2), an(1, 256))),
            Map.entry("HL", List.of(an(1, 12), an(1, 12), an(1, 2), id(1, 1))),
            Map.entry("PRV", List.of(id(1, 3), id(2, 3), an(1, 50))),
            Map.entry("N3", List.of(an(1, 55), an(1, 55))),
            Map.entry("N4", List.of(an(2, 30), id(2, 2), id(3, 15))),
            Map.entry("REF", List.of(id(2, 3), an(1, 50))),
            Map.entry("SBR", List.of(id(1, 1), id(2, 2), an(1, 50), an(1, 60), id(1, 3), id(1, 1), id(1, 1), id(2, 2), id(1, 2))),
            Map.entry("DMG", List.of(id(2, 3), an(1, 35), id(1, 1))),
            Map.entry("CLM", List.of(an(1, 38), r(1, 18), an(1, 1), an(1, 1), composite(), id(1, 1), id(1, 1), id(1, 1), id(1, 1))),
            Map.entry("LX", List.of(n0(1, 6))),
            Map.entry("SV1", List.of(composite(), r(1, 18), id(2, 2), r(1, 15), an(1, 2), an(1, 2), composite())),
            Map.entry("DTP", List.of(id(3, 3), id(2, 3), an(1, 35))),
            Map.entry("SE", List.of(n0(1, 10), an(4, 9))),
            Map.entry("GE", List.of(n0(1, 6), n0(1, 9))),
            Map.entry("IEA", List.of(n0(1, 5), n0(9, 9))));

    private static final Pattern ID = Pattern.compile("[A-Z0-9]+");
    private static final Pattern AN = Pattern.compile("[A-Za-z0-9 !\"&'()*+,\\-./:;?=%@\\[\\]_{}\\\\|<>#$]+");
    private static final Pattern R = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final DateTimeFormatter D8 = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    static List<String> elements(List<List<String>> segments) {
        List<String> problems = new ArrayList<>();
        for (List<String> segment : segments) {
            String tag = segment.get(0);
            List<Element> dictionary = DICTIONARY.get(tag);
            if (dictionary == null) {
                if (!tag.equals("ISA") && !tag.equals("HI")) {
                    problems.add("layer 3: segment " + tag + " is not in the dictionary of this check");
                }
                continue;
            }
            if (segment.size() - 1 > dictionary.size()) {
                problems.add("layer 3: " + tag + " has " + (segment.size() - 1) + " elements, at most " + dictionary.size());
            }
            for (int i = 1; i < segment.size() && i <= dictionary.size(); i++) {
                String value = segment.get(i);
                Element element = dictionary.get(i - 1);
                if (value.isEmpty() || element.type().equals("C")) {
                    continue;
                }
                String where = tag + String.format(Locale.ROOT, "%02d", i);
                if (value.length() < element.min() || value.length() > element.max()) {
                    problems.add("layer 3: " + where + " is " + value.length() + " characters, " + element.min() + " to "
                            + element.max() + " allowed");
                }
                boolean typeOk = switch (element.type()) {
                    case "ID" -> ID.matcher(value).matches();
                    case "AN" -> AN.matcher(value).matches();
                    case "R" -> R.matcher(value).matches();
                    case "N0" -> value.matches("[0-9]+");
                    case "DT" -> date(value);
                    case "TM" -> value.matches("([01][0-9]|2[0-3])[0-5][0-9]([0-5][0-9])?");
                    default -> false;
                };
                if (!typeOk) {
                    problems.add("layer 3: " + where + " is not of type " + element.type() + ": " + value);
                }
            }
            // D8 dates: DTP03 and DMG02 when their qualifier says D8
            if ((tag.equals("DTP") && field(segment, 2).equals("D8") && !date(field(segment, 3)))
                    || (tag.equals("DMG") && field(segment, 1).equals("D8") && !date(field(segment, 2)))) {
                problems.add("layer 3: " + tag + " has a D8 date that is not a date: " + segment);
            }
        }
        return problems;
    }

    // ---- layer 4 ---------------------------------------------------------------------------------------------

    static List<String> rules(List<List<String>> segments) {
        List<String> problems = new ArrayList<>();
        Set<String> claimNumbers = new HashSet<>();
        int expectedHl = 0;
        String providerHl = null;
        String hlLevel = null;
        String nm1Entity = null;
        String claim = null;
        BigDecimal claimCharge = null;
        BigDecimal lineCharges = BigDecimal.ZERO;
        int diagnoses = 0;
        Set<String> lineNumbers = new HashSet<>();
        for (List<String> segment : segments) {
            String tag = segment.get(0);
            if ((tag.equals("HL") || tag.equals("SE")) && claim != null) {
                checkCharges(problems, claim, claimCharge, lineCharges);
                claim = null;
            }
            switch (tag) {
                case "ST" -> expectedHl = 1;
                case "HL" -> {
                    if (!field(segment, 1).equals(Integer.toString(expectedHl))) {
                        problems.add("layer 4: HL01 " + field(segment, 1) + " where " + expectedHl + " comes next");
                    }
                    expectedHl++;
                    hlLevel = field(segment, 3);
                    if (hlLevel.equals("20")) {
                        providerHl = field(segment, 1);
                        if (!field(segment, 2).isEmpty() || !field(segment, 4).equals("1")) {
                            problems.add("layer 4: billing provider HL " + providerHl + " with a parent or without children");
                        }
                    }
                    else if (hlLevel.equals("22")) {
                        if (!field(segment, 2).equals(providerHl)) {
                            problems.add("layer 4: subscriber HL " + field(segment, 1) + " has parent " + field(segment, 2)
                                    + ", not the billing provider " + providerHl);
                        }
                        if (!field(segment, 4).equals("0")) {
                            problems.add("layer 4: subscriber HL " + field(segment, 1) + " says it has a patient level below it");
                        }
                    }
                    else {
                        problems.add("layer 4: HL03 " + hlLevel + " is neither 20 nor 22");
                    }
                }
                case "SBR" -> {
                    if (!field(segment, 9).equals("MB")) {
                        problems.add("layer 4: SBR09 " + field(segment, 9) + " is not MB (Medicare Part B)");
                    }
                }
                case "NM1" -> {
                    nm1Entity = field(segment, 1);
                    if ((nm1Entity.equals("85") || nm1Entity.equals("82"))
                            && !(field(segment, 8).equals("XX") && Identifiers.isNpi(field(segment, 9)))) {
                        problems.add("layer 4: NM1*" + nm1Entity + " NPI " + field(segment, 9) + " fails its check digit");
                    }
                    if (nm1Entity.equals("IL") && !(field(segment, 8).equals("MI") && Identifiers.isMbi(field(segment, 9)))) {
                        problems.add("layer 4: subscriber id is not an MBI");
                    }
                }
                case "REF" -> {
                    if (field(segment, 1).equals("EI") && !field(segment, 2).matches("[0-9]{9}")) {
                        problems.add("layer 4: REF*EI " + field(segment, 2) + " is not a 9-digit EIN");
                    }
                    if (field(segment, 1).equals("6R")) {
                        String line = field(segment, 2);
                        if (line.length() > 30 || !lineNumbers.add(line)) {
                            problems.add("layer 4: REF*6R " + line + " is longer than 30 or repeated in its claim");
                        }
                    }
                }
                case "N4" -> {
                    if ("85".equals(nm1Entity) && !field(segment, 3).matches("[0-9]{9}")) {
                        problems.add("layer 4: billing provider ZIP " + field(segment, 3) + " is not ZIP+4");
                    }
                }
                case "CLM" -> {
                    claim = field(segment, 1);
                    if (claim.length() > 20) {
                        problems.add("layer 4: CLM01 " + claim + " is longer than 20 characters");
                    }
                    if (!claimNumbers.add(claim)) {
                        problems.add("layer 4: CLM01 " + claim + " twice in the interchange");
                    }
                    claimCharge = decimal(field(segment, 2));
                    lineCharges = BigDecimal.ZERO;
                    diagnoses = 0;
                    lineNumbers.clear();
                }
                case "HI" -> diagnoses = segment.size() - 1;
                case "SV1" -> {
                    String[] procedure = field(segment, 1).split(":", -1);
                    if (procedure.length < 2 || !procedure[0].equals("HC") || !CCM_CODES.contains(procedure[1])) {
                        problems.add("layer 4: SV101 " + field(segment, 1) + " is not a CCM code");
                    }
                    BigDecimal charge = decimal(field(segment, 2));
                    lineCharges = charge == null || lineCharges == null ? null : lineCharges.add(charge);
                    String[] pointers = field(segment, 7).split(":", -1);
                    if (pointers.length > 4) {
                        problems.add("layer 4: more than 4 diagnosis pointers on a line of " + claim);
                    }
                    for (String pointer : pointers) {
                        if (!pointer.matches("[1-9][0-9]?") || Integer.parseInt(pointer) > diagnoses) {
                            problems.add("layer 4: pointer " + pointer + " of " + claim + " points past its " + diagnoses + " diagnoses");
                        }
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static void checkCharges(List<String> problems, String claim, BigDecimal claimCharge, BigDecimal lineCharges) {
        if (claimCharge == null || lineCharges == null) {
            return; // not a number: layer 3 says so
        }
        if (claimCharge.compareTo(lineCharges) != 0) {
            problems.add("layer 4: CLM02 " + claimCharge + " of " + claim + " is not the sum of its lines " + lineCharges);
        }
    }

    // ---- parsing ---------------------------------------------------------------------------------------------

    /** The segments, each as its tag and elements, split with the delimiters the ISA declares. */
    public static List<List<String>> segments(byte[] interchange) {
        String text = new String(interchange, StandardCharsets.US_ASCII);
        List<List<String>> segments = new ArrayList<>();
        if (text.length() < 106) {
            return segments;
        }
        String element = Pattern.quote(String.valueOf(text.charAt(3)));
        String terminator = Pattern.quote(String.valueOf(text.charAt(105)));
        for (String raw : text.split(terminator)) {
            String segment = raw.strip();
            if (!segment.isEmpty()) {
                segments.add(List.of(segment.split(element, -1)));
            }
        }
        return segments;
    }

    private static BigDecimal decimal(String value) {
        return R.matcher(value).matches() ? new BigDecimal(value) : null;
    }

    private static String field(List<String> segment, int position) {
        return position < segment.size() ? segment.get(position) : "";
    }

    private static boolean date(String value) {
        try {
            LocalDate.parse(value, D8);
            return true;
        }
        catch (DateTimeParseException ex) {
            return false;
        }
    }

    private static Element id(int min, int max) {
        return new Element("ID", min, max);
    }

    private static Element an(int min, int max) {
        return new Element("AN", min, max);
    }

    private static Element n0(int min, int max) {
        return new Element("N0", min, max);
    }

    private static Element r(int min, int max) {
        return new Element("R", min, max);
    }

    private static Element dt() {
        return new Element("DT", 8, 8);
    }

    private static Element tm() {
        return new Element("TM", 4, 8);
    }

    private static Element composite() {
        return new Element("C", 0, 0);
    }
}
