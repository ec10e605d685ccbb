package org.ccm.monthend.importing;

/** A row that cannot be imported, and why. Thrown per bad row, so it carries no stack trace. */
final class Rejected extends Exception {

    private final String field;

    Rejected(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    String reason() {
        return getMessage();
    }
}
