package org.ccm.monthend.importing;

import java.util.List;

/**
 * How one column of an input file is read.
 *
 * @param required a row without a value is rejected
 * @param optionalInHeader the header may lack the column; every row then gets {@code defaultValue}
 * @param defaultValue the raw value used for an absent column or an empty cell (null for none)
 * @param maxLength the column width in the schema: a longer value is rejected here, not by the database
 * @param sensitive patient data (MBI, names, birth date): never echoed in a reject reason
 * @param choices the allowed values of a {@link Kind#CHOICE} column
 * @param reference the table the value must exist in, if any
 */
record Column(String name, Kind kind, boolean required, boolean optionalInHeader, String defaultValue,
        int maxLength, boolean sensitive, List<String> choices, Reference reference) {

    /** {@code CODE} is free text stored upper case (credential, program), because the rules compare it to MD, CCM, .... */
    /**
     * {@code STREET} is an address line that is not a PO box (an 837P billing provider address); {@code ZIP} takes 5 or
     * 9 digits, {@code ZIP_PLUS_4} 9 only, each stored as digits.
     */
    enum Kind { TEXT, CODE, DATE, DATE_TIME, MONTH, MINUTES, BOOLEAN, CHOICE, MBI, NPI, ICD10, CPT, PLACE_OF_SERVICE,
        TIN, STREET, STATE, ZIP, ZIP_PLUS_4, TAXONOMY }

    /** Rows that name a patient, a care-team member or a practice must name one the database knows. */
    enum Reference {
        PATIENT("patient", "patient", "patient_id"),
        MEMBER("member", "care_team_member", "member_id"),
        PRACTICE("practice", "practice", "practice_id");

        final String noun;
        final String table;
        final String keyColumn;

        Reference(String noun, String table, String keyColumn) {
            this.noun = noun;
            this.table = table;
            this.keyColumn = keyColumn;
        }
    }

    static Column required(String name, Kind kind) {
        return new Column(name, kind, true, false, null, width(kind), false, List.of(), null);
    }

    /** In the header, but the cell may be empty. */
    static Column nullable(String name, Kind kind) {
        return new Column(name, kind, false, false, null, width(kind), false, List.of(), null);
    }

    /** May be missing from the header altogether. */
    static Column optional(String name, Kind kind) {
        return new Column(name, kind, false, true, null, width(kind), false, List.of(), null);
    }

    Column width(int maxLength) {
        return new Column(name, kind, required, optionalInHeader, defaultValue, maxLength, sensitive, choices, reference);
    }

    Column orElse(String defaultValue) {
        return new Column(name, kind, required, optionalInHeader, defaultValue, maxLength, sensitive, choices, reference);
    }

    Column patientData() {
        return new Column(name, kind, required, optionalInHeader, defaultValue, maxLength, true, choices, reference);
    }

    Column oneOf(String... values) {
        return new Column(name, Kind.CHOICE, required, optionalInHeader, defaultValue, maxLength, sensitive,
                List.of(values), reference);
    }

    Column references(Reference table) {
        return new Column(name, kind, required, optionalInHeader, defaultValue, maxLength, sensitive, choices, table);
    }

    private static int width(Kind kind) {
        return switch (kind) {
            case TEXT, CODE -> 64;
            case STREET -> 55; // X12 N301
            case TIN, ZIP, ZIP_PLUS_4 -> 9;
            case STATE -> 2;
            case TAXONOMY -> 10;
            case MBI -> 11;
            case NPI -> 10;
            case ICD10 -> 8;
            case CPT -> 5;
            case PLACE_OF_SERVICE -> 2;
            case MONTH -> 7;
            default -> 40;
        };
    }
}
