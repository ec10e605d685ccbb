package org.ccm.monthend.importing;

import static org.ccm.monthend.importing.Column.nullable;
import static org.ccm.monthend.importing.Column.optional;
import static org.ccm.monthend.importing.Column.required;

import java.util.List;

import org.ccm.monthend.importing.Column.Kind;
import org.ccm.monthend.importing.Column.Reference;

/**
 * The columns of each input file as the data contract defines them, with the widths of the schema
 * (V2__business_schema.sql) so that an over-long value is a reject, never a failed batch.
 */
final class InputSchema {

    /** Two dates of one row that must not be in reverse order. */
    record DateOrder(String earlier, String later) {
    }

    record FileSchema(InputFile file, List<Column> columns, List<DateOrder> orders) {

        Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private InputSchema() {
    }

    static FileSchema of(InputFile file) {
        return switch (file) {
            // the 837P billing provider (loop 2010AA): every field but the second address line is needed to submit
            case PRACTICES -> new FileSchema(file, List.of(
                    required("practice_id", Kind.TEXT),
                    required("name", Kind.TEXT).width(60), // NM103
                    // the group's type-2 NPI: the number itself does not tell type 1 from 2, its check digit is checked
                    required("npi", Kind.NPI),
                    required("tin", Kind.TIN),
                    // TR3 2010AA N3: "must be a street address"; a PO box belongs in the pay-to address
                    required("address_line1", Kind.STREET),
                    optional("address_line2", Kind.STREET),
                    required("city", Kind.TEXT).width(30), // N401
                    required("state", Kind.STATE),
                    required("postal_code", Kind.ZIP_PLUS_4), // TR3 2010AA N403: the 9-digit ZIP code
                    required("taxonomy", Kind.TAXONOMY)), List.of());
            case CARE_TEAM -> new FileSchema(file, List.of(
                    required("member_id", Kind.TEXT),
                    nullable("name", Kind.TEXT).width(200),
                    required("credential", Kind.CODE).width(20),
                    optional("npi", Kind.NPI),
                    // the rendering provider's PRV*PE (loop 2310B)
                    optional("taxonomy", Kind.TAXONOMY)), List.of());
            case PATIENTS -> new FileSchema(file, List.of(
                    required("patient_id", Kind.TEXT),
                    required("mbi", Kind.MBI).patientData(),
                    optional("first_name", Kind.TEXT).width(100).patientData(),
                    optional("last_name", Kind.TEXT).width(100).patientData(),
                    optional("birth_date", Kind.DATE).patientData(),
                    optional("sex", Kind.TEXT).width(10).patientData(),
                    // may be empty: the INELIGIBLE_BILLING_PRACTITIONER gate then explains why the patient is not billed
                    nullable("billing_practitioner_id", Kind.TEXT).references(Reference.MEMBER),
                    optional("consent_date", Kind.DATE),
                    optional("consent_method", Kind.TEXT).oneOf("VERBAL", "WRITTEN"),
                    optional("initiating_visit_date", Kind.DATE),
                    optional("care_plan_date", Kind.DATE),
                    optional("place_of_service", Kind.PLACE_OF_SERVICE).orElse("11"),
                    // empty = the only practice; the address is the 837P subscriber's (loop 2010BA), checked at submission
                    optional("practice_id", Kind.TEXT).references(Reference.PRACTICE),
                    optional("address_line1", Kind.TEXT).width(55).patientData(),
                    optional("address_line2", Kind.TEXT).width(55).patientData(),
                    optional("city", Kind.TEXT).width(30).patientData(),
                    optional("state", Kind.STATE), // a state is not identifying (HIPAA safe harbor): shown
                    optional("postal_code", Kind.ZIP).patientData()), List.of());
            case ENROLLMENTS -> new FileSchema(file, List.of(
                    required("patient_id", Kind.TEXT).references(Reference.PATIENT),
                    required("enrolled_from", Kind.DATE),
                    optional("enrolled_to", Kind.DATE)),
                    List.of(new DateOrder("enrolled_from", "enrolled_to")));
            case CONDITIONS -> new FileSchema(file, List.of(
                    required("patient_id", Kind.TEXT).references(Reference.PATIENT),
                    required("icd10", Kind.ICD10),
                    optional("description", Kind.TEXT).width(255),
                    required("chronic", Kind.BOOLEAN),
                    nullable("onset_date", Kind.DATE),
                    optional("resolved_date", Kind.DATE)),
                    List.of(new DateOrder("onset_date", "resolved_date")));
            case ATTESTATIONS -> new FileSchema(file, List.of(
                    required("patient_id", Kind.TEXT).references(Reference.PATIENT),
                    required("service_month", Kind.MONTH),
                    required("mdm", Kind.TEXT).oneOf("STRAIGHTFORWARD", "LOW", "MODERATE", "HIGH"),
                    required("care_plan_change", Kind.TEXT).oneOf("NONE", "ESTABLISHED", "SUBSTANTIALLY_REVISED"),
                    optional("attested_by", Kind.TEXT).references(Reference.MEMBER)), List.of());
            case INPATIENT_STAYS -> new FileSchema(file, List.of(
                    required("patient_id", Kind.TEXT).references(Reference.PATIENT),
                    required("admit_date", Kind.DATE),
                    optional("discharge_date", Kind.DATE)),
                    List.of(new DateOrder("admit_date", "discharge_date")));
            case OTHER_SERVICES -> new FileSchema(file, List.of(
                    required("patient_id", Kind.TEXT).references(Reference.PATIENT),
                    required("service_date", Kind.DATE),
                    required("cpt", Kind.CPT),
                    // NPIs of other practitioners too: checked for format, not against the care team
                    required("billing_npi", Kind.NPI)), List.of());
            case TIME_ENTRIES -> new FileSchema(file, List.of(
                    required("entry_id", Kind.TEXT),
                    required("patient_id", Kind.TEXT).references(Reference.PATIENT),
                    required("member_id", Kind.TEXT).references(Reference.MEMBER),
                    required("performed_at", Kind.DATE_TIME),
                    required("minutes", Kind.MINUTES),
                    optional("activity", Kind.TEXT).width(40),
                    optional("program", Kind.CODE).width(20).orElse("CCM")), List.of());
        };
    }
}
