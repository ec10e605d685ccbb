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
 * @param alreadyBilledClaimId the claim id another revision of this month already exported, or null; a claim whose void
 *        the payer accepted is not one (it no longer counts as billed)
 * @param voidedBefore how many claims other revisions exported for this patient-month had a void the payer accepted
 * @param revision the close revision deciding it (a claim that bills the month again after an accepted void carries it in
 *        its id); 0 for a preview
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
        String alreadyBilledClaimId,
        int voidedBefore,
        int revision) {

    /** A patient-month no void ever freed, decided by the first revision. */
    public PatientMonth(YearMonth month, Patient patient, Practitioner billingPractitioner, List<Enrollment> enrollments,
            List<Condition> conditions, Attestation attestation, List<InpatientStay> inpatientStays, List<OtherService> otherServices,
            List<TimeEntry> timeEntries, String alreadyBilledClaimId) {
        this(month, patient, billingPractitioner, enrollments, conditions, attestation, inpatientStays, otherServices, timeEntries,
                alreadyBilledClaimId, 0, 1);
    }

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
