package org.ccm.monthend.importing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.ccm.monthend.importing.InputSchema.DateOrder;
import org.ccm.monthend.importing.InputSchema.FileSchema;

/**
 * Turns one CSV record into the values of its table row (in {@link InputFile#columns()} order), or rejects it
 * with the first problem found. References to patients and members are checked later, a batch at a time.
 */
final class RowReader {

    private static final BigDecimal MAX_MINUTES = new BigDecimal("720");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private final FileSchema schema;
    /** Index of each schema column in the CSV record, -1 when the header lacks it. */
    private final int[] positions;
    private final int[] keyPositions;
    private final LocalDateTime now;

    RowReader(FileSchema schema, List<String> header, LocalDateTime now) {
        this.schema = schema;
        this.positions = schema.columns().stream().mapToInt(c -> header.indexOf(c.name())).toArray();
        this.keyPositions = schema.file().keyColumns().stream().mapToInt(schema.file()::indexOf).toArray();
        this.now = now;
    }

    Object[] read(List<String> record) throws Rejected {
        List<Column> columns = schema.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column column = columns.get(i);
            String raw = positions[i] < 0 ? null : record.get(positions[i]).strip();
            if (raw == null || raw.isEmpty()) {
                raw = column.defaultValue();
            }
            if (raw == null) {
                if (column.required()) {
                    throw new Rejected(column.name(), "missing required value");
                }
                continue;
            }
            values[i] = parse(column, raw);
        }
        for (DateOrder order : schema.orders()) {
            LocalDate earlier = (LocalDate) values[schema.file().indexOf(order.earlier())];
            LocalDate later = (LocalDate) values[schema.file().indexOf(order.later())];
            if (earlier != null && later != null && later.isBefore(earlier)) {
                throw new Rejected(order.later(), order.later() + " " + later + " is before " + order.earlier() + " "
                        + earlier);
            }
        }
        return values;
    }

    /** The key as the rejects file shows it: the key cells as written, joined by '|'. */
    String rawKey(List<String> record) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keyPositions.length; i++) {
            int position = positions[keyPositions[i]];
            if (i > 0) {
                key.append('|');
            }
            if (position >= 0 && position < record.size()) {
                key.append(record.get(position).strip());
            }
        }
        return key.toString();
    }

    /** The key of parsed values, as stored: what decides "same row" for duplicates. */
    String key(Object[] values) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keyPositions.length; i++) {
            if (i > 0) {
                key.append('|');
            }
            key.append(values[keyPositions[i]]);
        }
        return key.toString();
    }

    private Object parse(Column column, String raw) throws Rejected {
        String name = column.name();
        switch (column.kind()) {
            case TEXT, CODE -> {
                if (raw.length() > column.maxLength()) {
                    throw new Rejected(name, "value too long: " + raw.length() + " characters, at most "
                            + column.maxLength());
                }
                return column.kind() == Column.Kind.CODE ? raw.toUpperCase(Locale.ROOT) : raw;
            }
            case DATE -> {
                try {
                    return LocalDate.parse(raw);
                }
                catch (DateTimeParseException ex) {
                    throw new Rejected(name, "unparseable date " + shown(column, raw) + ", expected YYYY-MM-DD");
                }
            }
            case DATE_TIME -> {
                LocalDateTime value;
                try {
                    value = LocalDateTime.parse(raw);
                }
                catch (DateTimeParseException ex) {
                    throw new Rejected(name, "unparseable date-time " + shown(column, raw)
                            + ", expected YYYY-MM-DDTHH:MM[:SS]");
                }
                // time is logged after it is spent: a future time is a typo or a wrong clock, not a plan
                if (value.isAfter(now)) {
                    throw new Rejected(name, name + " in the future: " + raw + " is after the import time " + now);
                }
                return value;
            }
            case MONTH -> {
                try {
                    if (!MONTH.matcher(raw).matches()) {
                        throw new DateTimeParseException("not YYYY-MM", raw, 0);
                    }
                    return YearMonth.parse(raw).toString();
                }
                catch (DateTimeParseException ex) {
                    throw new Rejected(name, "unparseable month " + shown(column, raw) + ", expected YYYY-MM");
                }
            }
            case MINUTES -> {
                return minutes(column, raw);
            }
            case BOOLEAN -> {
                if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
                    return Boolean.valueOf(raw.equalsIgnoreCase("true"));
                }
                throw new Rejected(name, "unparseable boolean " + shown(column, raw) + ", expected true or false");
            }
            case CHOICE -> {
                String value = raw.toUpperCase(Locale.ROOT);
                if (!column.choices().contains(value)) {
                    throw new Rejected(name, "unparseable value " + shown(column, raw) + ", expected one of "
                            + String.join(", ", column.choices()));
                }
                return value;
            }
            case MBI -> {
                String value = raw.toUpperCase(Locale.ROOT);
                if (!Identifiers.isMbi(value)) {
                    throw new Rejected(name, "malformed MBI" + (column.sensitive() ? "" : " " + shown(column, raw))
                            + ": expected 11 characters in the CMS format (e.g. 1EG4TE5MK73)");
                }
                return value;
            }
            case NPI -> {
                if (!raw.matches("[0-9]{10}")) {
                    throw new Rejected(name, "malformed NPI " + shown(column, raw) + ": expected 10 digits");
                }
                if (!Identifiers.isNpi(raw)) {
                    throw new Rejected(name, "malformed NPI " + shown(column, raw) + ": the check digit does not match");
                }
                return raw;
            }
            case ICD10 -> {
                String value = raw.toUpperCase(Locale.ROOT);
                if (!Identifiers.isIcd10(value)) {
                    throw new Rejected(name, "malformed ICD-10 code " + shown(column, raw)
                            + ": expected a letter, a digit, a letter or digit, then optionally a dot and 1 to 4 more");
                }
                return Identifiers.normalizeIcd10(value);
            }
            case CPT -> {
                String value = raw.toUpperCase(Locale.ROOT);
                if (!Identifiers.isCpt(value)) {
                    throw new Rejected(name, "malformed CPT/HCPCS code " + shown(column, raw)
                            + ": expected 5 digits, 4 digits and F, T or U, or a letter and 4 digits");
                }
                return value;
            }
            case PLACE_OF_SERVICE -> {
                if (!Identifiers.isPlaceOfService(raw)) {
                    throw new Rejected(name, "malformed place of service " + shown(column, raw) + ": expected 2 digits");
                }
                return raw;
            }
            case TIN -> {
                if (!Identifiers.isTin(raw)) {
                    throw new Rejected(name, "malformed TIN " + shown(column, raw)
                            + ": expected 9 digits (an EIN, 123456789 or 12-3456789)");
                }
                return Identifiers.digitsOf(raw);
            }
            case STREET -> {
                if (raw.length() > column.maxLength()) {
                    throw new Rejected(name, "value too long: " + raw.length() + " characters, at most "
                            + column.maxLength());
                }
                if (Identifiers.isPoBox(raw)) {
                    throw new Rejected(name, "a PO box " + shown(column, raw)
                            + ": the billing provider address must be a street address");
                }
                return raw;
            }
            case STATE -> {
                String value = raw.toUpperCase(Locale.ROOT);
                if (!Identifiers.isState(value)) {
                    throw new Rejected(name, "unknown state " + shown(column, raw)
                            + ": expected a 2-letter USPS state or territory code");
                }
                return value;
            }
            case ZIP -> {
                if (!Identifiers.isZip(raw)) {
                    throw new Rejected(name, "malformed ZIP code " + shown(column, raw)
                            + ": expected 5 digits or ZIP+4 (12345-6789 or 123456789)");
                }
                return Identifiers.digitsOf(raw);
            }
            case ZIP_PLUS_4 -> {
                if (!Identifiers.isZip(raw) || raw.length() == 5) {
                    throw new Rejected(name, "malformed ZIP+4 code " + shown(column, raw)
                            + ": expected 9 digits (12345-6789 or 123456789)");
                }
                return Identifiers.digitsOf(raw);
            }
            case TAXONOMY -> {
                String value = raw.toUpperCase(Locale.ROOT);
                if (!Identifiers.isTaxonomy(value)) {
                    throw new Rejected(name, "malformed taxonomy code " + shown(column, raw)
                            + ": expected 10 characters, 9 letters or digits and a final X (e.g. 207Q00000X)");
                }
                return value;
            }
            default -> throw new IllegalStateException("no parser for " + column.kind());
        }
    }

    /** CCM time: positive, at most 720 (12 hours) and at most 2 decimal places, stored as DECIMAL(5,2). */
    private static BigDecimal minutes(Column column, String raw) throws Rejected {
        String name = column.name();
        if (!DECIMAL.matcher(raw).matches()) {
            throw new Rejected(name, "unparseable decimal " + shown(column, raw));
        }
        BigDecimal value = new BigDecimal(raw);
        if (value.signum() <= 0) {
            throw new Rejected(name, "minutes out of range: " + raw + " is not greater than 0");
        }
        if (value.compareTo(MAX_MINUTES) > 0) {
            throw new Rejected(name, "minutes out of range: " + raw + " is more than 720");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new Rejected(name, "minutes out of range: " + raw + " has more than 2 decimal places");
        }
        return value.setScale(2);
    }

    /** The raw value for a reject reason; patient data is never echoed. */
    private static String shown(Column column, String raw) {
        if (column.sensitive()) {
            return "(value not shown)";
        }
        return "'" + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "'";
    }
}
