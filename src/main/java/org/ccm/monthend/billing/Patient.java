package org.ccm.monthend.billing;

import java.time.LocalDate;

/** The facts of patients.csv the rules and the claim use. Dates may be null (not recorded). */
public record Patient(
        String patientId,
        String mbi,
        String billingPractitionerId,
        LocalDate consentDate,
        String consentMethod,
        LocalDate initiatingVisitDate,
        LocalDate carePlanDate,
        String placeOfService) {
}
