package org.ccm.monthend.importing;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Format checks for the identifiers and codes of the input files (shared with the demo-data generator). */
public final class Identifiers {

    /** CMS MBI: letters exclude S, L, O, I, B and Z so they cannot be mistaken for digits. */
    public static final String MBI_LETTERS = "ACDEFGHJKMNPQRTUVWXY";

    private static final String L = "[" + MBI_LETTERS + "]";
    private static final String A = "[" + MBI_LETTERS + "0-9]";
    private static final Pattern MBI = Pattern.compile("[1-9]" + L + A + "[0-9]" + L + A + "[0-9]" + L + L + "[0-9][0-9]");
    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9][A-Z0-9](\\.?[A-Z0-9]{1,4})?");
    /** CPT (5 digits), CPT category II/III (4 digits + F or T), PLA (4 digits + U), HCPCS level II (letter + 4 digits). */
    private static final Pattern CPT = Pattern.compile("[0-9]{5}|[0-9]{4}[FTU]|[A-Z][0-9]{4}");
    private static final Pattern NPI = Pattern.compile("[0-9]{10}");
    private static final Pattern PLACE_OF_SERVICE = Pattern.compile("[0-9]{2}");
    /** An employer identification number as written (12-3456789) or as 9 digits. */
    private static final Pattern TIN = Pattern.compile("[0-9]{2}-?[0-9]{7}");
    /** ZIP (5 digits) or ZIP+4 written 12345-6789 or 123456789. */
    private static final Pattern ZIP = Pattern.compile("[0-9]{5}(-?[0-9]{4})?");
    /** NUCC provider taxonomy code: 9 letters or digits and a final X (207Q00000X, 261QP2300X). */
    private static final Pattern TAXONOMY = Pattern.compile("[0-9A-Z]{9}X");
    /**
     * A post office box or lock box, however written: PO Box, P.O. Box, P O Box, POB, P.O.B., Post Office (Box),
     * Lock Box; a word boundary each side, so Pobst Ave, Post Road and Boxwood Ln are streets. Matched upper case.
     */
    private static final Pattern PO_BOX = Pattern.compile(
            "(^|[^A-Z0-9])(P *\\.? *O *\\.? *B(OX)? *\\.?|POST +OFFICE( +BOX)?|LOCK *BOX)($|[^A-Z])");
    /** USPS codes of the 50 states, DC, the territories (AS, GU, MP, PR, VI) and the freely associated states (FM, MH, PW). */
    private static final Set<String> STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID",
            "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
            "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW");

    private Identifiers() {
    }

    /** Medicare Beneficiary Identifier: 11 characters in the CMS format (upper case). */
    public static boolean isMbi(String value) {
        return value != null && MBI.matcher(value).matches();
    }

    /** National Provider Identifier: 10 digits whose last is the Luhn check digit over "80840" + the first 9. */
    public static boolean isNpi(String value) {
        return value != null && NPI.matcher(value).matches() && npiCheckDigit(value.substring(0, 9)) == value.charAt(9);
    }

    /** The NPI check digit for 9 digits (the ISO 7812 Luhn algorithm with the card issuer prefix 80840). */
    public static char npiCheckDigit(String firstNine) {
        if (firstNine.length() != 9 || !firstNine.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an NPI check digit needs exactly 9 digits");
        }
        String digits = "80840" + firstNine;
        int sum = 0;
        // Luhn: from the right, the digit next to the (missing) check digit is doubled, then every second one
        for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** ICD-10-CM: a letter, a digit, a letter or digit, then optionally a dot and 1 to 4 letters or digits. */
    public static boolean isIcd10(String value) {
        return value != null && ICD10.matcher(value).matches();
    }

    /**
     * The stored form of an ICD-10 code: upper case, with the dot after the category ("e119" and "E11.9" are
     * one code, so they must be one key). Only call with a value {@link #isIcd10} accepts once upper-cased.
     */
    public static String normalizeIcd10(String value) {
        String code = value.toUpperCase(Locale.ROOT);
        if (code.length() > 3 && code.charAt(3) != '.') {
            code = code.substring(0, 3) + "." + code.substring(3);
        }
        return code;
    }

    /** CPT or HCPCS level II code, upper case. */
    public static boolean isCpt(String value) {
        return value != null && CPT.matcher(value).matches();
    }

    /** CMS place-of-service code: 2 digits. */
    public static boolean isPlaceOfService(String value) {
        return value != null && PLACE_OF_SERVICE.matcher(value).matches();
    }

    /** Taxpayer identification number (an EIN): 9 digits, optionally written with a hyphen after the second. */
    public static boolean isTin(String value) {
        return value != null && TIN.matcher(value).matches();
    }

    /** ZIP code: 5 digits, or ZIP+4 as 12345-6789 or 123456789. */
    public static boolean isZip(String value) {
        return value != null && ZIP.matcher(value).matches();
    }

    /** The stored form of a TIN or ZIP code: its digits only. */
    public static String digitsOf(String value) {
        return value.replace("-", "");
    }

    /** A 2-letter USPS state or territory code, upper case. */
    public static boolean isState(String value) {
        return value != null && STATES.contains(value);
    }

    /** NUCC provider taxonomy code, upper case. */
    public static boolean isTaxonomy(String value) {
        return value != null && TAXONOMY.matcher(value).matches();
    }

    /** An address line naming a post office box or lock box (the 837P billing provider needs a street address). */
    public static boolean isPoBox(String value) {
        return value != null && PO_BOX.matcher(value.toUpperCase(Locale.ROOT)).find();
    }
}
