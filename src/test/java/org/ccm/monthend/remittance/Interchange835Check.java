package org.ccm.monthend.remittance;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the tests check an 835, in three layers, each shown to catch what it claims by broken files
 * (Interchange835CheckTests):
 * <ol>
 * <li>com.imsweb:x12-parser's 005010X221A1 mapping: loop and segment order, required segments and elements, codes;</li>
 * <li>the envelope, counted here segment by segment (SE01, ST02 = SE02, GE01, GS06 = GE02, IEA01, ISA13 = IEA02,
 * the 106-character ISA) and by StAEDI's control schema (the product's streaming reader);</li>
 * <li>balancing, recomputed here from the segments and not by the product's Balance: per service line charge − paid
 * = its CAS, per claim CLP03 − CLP04 = claim and line CAS, per transaction BPR02 = Σ CLP04 − Σ PLB.</li>
 * </ol>
 */
final class Interchange835Check {

    private Interchange835Check() {
    }

    static List<String> problems(byte[] file) {
        List<String> problems = new ArrayList<>();
        Structure835.errors(new ByteArrayInputStream(file)).forEach(e -> problems.add("layer 1: " + e));
        List<List<String>> segments = segments(file);
        problems.addAll(envelope(file, segments));
        try {
            Remittance835Reader.read(new ByteArrayInputStream(file), new Balance());
        }
        catch (Remittance835Reader.Refused ex) {
            problems.add("layer 2: StAEDI: " + ex.getMessage());
        }
        problems.addAll(balance(segments));
        return problems;
    }

    static List<String> envelope(byte[] file, List<List<String>> segments) {
        List<String> problems = new ArrayList<>();
        String text = new String(file, StandardCharsets.US_ASCII);
        if (text.length() < 106 || !text.startsWith("ISA") || text.charAt(105) != '~') {
            problems.add("layer 2: the ISA segment is not 106 characters ending in its terminator");
        }
        String isa13 = null;
        String gs06 = null;
        String st02 = null;
        int groups = 0;
        int transactions = 0;
        int counted = 0;
        for (List<String> s : segments) {
            String tag = s.get(0);
            if (counted > 0) {
                counted++;
            }
            switch (tag) {
                case "ISA" -> isa13 = field(s, 13);
                case "GS" -> {
                    groups++;
                    transactions = 0;
                    gs06 = field(s, 6);
                    if (!field(s, 8).equals("005010X221A1") || !field(s, 1).equals("HP")) {
                        problems.add("layer 2: GS is not HP 005010X221A1");
                    }
                }
                case "ST" -> {
                    transactions++;
                    st02 = field(s, 2);
                    counted = 1;
                }
                case "SE" -> {
                    if (!field(s, 1).equals(Integer.toString(counted))) {
                        problems.add("layer 2: SE01 " + field(s, 1) + " but the transaction has " + counted + " segments");
                    }
                    if (!field(s, 2).equals(st02)) {
                        problems.add("layer 2: SE02 is not ST02");
                    }
                    counted = 0;
                }
                case "GE" -> {
                    if (!field(s, 1).equals(Integer.toString(transactions))) {
                        problems.add("layer 2: GE01 " + field(s, 1) + " but the group has " + transactions);
                    }
                    if (!field(s, 2).equals(gs06)) {
                        problems.add("layer 2: GE02 is not GS06");
                    }
                }
                case "IEA" -> {
                    if (!field(s, 1).equals(Integer.toString(groups))) {
                        problems.add("layer 2: IEA01 " + field(s, 1) + " but " + groups + " groups");
                    }
                    if (!field(s, 2).equals(isa13)) {
                        problems.add("layer 2: IEA02 is not ISA13");
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    static List<String> balance(List<List<String>> segments) {
        List<String> problems = new ArrayList<>();
        BigDecimal bpr = null;
        BigDecimal clp04 = BigDecimal.ZERO;
        BigDecimal plb = BigDecimal.ZERO;
        BigDecimal claimCharge = null;
        BigDecimal claimPaid = null;
        BigDecimal claimCas = BigDecimal.ZERO;
        BigDecimal lineCharge = null;
        BigDecimal linePaid = null;
        BigDecimal lineCas = BigDecimal.ZERO;
        int claim = 0;
        for (List<String> s : segments) {
            String tag = s.get(0);
            if ((tag.equals("SVC") || tag.equals("CLP") || tag.equals("PLB") || tag.equals("SE")) && lineCharge != null) {
                if (lineCharge.subtract(linePaid).compareTo(lineCas) != 0) {
                    problems.add("layer 3: claim " + claim + ": a line's charge - paid is not its adjustments");
                }
                lineCharge = null;
            }
            if ((tag.equals("CLP") || tag.equals("PLB") || tag.equals("SE")) && claimCharge != null) {
                if (claimCharge.subtract(claimPaid).compareTo(claimCas) != 0) {
                    problems.add("layer 3: claim " + claim + ": CLP03 - CLP04 is not the claim's and lines' adjustments");
                }
                claimCharge = null;
            }
            switch (tag) {
                case "ST" -> {
                    clp04 = BigDecimal.ZERO;
                    plb = BigDecimal.ZERO;
                }
                case "BPR" -> bpr = new BigDecimal(field(s, 2));
                case "CLP" -> {
                    claim++;
                    claimCharge = new BigDecimal(field(s, 3));
                    claimPaid = new BigDecimal(field(s, 4));
                    clp04 = clp04.add(claimPaid);
                    claimCas = BigDecimal.ZERO;
                }
                case "SVC" -> {
                    lineCharge = new BigDecimal(field(s, 2));
                    linePaid = new BigDecimal(field(s, 3));
                    lineCas = BigDecimal.ZERO;
                }
                case "CAS" -> {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (int i = 3; i < s.size(); i += 3) {
                        if (!field(s, i).isEmpty()) {
                            sum = sum.add(new BigDecimal(field(s, i)));
                        }
                    }
                    if (lineCharge != null) {
                        lineCas = lineCas.add(sum);
                    }
                    claimCas = claimCas.add(sum);
                }
                case "PLB" -> {
                    for (int i = 4; i < s.size(); i += 2) {
                        plb = plb.add(new BigDecimal(field(s, i)));
                    }
                }
                case "SE" -> {
                    if (bpr == null || bpr.compareTo(clp04.subtract(plb)) != 0) {
                        problems.add("layer 3: BPR02 " + bpr + " is not the claims' CLP04 " + clp04 + " less PLB " + plb);
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    /** The file's segments, split at its own delimiters. */
    static List<List<String>> segments(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII);
        List<List<String>> segments = new ArrayList<>();
        if (text.length() < 106) {
            return segments;
        }
        String element = Pattern.quote(String.valueOf(text.charAt(3)));
        for (String raw : text.split(Pattern.quote(String.valueOf(text.charAt(105))))) {
            String segment = raw.strip();
            if (!segment.isEmpty()) {
                segments.add(List.of(segment.split(element, -1)));
            }
        }
        return segments;
    }

    static String field(List<String> segment, int position) {
        return position < segment.size() ? segment.get(position) : "";
    }
}
