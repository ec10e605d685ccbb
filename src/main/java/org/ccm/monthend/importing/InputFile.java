package org.ccm.monthend.importing;

import java.util.List;

/**
 * The input files of the data contract, in the order an import loads them (practices, care team and
 * patients before the rows that refer to them). Column names equal the table's column names; {@link #columns()} is the
 * contract's column order, which is also the order of the values handed to {@link Upsert}.
 */
public enum InputFile {

    PRACTICES("practices.csv", "practice", List.of("practice_id"),
            List.of("practice_id", "name", "npi", "tin", "address_line1", "address_line2", "city", "state", "postal_code",
                    "taxonomy")),
    CARE_TEAM("care_team.csv", "care_team_member", List.of("member_id"),
            List.of("member_id", "name", "credential", "npi", "taxonomy")),
    PATIENTS("patients.csv", "patient", List.of("patient_id"),
            List.of("patient_id", "mbi", "first_name", "last_name", "birth_date", "sex", "billing_practitioner_id",
                    "consent_date", "consent_method", "initiating_visit_date", "care_plan_date", "place_of_service",
                    "practice_id", "address_line1", "address_line2", "city", "state", "postal_code")),
    ENROLLMENTS("enrollments.csv", "enrollment", List.of("patient_id", "enrolled_from"),
            List.of("patient_id", "enrolled_from", "enrolled_to")),
    CONDITIONS("conditions.csv", "condition_record", List.of("patient_id", "icd10"),
            List.of("patient_id", "icd10", "description", "chronic", "onset_date", "resolved_date")),
    ATTESTATIONS("attestations.csv", "attestation", List.of("patient_id", "service_month"),
            List.of("patient_id", "service_month", "mdm", "care_plan_change", "attested_by")),
    INPATIENT_STAYS("inpatient_stays.csv", "inpatient_stay", List.of("patient_id", "admit_date"),
            List.of("patient_id", "admit_date", "discharge_date")),
    OTHER_SERVICES("other_services.csv", "other_service", List.of("patient_id", "service_date", "cpt", "billing_npi"),
            List.of("patient_id", "service_date", "cpt", "billing_npi")),
    TIME_ENTRIES("time_entries.csv", "time_entry", List.of("entry_id"),
            List.of("entry_id", "patient_id", "member_id", "performed_at", "minutes", "activity", "program"));

    private final String fileName;
    private final String table;
    private final List<String> keyColumns;
    private final List<String> columns;

    InputFile(String fileName, String table, List<String> keyColumns, List<String> columns) {
        this.fileName = fileName;
        this.table = table;
        this.keyColumns = keyColumns;
        this.columns = columns;
    }

    public String fileName() {
        return fileName;
    }

    public String table() {
        return table;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public List<String> columns() {
        return columns;
    }

    public int indexOf(String column) {
        return columns.indexOf(column);
    }
}
