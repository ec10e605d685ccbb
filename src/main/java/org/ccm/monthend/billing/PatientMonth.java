package org.ccm.monthend.billing;

import java.time.YearMonth;
import java.util.List;

/**
 * Everything the rules need to decide one patient in one calendar month.
 *
 * @param billingPractitioner the patient's billing practitioner, or null when the patient names none
 *        or names a member the care team does not have
 * @param enrollments all CCM enrollments of the patient (the rules check the overlap)
 * @param conditions all condition records of the patient (the rules check chronic and active)
 * @param attestation the complexity attestation for this month, or null
 * @param inpatientStays stays that may overlap the month
 * @param otherServices services billed outside this product, dated in the month
 * @param timeEntries the month's time entries of the patient
 * @param alreadyBilledClaimId the claim id another revision of this month already exported, or null
 */
public record PatientMonth(
        YearMonth month,
        Patient patient,
        Practitioner billingPractitioner,
        List<Enrollment> enrollments,
        List<Condition> conditions,
        Attestation attestation,
        List<InpatientStay> inpatientStays,
        List<OtherService> otherServices,
        List<TimeEntry> timeEntries,
        String alreadyBilledClaimId) {

    public PatientMonth {
        enrollments = List.copyOf(enrollments);
        conditions = List.copyOf(conditions);
        inpatientStays = List.copyOf(inpatientStays);
        otherServices = List.copyOf(otherServices);
        timeEntries = List.copyOf(timeEntries);
    }

    public String patientId() {
        return patient.patientId();
    }
}
