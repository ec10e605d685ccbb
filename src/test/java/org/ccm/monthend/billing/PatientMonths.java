package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Test inputs for the rules: {@link #billable(YearMonth)} is a patient-month that passes every gate
 * but the minutes one (enrolled, consented, two chronic categories, care plan, initiating visit, an
 * MD billing practitioner with a valid NPI); the {@code with...} methods change one fact at a time.
 */
final class PatientMonths {

    static final String PATIENT_ID = "P0001";
    static final String MBI = "1EG4TE5MK73";
    /** The patient's billing practitioner. */
    static final String BILLING_MD = "M-MD";
    static final String BILLING_NPI = "1234567893";
    /** Another practitioner of the practice, not the patient's billing practitioner. */
    static final String OTHER_MD = "M-MD2";
    static final String OTHER_NPI = "1245319599";
    static final String NURSE = "M-RN";

    private PatientMonths() {
    }

    static Builder billable(YearMonth month) {
        return new Builder(month);
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    static final class Builder {

        private final YearMonth month;
        private String patientId = PATIENT_ID;
        private LocalDate consentDate;
        private LocalDate initiatingVisitDate;
        private LocalDate carePlanDate;
        private String placeOfService = "11";
        private Practitioner practitioner = new Practitioner(BILLING_MD, "MD", BILLING_NPI);
        private List<Enrollment> enrollments = new ArrayList<>();
        private List<Condition> conditions = new ArrayList<>();
        private Attestation attestation;
        private final List<InpatientStay> stays = new ArrayList<>();
        private final List<OtherService> otherServices = new ArrayList<>();
        private final List<TimeEntry> entries = new ArrayList<>();
        private String alreadyBilledClaimId;
        private int voidedBefore;
        private int revision = 1;

        private Builder(YearMonth month) {
            this.month = month;
            LocalDate monthBefore = month.minusMonths(1).atDay(15);
            this.consentDate = monthBefore;
            this.initiatingVisitDate = monthBefore;
            this.carePlanDate = monthBefore;
            this.enrollments.add(new Enrollment(month.minusMonths(6).atDay(1), null));
            this.conditions.add(new Condition("E11.9", true, date("2018-04-02"), null));
            this.conditions.add(new Condition("I10", true, date("2016-01-20"), null));
        }

        YearMonth month() {
            return month;
        }

        Builder patientId(String id) {
            this.patientId = id;
            return this;
        }

        /** Clinical-staff (RN) minutes in one entry on the 15th. */
        Builder withStaffMinutes(String minutes) {
            return withStaffMinutes(minutes, month.atDay(15));
        }

        Builder withStaffMinutes(String minutes, LocalDate day) {
            return withEntry(NURSE, "RN", day, minutes, "CARE_COORDINATION", "CCM");
        }

        /** Minutes personally spent by the patient's billing practitioner, in one entry on the 15th. */
        Builder withPractitionerMinutes(String minutes) {
            return withPractitionerMinutes(minutes, month.atDay(15));
        }

        Builder withPractitionerMinutes(String minutes, LocalDate day) {
            return withEntry(BILLING_MD, "MD", day, minutes, "CARE_PLAN_REVIEW", "CCM");
        }

        /** An entry with the next id (E01, E02, ...) at 10:00 on {@code day}. */
        Builder withEntry(String memberId, String credential, LocalDate day, String minutes, String activity, String program) {
            return withEntry(String.format("E%02d", entries.size() + 1), memberId, credential, day.atTime(LocalTime.of(10, 0)),
                    minutes, activity, program);
        }

        Builder withEntry(String entryId, String memberId, String credential, LocalDateTime at, String minutes, String activity,
                String program) {
            entries.add(new TimeEntry(entryId, memberId, credential, at, new BigDecimal(minutes), activity, program));
            return this;
        }

        Builder attested(String mdm, String carePlanChange) {
            this.attestation = new Attestation(mdm, carePlanChange);
            return this;
        }

        Builder enrollments(Enrollment... enrollments) {
            this.enrollments = new ArrayList<>(List.of(enrollments));
            return this;
        }

        Builder consentOn(LocalDate date) {
            this.consentDate = date;
            return this;
        }

        Builder carePlanOn(LocalDate date) {
            this.carePlanDate = date;
            return this;
        }

        Builder initiatingVisitOn(LocalDate date) {
            this.initiatingVisitDate = date;
            return this;
        }

        Builder conditions(Condition... conditions) {
            this.conditions = new ArrayList<>(List.of(conditions));
            return this;
        }

        Builder billingPractitioner(Practitioner practitioner) {
            this.practitioner = practitioner;
            return this;
        }

        Builder withOtherService(LocalDate date, String cpt, String npi) {
            otherServices.add(new OtherService(date, cpt, npi));
            return this;
        }

        Builder withStay(LocalDate admit, LocalDate discharge) {
            stays.add(new InpatientStay(admit, discharge));
            return this;
        }

        Builder alreadyBilled(String claimId) {
            this.alreadyBilledClaimId = claimId;
            return this;
        }

        /** Decided by close revision {@code revision} after {@code voided} earlier claims had a void the payer accepted. */
        Builder afterAcceptedVoids(int voided, int revision) {
            this.voidedBefore = voided;
            this.revision = revision;
            return this;
        }

        Builder placeOfService(String placeOfService) {
            this.placeOfService = placeOfService;
            return this;
        }

        PatientMonth build() {
            Patient patient = new Patient(patientId, MBI, BILLING_MD, consentDate, "WRITTEN", initiatingVisitDate, carePlanDate,
                    placeOfService);
            return new PatientMonth(month, patient, practitioner, enrollments, conditions, attestation, stays, otherServices,
                    entries, alreadyBilledClaimId, voidedBefore, revision);
        }

        /** Decided with the month's rule set from config/rules and the default settings. */
        Decision decide() {
            return decide(BillingSettings.defaults());
        }

        Decision decide(BillingSettings settings) {
            return decide(RuleSets.forMonth(month), settings);
        }

        Decision decide(RuleSet rules, BillingSettings settings) {
            return new BillingRules(rules, settings).decide(build());
        }
    }
}
