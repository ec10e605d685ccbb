package org.ccm.monthend.billing;

/** Why a time entry's minutes are not on a claim, in the order the counting rules are tried. */
public enum EntryReason {
    /** Time billed to another program (RPM, PCM, BHI, TCM, ...) must not be counted again. */
    OTHER_PROGRAM,
    /** Time inside a separately billed face-to-face visit. */
    FACE_TO_FACE,
    BEFORE_CONSENT,
    /** On a day of an inpatient or SNF stay, admit and discharge days included. */
    INPATIENT_STAY,
    NON_CLINICAL_STAFF,
    /** Counted, but the month was billed under a family that does not use this kind of minutes (staff time beside 99491). */
    NOT_IN_BILLED_FAMILY
}
