package org.ccm.monthend.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.ccm.monthend.importing.InputFile;

/**
 * A generated row of one input file. Each record's components are the file's columns, named alike and in the
 * contract's order ({@link InputFile#columns()}), and {@link #values()} gives them in that order: the one place
 * a position is decided (InputRowTests holds both to the contract).
 */
sealed interface InputRow {

    InputFile file();

    /** The values in {@link InputFile#columns()} order (null for an empty cell). */
    Object[] values();

    /** @param postalCode ZIP+4, 9 digits */
    record Practice(String practiceId, String name, String npi, String tin, String addressLine1, String addressLine2,
            String city, String state, String postalCode, String taxonomy) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.PRACTICES;
        }

        @Override
        public Object[] values() {
            return new Object[] {practiceId, name, npi, tin, addressLine1, addressLine2, city, state, postalCode, taxonomy};
        }
    }

    record CareTeamMember(String memberId, String name, String credential, String npi, String taxonomy)
            implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.CARE_TEAM;
        }

        @Override
        public Object[] values() {
            return new Object[] {memberId, name, credential, npi, taxonomy};
        }
    }

    /** @param postalCode 5 or 9 digits */
    record Patient(String patientId, String mbi, String firstName, String lastName, LocalDate birthDate, String sex,
            String billingPractitionerId, LocalDate consentDate, String consentMethod, LocalDate initiatingVisitDate,
            LocalDate carePlanDate, String placeOfService, String practiceId, String addressLine1, String addressLine2,
            String city, String state, String postalCode) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.PATIENTS;
        }

        @Override
        public Object[] values() {
            return new Object[] {patientId, mbi, firstName, lastName, birthDate, sex, billingPractitionerId, consentDate,
                    consentMethod, initiatingVisitDate, carePlanDate, placeOfService, practiceId, addressLine1,
                    addressLine2, city, state, postalCode};
        }
    }

    record Enrollment(String patientId, LocalDate enrolledFrom, LocalDate enrolledTo) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.ENROLLMENTS;
        }

        @Override
        public Object[] values() {
            return new Object[] {patientId, enrolledFrom, enrolledTo};
        }
    }

    record Condition(String patientId, String icd10, String description, boolean chronic, LocalDate onsetDate,
            LocalDate resolvedDate) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.CONDITIONS;
        }

        @Override
        public Object[] values() {
            return new Object[] {patientId, icd10, description, chronic, onsetDate, resolvedDate};
        }
    }

    /** @param serviceMonth YYYY-MM */
    record Attestation(String patientId, String serviceMonth, String mdm, String carePlanChange, String attestedBy)
            implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.ATTESTATIONS;
        }

        @Override
        public Object[] values() {
            return new Object[] {patientId, serviceMonth, mdm, carePlanChange, attestedBy};
        }
    }

    record InpatientStay(String patientId, LocalDate admitDate, LocalDate dischargeDate) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.INPATIENT_STAYS;
        }

        @Override
        public Object[] values() {
            return new Object[] {patientId, admitDate, dischargeDate};
        }
    }

    record OtherService(String patientId, LocalDate serviceDate, String cpt, String billingNpi) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.OTHER_SERVICES;
        }

        @Override
        public Object[] values() {
            return new Object[] {patientId, serviceDate, cpt, billingNpi};
        }
    }

    record TimeEntry(String entryId, String patientId, String memberId, LocalDateTime performedAt, BigDecimal minutes,
            String activity, String program) implements InputRow {

        @Override
        public InputFile file() {
            return InputFile.TIME_ENTRIES;
        }

        @Override
        public Object[] values() {
            return new Object[] {entryId, patientId, memberId, performedAt, minutes, activity, program};
        }
    }
}
