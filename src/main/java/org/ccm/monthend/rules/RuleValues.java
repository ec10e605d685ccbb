package org.ccm.monthend.rules;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of one rule or chargemaster file, read key by key. A value that is missing, of the wrong type or out
 * of range is noted under its dotted key ({@code families.NON_COMPLEX.base-minutes}, {@code fees."99490"}) with the
 * value found, and reading goes on, so {@link #check()} refuses the file once with every problem it has: a file with
 * a bad value must never bill (issue 11: base-minutes -20 billed 3,080 lines instead of 2,326).
 */
final class RuleValues {

    /** CPT (five digits; category II and III end in F or T, PLA codes in U) or HCPCS level II (a letter, four digits). */
    private static final Pattern CODE = Pattern.compile("[0-9]{4}[0-9FTU]|[A-Z][0-9]{4}");

    /** A key written as it is in a dotted path without quotes; any other (a code such as 99490) is quoted. */
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    RuleValues(Path file) {
        this.file = file;
    }

    /** The dotted key of {@code key} inside {@code parent} ("" for the top of the file). */
    static String key(String parent, String key) {
        String part = BARE_KEY.matcher(key).matches() ? key : "\"" + key.replace("\"", "\\\"") + "\"";
        return parent.isEmpty() ? part : parent + "." + part;
    }

    /** Notes a problem of the value at {@code key}: {@code problem} reads after the key ("must be ..., got ..."). */
    void problem(String key, String problem) {
        problems.add(key + " " + problem);
    }

    /** Refuses the file, naming every problem noted, in one line. */
    void check() {
        if (!problems.isEmpty()) {
            throw new RuleSetException(file.normalize() + ": " + String.join("; ", problems));
        }
    }

    /** A value as a message shows it: text in quotes, numbers as written, "a list" or "a map" for a section. */
    static String shown(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return String.valueOf(value);
    }

    // ---- sections ----------------------------------------------------------------------------

    /** The map at {@code key} of {@code doc} with its keys as text, or null (noted) when it is missing or not a map. */
    Map<String, Object> map(Map<String, Object> doc, String parent, String key, String what) {
        Object value = present(doc, parent, key);
        if (value == null) {
            return null;
        }
        return asMap(key(parent, key), value, what);
    }

    Map<String, Object> asMap(String at, Object value, String what) {
        if (!(value instanceof Map<?, ?> values)) {
            problem(at, "must be a map of " + what + ", got " + shown(value));
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    /** The list at {@code key} of {@code doc}, or null (noted) when it is missing or not a list. */
    List<?> list(Map<String, Object> doc, String parent, String key, String what) {
        Object value = present(doc, parent, key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            problem(key(parent, key), "must be a list of " + what + ", got " + shown(value));
            return null;
        }
        return list;
    }

    /** Notes every key of {@code doc} that is not one of {@code known}: a misspelt key would otherwise be ignored. */
    void onlyKeys(Map<String, Object> doc, String parent, Set<String> known, String what) {
        for (String key : doc.keySet()) {
            if (!known.contains(key)) {
                problem(key(parent, key), "is not " + what + " (" + String.join(", ", known) + ")");
            }
        }
    }

    /** The value at {@code key}, or null (noted as missing) when the key is absent or has no value. */
    Object present(Map<String, Object> doc, String parent, String key) {
        if (!doc.containsKey(key)) {
            problem(key(parent, key), "is missing");
            return null;
        }
        Object value = doc.get(key);
        if (value == null) {
            problem(key(parent, key), "has no value");
        }
        return value;
    }

    // ---- values ------------------------------------------------------------------------------

    /** Non-blank text; null (noted) otherwise. */
    String text(String at, Object value, String what) {
        if (!(value instanceof String text) || text.isBlank()) {
            problem(at, "must be " + what + ", got " + shown(value));
            return null;
        }
        return text;
    }

    /** A CPT or HCPCS code of five characters (an unquoted 99490 is read as a number and taken as its digits). */
    String code(String at, Object value) {
        String code = value instanceof String || value instanceof Integer ? String.valueOf(value) : null;
        if (code == null || !CODE.matcher(code).matches()) {
            problem(at, "must be a five-character CPT or HCPCS code (99490, G0556), got " + shown(value));
            return null;
        }
        return code;
    }

    /** A number of minutes above zero (fractions allowed: 19.99 minutes is below 20). */
    BigDecimal positiveMinutes(String at, Object value) {
        BigDecimal minutes = number(value);
        if (minutes == null || minutes.signum() <= 0) {
            problem(at, "must be a positive number of minutes, got " + shown(value));
            return null;
        }
        return minutes;
    }

    /** A cap on add-on units: a whole number 0 or more, or null for no cap. */
    Integer cap(String at, Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal units = number(value);
        if (!whole(units) || units.signum() < 0) {
            problem(at, "must be a whole number of add-on units, 0 or more, or null for no cap, got " + shown(value));
            return null;
        }
        return units.intValueExact();
    }

    /** An amount in USD, 0 or more, with at most two decimals. */
    BigDecimal amount(String at, Object value) {
        BigDecimal amount = number(value);
        if (amount == null || amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            problem(at, "must be an amount in USD of 0 or more with at most two decimals, got " + shown(value));
            return null;
        }
        return amount;
    }

    /** A year of four digits. */
    Integer year(String at, Object value) {
        BigDecimal year = number(value);
        if (!whole(year) || year.compareTo(BigDecimal.valueOf(1000)) < 0 || year.compareTo(BigDecimal.valueOf(9999)) > 0) {
            problem(at, "must be a year such as 2026, got " + shown(value));
            return null;
        }
        return year.intValueExact();
    }

    /** true or false; {@code absent} when the key is not there. */
    boolean flag(Map<String, Object> doc, String parent, String key, boolean absent) {
        if (!doc.containsKey(key)) {
            return absent;
        }
        if (!(doc.get(key) instanceof Boolean flag)) {
            problem(key(parent, key), "must be true or false, got " + shown(doc.get(key)));
            return absent;
        }
        return flag;
    }

    private static boolean whole(BigDecimal number) {
        return number != null && number.stripTrailingZeros().scale() <= 0
                && number.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    /**
     * A number as the rules have always read it (the text of the YAML number, or of a quoted one), or null when the
     * value is not one: a boolean, a list, a map or other text.
     */
    private static BigDecimal number(Object value) {
        if (!(value instanceof Number) && !(value instanceof String)) {
            return null;
        }
        try {
            return new BigDecimal(String.valueOf(value));
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
