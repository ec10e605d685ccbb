package org.ccm.monthend.billing;

/** The three CCM code families, in the tie-break order of ccm-rules.md section 2. */
public enum Family {
    /** 99490 + 99439: clinical-staff time (the billing practitioner's own minutes may be added). */
    NON_COMPLEX,
    /** 99487 + 99489: the same minutes, only in a month attested complex. */
    COMPLEX,
    /** 99491 + 99437: minutes personally spent by the billing practitioner. */
    PRACTITIONER
}
