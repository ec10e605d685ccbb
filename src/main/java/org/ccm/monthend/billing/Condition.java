package org.ccm.monthend.billing;

import java.time.LocalDate;

/** A diagnosis on the patient's problem list. Null onset means "active since before our records". */
public record Condition(String icd10, boolean chronic, LocalDate onsetDate, LocalDate resolvedDate) {

    /** ICD-10-CM category: the first three characters (E11.9 and E11.65 are both E11). */
    public String category() {
        return icd10.length() <= 3 ? icd10 : icd10.substring(0, 3);
    }
}
