package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.FixedClock;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.importing.ImportReport.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:csv-import;DB_CLOSE_DELAY=-1")
@Import(FixedClock.class)
class CsvImporterIntegrationTests {

    /** Today is 2026-11-28 12:00 (UTC): a time entry after that is in the future. */

    static final String PATIENTS_HEADER = "patient_id,mbi,first_name,last_name,birth_date,sex,billing_practitioner_id,"
            + "consent_date,consent_method,initiating_visit_date,care_plan_date,place_of_service";
    static final String ENTRIES_HEADER = "entry_id,patient_id,member_id,performed_at,minutes,activity,program";
    static final String PRACTICES_HEADER = "practice_id,name,npi,tin,address_line1,address_line2,city,state,postal_code,"
            + "taxonomy";
    static final String PRACTICE_1 = "PR1,Prairie Family Medicine,1245319599,27-1234567,1200 Medical Center Dr,Suite 300,"
            + "Springfield,IL,62704-1234,207Q00000X";
    static final String PRACTICE_3 = "PR3,Miami Valley Primary Care,1234567893,461234567,45 Wellness Way,,Dayton,oh,"
            + "454091234,261qp2300x";
    static final String ADDRESSED_PATIENTS_HEADER = PATIENTS_HEADER + ",practice_id,address_line1,address_line2,city,state,"
            + "postal_code";

    @TempDir
    static Path out;

    @DynamicPropertySource
    static void outputDir(DynamicPropertyRegistry registry) {
        registry.add("ccm.output-dir", () -> out.toString());
    }

    @Autowired
    CsvImporter importer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @TempDir
    Path dir;

    /** Two members and two patients every test starts from (as files: each import reads them first). */
    @BeforeEach
    void practice() throws IOException {
        for (InputFile file : InputFile.values()) {
            jdbc.update("DELETE FROM " + file.table());
        }
        write("care_team.csv", "member_id,name,credential,npi", "M1,Ann Smith,MD,1234567893", "M2,Bob Jones,RN,");
        write("patients.csv", PATIENTS_HEADER,
                "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11",
                "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,");
    }

    /**
     * One kind of bad row: the file holds a good row (line 2), the bad row (line 3) and another good row (line 4).
     * The bad row must be the only reject, exactly as expected, and both good rows must be in the table.
     */
    record BadRow(String reason, String file, String header, String good, String bad, String otherGood, String key,
            String field) {

        @Override
        public String toString() {
            return file + ": " + reason;
        }
    }

    static Stream<BadRow> badRows() {
        String cond = "patient_id,icd10,description,chronic,onset_date,resolved_date";
        String att = "patient_id,service_month,mdm,care_plan_change,attested_by";
        String other = "patient_id,service_date,cpt,billing_npi";
        String entryOk = "E1,P1,M2,2026-10-05T10:00,15.00,PHONE_CALL,CCM";
        String entryOk2 = "E3,P2,M1,2026-10-06T09:30:15,20,,";
        String p1 = "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11";
        String p2 = "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,11";
        String p3 = "P3,1A00A00AA99,Jane,Doe,1940-05-06,F,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,11";
        String team = "member_id,name,credential,npi,taxonomy";
        return Stream.of(
                new BadRow("malformed NPI '1234567890': the check digit does not match", "practices.csv", PRACTICES_HEADER,
                        PRACTICE_1, "PR2,Lakeside Clinic,1234567890,123456789,9 Lake St,,Albany,NY,122031234,207Q00000X",
                        PRACTICE_3, "PR2", "npi"),
                new BadRow("malformed NPI '124531959': expected 10 digits", "practices.csv", PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,124531959,123456789,9 Lake St,,Albany,NY,122031234,207Q00000X", PRACTICE_3,
                        "PR2", "npi"),
                new BadRow("malformed TIN '12345678': expected 9 digits (an EIN, 123456789 or 12-3456789)", "practices.csv",
                        PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,12345678,9 Lake St,,Albany,NY,122031234,207Q00000X", PRACTICE_3,
                        "PR2", "tin"),
                new BadRow("malformed ZIP+4 code '12203': expected 9 digits (12345-6789 or 123456789)", "practices.csv",
                        PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,9 Lake St,,Albany,NY,12203,207Q00000X", PRACTICE_3, "PR2",
                        "postal_code"),
                new BadRow("malformed ZIP+4 code '12203-12': expected 9 digits (12345-6789 or 123456789)", "practices.csv",
                        PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,9 Lake St,,Albany,NY,12203-12,207Q00000X", PRACTICE_3,
                        "PR2", "postal_code"),
                new BadRow("unknown state 'NX': expected a 2-letter USPS state or territory code", "practices.csv",
                        PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,9 Lake St,,Albany,NX,122031234,207Q00000X", PRACTICE_3,
                        "PR2", "state"),
                new BadRow("malformed taxonomy code '207Q00000': expected 10 characters, 9 letters or digits and a final X"
                        + " (e.g. 207Q00000X)", "practices.csv", PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,9 Lake St,,Albany,NY,122031234,207Q00000", PRACTICE_3,
                        "PR2", "taxonomy"),
                new BadRow("a PO box 'P.O. Box 4410': the billing provider address must be a street address",
                        "practices.csv", PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,P.O. Box 4410,,Albany,NY,122031234,207Q00000X", PRACTICE_3,
                        "PR2", "address_line1"),
                new BadRow("a PO box 'Post Office Box 12': the billing provider address must be a street address",
                        "practices.csv", PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,9 Lake St,Post Office Box 12,Albany,NY,122031234,207Q00000X",
                        PRACTICE_3, "PR2", "address_line2"),
                new BadRow("missing required value", "practices.csv", PRACTICES_HEADER, PRACTICE_1,
                        "PR2,Lakeside Clinic,1245319599,123456789,9 Lake St,,,NY,122031234,207Q00000X", PRACTICE_3, "PR2",
                        "city"),
                new BadRow("value too long: 61 characters, at most 60", "practices.csv", PRACTICES_HEADER, PRACTICE_1,
                        "PR2," + "L".repeat(61) + ",1245319599,123456789,9 Lake St,,Albany,NY,122031234,207Q00000X",
                        PRACTICE_3, "PR2", "name"),
                new BadRow("malformed ZIP code (value not shown): expected 5 digits or ZIP+4 (12345-6789 or 123456789)",
                        "patients.csv", ADDRESSED_PATIENTS_HEADER, p1 + ",,1 Elm St,,Springfield,IL,62704",
                        p2 + ",,2 Oak Ave,Apt 4B,Chatham,IL,6262", p3 + ",,,,,,", "P2", "postal_code"),
                new BadRow("unknown state 'ZZ': expected a 2-letter USPS state or territory code", "patients.csv",
                        ADDRESSED_PATIENTS_HEADER, p1 + ",,1 Elm St,,Springfield,IL,62704",
                        p2 + ",,2 Oak Ave,Apt 4B,Chatham,ZZ,62629", p3 + ",,,,,,", "P2", "state"),
                new BadRow("malformed taxonomy code 'RN': expected 10 characters, 9 letters or digits and a final X"
                        + " (e.g. 207Q00000X)", "care_team.csv", team, "M1,Ann Smith,MD,1234567893,207R00000X",
                        "M3,Cara Reed,RN,1245319599,RN", "M2,Bob Jones,RN,,", "M3", "taxonomy"),
                new BadRow("unparseable date '2026-13-01', expected YYYY-MM-DD", "enrollments.csv",
                        "patient_id,enrolled_from,enrolled_to", "P1,2026-01-05,", "P2,2026-13-01,",
                        "P2,2026-02-05,2026-12-31", "P2|2026-13-01", "enrolled_from"),
                new BadRow("unparseable date-time '2026-10-05 10:00', expected YYYY-MM-DDTHH:MM[:SS]", "time_entries.csv",
                        ENTRIES_HEADER, entryOk, "E2,P1,M2,2026-10-05 10:00,15.00,PHONE_CALL,CCM", entryOk2, "E2",
                        "performed_at"),
                new BadRow("unparseable decimal 'fifteen'", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,M2,2026-10-05T11:00,fifteen,PHONE_CALL,CCM", entryOk2, "E2", "minutes"),
                new BadRow("unparseable boolean 'yes', expected true or false", "conditions.csv", cond,
                        "P1,E11.9,Diabetes,true,2020-01-01,", "P1,I10,Hypertension,yes,2020-01-01,",
                        "P2,I10,Hypertension,FALSE,,", "P1|I10", "chronic"),
                new BadRow("unparseable value 'PHONE', expected one of VERBAL, WRITTEN", "patients.csv", PATIENTS_HEADER,
                        "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11",
                        "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,PHONE,2026-01-01,2026-02-10,11",
                        "P3,1A00A00AA99,Jane,Doe,1940-05-06,F,M1,2026-02-05,written,2026-01-01,2026-02-10,11", "P2",
                        "consent_method"),
                new BadRow("unparseable value 'EXTREME', expected one of STRAIGHTFORWARD, LOW, MODERATE, HIGH",
                        "attestations.csv", att, "P1,2026-10,HIGH,ESTABLISHED,M1", "P2,2026-10,EXTREME,NONE,M1",
                        "P2,2026-09,LOW,NONE,", "P2|2026-10", "mdm"),
                new BadRow("unparseable value 'NEW', expected one of NONE, ESTABLISHED, SUBSTANTIALLY_REVISED",
                        "attestations.csv", att, "P1,2026-10,HIGH,ESTABLISHED,M1", "P2,2026-10,HIGH,NEW,M1",
                        "P2,2026-09,LOW,NONE,", "P2|2026-10", "care_plan_change"),
                new BadRow("unparseable month '2026-10-01', expected YYYY-MM", "attestations.csv", att,
                        "P1,2026-10,HIGH,ESTABLISHED,M1", "P2,2026-10-01,HIGH,ESTABLISHED,M1", "P2,2026-09,LOW,NONE,",
                        "P2|2026-10-01", "service_month"),
                new BadRow("missing required value", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,,2026-10-05T11:00,15.00,PHONE_CALL,CCM", entryOk2, "E2", "member_id"),
                new BadRow("missing required value", "other_services.csv", other, "P1,2026-10-03,99214,1234567893",
                        "P1,2026-10-04,99214,", "P2,2026-10-03,G0556,1245319599", "P1|2026-10-04|99214|", "billing_npi"),
                new BadRow("minutes out of range: 0 is not greater than 0", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,M2,2026-10-05T11:00,0,PHONE_CALL,CCM", entryOk2, "E2", "minutes"),
                new BadRow("minutes out of range: -5 is not greater than 0", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,M2,2026-10-05T11:00,-5,PHONE_CALL,CCM", entryOk2, "E2", "minutes"),
                new BadRow("minutes out of range: 720.01 is more than 720", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,M2,2026-10-05T11:00,720.01,PHONE_CALL,CCM", "E3,P2,M1,2026-10-06T09:30,720.00,,",
                        "E2", "minutes"),
                new BadRow("minutes out of range: 15.125 has more than 2 decimal places", "time_entries.csv",
                        ENTRIES_HEADER, entryOk, "E2,P1,M2,2026-10-05T11:00,15.125,PHONE_CALL,CCM",
                        "E3,P2,M1,2026-10-06T09:30,0.01,,", "E2", "minutes"),
                new BadRow("performed_at in the future: 2026-11-28T12:00:01 is after the import time 2026-11-28T12:00",
                        "time_entries.csv", ENTRIES_HEADER, entryOk, "E2,P1,M2,2026-11-28T12:00:01,15.00,PHONE_CALL,CCM",
                        "E3,P2,M1,2026-11-28T12:00,5,,", "E2", "performed_at"),
                new BadRow("unknown patient 'P9'", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P9,M2,2026-10-05T11:00,15.00,PHONE_CALL,CCM", entryOk2, "E2", "patient_id"),
                new BadRow("unknown member 'M9'", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,M9,2026-10-05T11:00,15.00,PHONE_CALL,CCM", entryOk2, "E2", "member_id"),
                new BadRow("unknown member 'M9'", "patients.csv", PATIENTS_HEADER,
                        "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11",
                        "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M9,2026-02-05,WRITTEN,2026-01-01,2026-02-10,11",
                        "P3,1A00A00AA99,Jane,Doe,1940-05-06,F,,,,,,", "P2", "billing_practitioner_id"),
                new BadRow("unknown member 'M9'", "attestations.csv", att, "P1,2026-10,HIGH,ESTABLISHED,M1",
                        "P2,2026-10,HIGH,ESTABLISHED,M9", "P2,2026-09,LOW,NONE,", "P2|2026-10", "attested_by"),
                new BadRow("unknown patient 'P9'", "enrollments.csv", "patient_id,enrolled_from,enrolled_to",
                        "P1,2026-01-05,", "P9,2026-01-05,", "P2,2026-02-05,", "P9|2026-01-05", "patient_id"),
                new BadRow("malformed ICD-10 code 'E1.19': expected a letter, a digit, a letter or digit, then optionally"
                        + " a dot and 1 to 4 more", "conditions.csv", cond, "P1,E11.9,Diabetes,true,2020-01-01,",
                        "P1,E1.19,Diabetes,true,2020-01-01,", "P2,j45909,Asthma,true,,", "P1|E1.19", "icd10"),
                new BadRow("malformed CPT/HCPCS code '9949': expected 5 digits, 4 digits and F, T or U, or a letter and"
                        + " 4 digits", "other_services.csv", other, "P1,2026-10-03,99214,1234567893",
                        "P1,2026-10-04,9949,1234567893", "P2,2026-10-03,3074f,1245319599", "P1|2026-10-04|9949|1234567893",
                        "cpt"),
                new BadRow("malformed NPI '1234567890': the check digit does not match", "other_services.csv", other,
                        "P1,2026-10-03,99214,1234567893", "P1,2026-10-04,99214,1234567890",
                        "P2,2026-10-03,G0556,1245319599", "P1|2026-10-04|99214|1234567890", "billing_npi"),
                new BadRow("malformed NPI '12345': expected 10 digits", "care_team.csv", "member_id,name,credential,npi",
                        "M1,Ann Smith,MD,1234567893", "M3,Carl Brown,DO,12345", "M2,Bob Jones,rn,", "M3", "npi"),
                new BadRow("malformed MBI: expected 11 characters in the CMS format (e.g. 1EG4TE5MK73)", "patients.csv",
                        PATIENTS_HEADER,
                        "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11",
                        "P2,1SG4TE5MK73,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,11",
                        "P3,1a00a00aa99,Jane,Doe,1940-05-06,F,M1,,,,,", "P2", "mbi"),
                new BadRow("malformed place of service '1': expected 2 digits", "patients.csv", PATIENTS_HEADER,
                        "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11",
                        "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,1",
                        "P3,1A00A00AA99,Jane,Doe,1940-05-06,F,M1,,,,,02", "P2", "place_of_service"),
                new BadRow("enrolled_to 2026-02-28 is before enrolled_from 2026-03-01", "enrollments.csv",
                        "patient_id,enrolled_from,enrolled_to", "P1,2026-01-05,", "P2,2026-03-01,2026-02-28",
                        "P2,2026-02-05,2026-02-05", "P2|2026-03-01", "enrolled_to"),
                new BadRow("discharge_date 2026-10-03 is before admit_date 2026-10-04", "inpatient_stays.csv",
                        "patient_id,admit_date,discharge_date", "P1,2026-10-01,2026-10-03", "P2,2026-10-04,2026-10-03",
                        "P2,2026-10-10,", "P2|2026-10-04", "discharge_date"),
                new BadRow("duplicate key in file, first at line 2", "conditions.csv", cond,
                        "P1,E11.9,Diabetes,true,2020-01-01,", "P1,e119,Diabetes again,true,2021-01-01,",
                        "P2,E11.9,Diabetes,true,,", "P1|e119", "patient_id|icd10"),
                new BadRow("value too long: 21 characters, at most 20", "care_team.csv", "member_id,name,credential,npi",
                        "M1,Ann Smith,MD,1234567893", "M3,Carl Brown,ABCDEFGHIJKLMNOPQRSTU,", "M2,Bob Jones,RN,", "M3",
                        "credential"),
                new BadRow("the row has 6 values, the header has 7 columns", "time_entries.csv", ENTRIES_HEADER, entryOk,
                        "E2,P1,M2,2026-10-05T11:00,15.00,PHONE_CALL", entryOk2, "E2", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRows")
    void rejectsTheBadRowAndImportsTheGoodOnes(BadRow row) throws IOException {
        write(row.file(), row.header(), row.good(), row.bad(), row.otherGood());

        ImportReport report = importer.importFrom(dir);

        assertThat(rejects(report)).containsExactly(List.of(row.file(), "3", row.key(), row.field(), row.reason()));
        InputFile file = Stream.of(InputFile.values()).filter(f -> f.fileName().equals(row.file())).findFirst().orElseThrow();
        assertThat(count("SELECT COUNT(*) FROM " + file.table())).isEqualTo(2);
        assertThat(report.file(file)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.IMPORTED);
            assertThat(f.rowsRead()).isEqualTo(3);
            assertThat(f.imported()).isEqualTo(2);
            assertThat(f.rejected()).isEqualTo(1);
        });
    }

    @Test
    void rejectReasonsNeverEchoPatientData() throws IOException {
        write("patients.csv", PATIENTS_HEADER,
                "P1,1EG4TE5MK7,Mary,Major,1950-02-30,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11",
                "P2,9AA0AA0AA00,John,Minor,03/04/1948,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,11");

        ImportReport report = importer.importFrom(dir);

        assertThat(rejects(report)).containsExactly(
                List.of("patients.csv", "2", "P1", "mbi",
                        "malformed MBI: expected 11 characters in the CMS format (e.g. 1EG4TE5MK73)"),
                List.of("patients.csv", "3", "P2", "birth_date",
                        "unparseable date (value not shown), expected YYYY-MM-DD"));
    }

    @Test
    void importsEveryFileWithColumnsInAnyOrderAndDefaultsForAbsentOptionalColumns() throws IOException {
        // a spreadsheet's byte-order mark, columns shuffled, an extra column, optional columns left out
        Files.writeString(dir.resolve("time_entries.csv"), "\uFEFFminutes,entry_id,note,patient_id,member_id,performed_at\n"
                + "15.5,E1,call back,P1,M2,2026-10-05T10:00\n" + "\n" + "7,E2,,P2,M1,2026-10-06T11:15:30\n",
                StandardCharsets.UTF_8);
        write("enrollments.csv", "patient_id,enrolled_from", "P1,2026-01-05", "P2,2026-02-05");
        write("conditions.csv", "patient_id,icd10,chronic,onset_date", "P1,e119,true,2020-01-01", "P1,I10,true,");
        write("attestations.csv", "patient_id,service_month,mdm,care_plan_change", "P1,2026-10,moderate,established");
        write("inpatient_stays.csv", "patient_id,admit_date", "P2,2026-10-10");
        write("other_services.csv", "billing_npi,cpt,service_date,patient_id", "1234567893,99214,2026-10-03,P1");
        write("notes.csv", "whatever", "x");

        ImportReport report = importer.importFrom(dir);

        assertThat(report.incompleteFiles()).isEmpty();
        assertThat(report.rejected()).isZero();
        assertThat(report.files()).extracting(ImportReport.FileReport::file).containsExactly("care_team.csv",
                "patients.csv", "enrollments.csv", "conditions.csv", "attestations.csv", "inpatient_stays.csv",
                "other_services.csv", "time_entries.csv");
        assertThat(report.file(InputFile.TIME_ENTRIES).ignoredColumns()).containsExactly("note");
        assertThat(report.file(InputFile.TIME_ENTRIES).rowsRead()).as("a blank line is not a row").isEqualTo(2);
        assertThat(report.ignoredFiles()).containsExactly("notes.csv");
        assertThat(jdbc.queryForList("SELECT entry_id, minutes, program, activity FROM time_entry ORDER BY entry_id"))
                .extracting(r -> List.of(r.get("ENTRY_ID"), r.get("MINUTES").toString(), r.get("PROGRAM"),
                        String.valueOf(r.get("ACTIVITY"))))
                .containsExactly(List.of("E1", "15.50", "CCM", "null"), List.of("E2", "7.00", "CCM", "null"));
        assertThat(jdbc.queryForObject("SELECT performed_at FROM time_entry WHERE entry_id = 'E2'", String.class))
                .startsWith("2026-10-06 11:15:30");
        assertThat(jdbc.queryForList("SELECT patient_id, place_of_service FROM patient ORDER BY patient_id"))
                .extracting(r -> r.get("PLACE_OF_SERVICE")).containsExactly("11", "11");
        assertThat(jdbc.queryForList("SELECT icd10 FROM condition_record ORDER BY icd10", String.class))
                .containsExactly("E11.9", "I10");
        assertThat(jdbc.queryForMap("SELECT mdm, care_plan_change, attested_by FROM attestation"))
                .containsEntry("MDM", "MODERATE").containsEntry("CARE_PLAN_CHANGE", "ESTABLISHED")
                .containsEntry("ATTESTED_BY", null);
        assertThat(count("SELECT COUNT(*) FROM other_service")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM inpatient_stay WHERE discharge_date IS NULL")).isEqualTo(1);
        assertThat(rejects(report)).isEmpty();
        assertThat(Files.readString(report.rejectsFile())).isEqualTo("file,line,key,field,reason\r\n");

        JsonNode json = JsonMapper.builder().build().readTree(report.reportFile().toFile());
        assertThat(json.get("import_id").asString()).isEqualTo(report.importId());
        assertThat(json.get("files")).hasSize(8);
        assertThat(json.get("files").get(7).get("rows_read").asLong()).isEqualTo(2);
        assertThat(json.get("files").get(7).get("ignored_columns").get(0).asString()).isEqualTo("note");
        assertThat(json.get("ignored_files").get(0).asString()).isEqualTo("notes.csv");
        assertThat(json.get("totals").get("imported").asLong()).isEqualTo(report.imported());
    }

    @Test
    void refusesAFileWhoseHeaderLacksARequiredColumnAndImportsTheOthers() throws IOException {
        write("time_entries.csv", "entry_id,patient_id,performed_at,minutes", "E1,P1,2026-10-05T10:00,15");
        write("conditions.csv", "patient_id,icd10,description,chronic", "P1,E11.9,Diabetes,true");
        write("enrollments.csv", "patient_id,enrolled_from,enrolled_to", "P1,2026-01-05,");

        ImportReport report = importer.importFrom(dir);

        assertThat(report.file(InputFile.TIME_ENTRIES)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.REFUSED);
            assertThat(f.problem()).isEqualTo("the header lacks required column 'member_id'");
            assertThat(f.rowsRead()).isZero();
        });
        assertThat(report.file(InputFile.CONDITIONS).problem()).isEqualTo("the header lacks required column 'onset_date'");
        assertThat(report.incompleteFiles()).hasSize(2);
        assertThat(count("SELECT COUNT(*) FROM time_entry")).isZero();
        assertThat(count("SELECT COUNT(*) FROM condition_record")).isZero();
        assertThat(count("SELECT COUNT(*) FROM enrollment")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM patient")).isEqualTo(2);
        JsonNode json = JsonMapper.builder().build().readTree(report.reportFile().toFile());
        assertThat(json.get("files").get(4).get("refused").asString())
                .isEqualTo("the header lacks required column 'member_id'");
    }

    @Test
    void brokenQuotingRejectsThatLineOnly() throws IOException {
        write("time_entries.csv", ENTRIES_HEADER,
                "E1,P1,M2,2026-10-05T10:00,15.00,PHONE_CALL,CCM",
                "E2,P1,M2,2026-10-06T10:00,5.00,\"PHONE\nCALL\",CCM",
                "E3,P1,M2,2026-10-07T10:00,5.00,\"PHONE\"CALL,CCM",
                "E4,P2,M2,2026-10-08T10:00,5.00,PHONE_CALL,CCM");
        write("enrollments.csv", "patient_id,enrolled_from,enrolled_to", "P1,2026-01-05,");

        ImportReport report = importer.importFrom(dir);

        // E2 spans lines 3 and 4 (a quoted line break is fine); E3 on line 5 breaks the quoting, E4 after it is read
        assertThat(rejects(report)).singleElement().satisfies(reject -> {
            assertThat(reject.subList(0, 4)).containsExactly("time_entries.csv", "5", "", "");
            assertThat(reject.get(4)).isEqualTo("broken quoting: a character follows the closing quote of value 6"
                    + " (column 39 of the row)");
        });
        assertThat(jdbc.queryForList("SELECT entry_id FROM time_entry ORDER BY entry_id", String.class))
                .containsExactly("E1", "E2", "E4");
        assertThat(report.file(InputFile.TIME_ENTRIES)).satisfies(f -> {
            assertThat(f.status()).isEqualTo(Status.IMPORTED);
            assertThat(f.linesRead()).isEqualTo(5);
            assertThat(f.rowsRead()).isEqualTo(4);
            assertThat(f.imported()).isEqualTo(3);
            assertThat(f.rejected()).isEqualTo(1);
            assertThat(f.problem()).isNull();
            assertThat(f.lineAccount()).isEqualTo("5 lines read = 3 rows imported + 1 rejected + 1 continuing quoted values");
        });
        assertThat(count("SELECT COUNT(*) FROM enrollment")).isEqualTo(1);
    }

    @Test
    void unterminatedQuoteAtTheEndRejectsThatLine() throws IOException {
        write("enrollments.csv", "patient_id,enrolled_from,enrolled_to", "P1,2026-01-05,", "\"P2,2026-02-05,");

        ImportReport report = importer.importFrom(dir);

        assertThat(rejects(report)).singleElement().satisfies(reject -> {
            assertThat(reject.get(1)).isEqualTo("3");
            assertThat(reject.get(4)).startsWith("broken quoting: a quoted value opens on this line and does not close");
        });
        assertThat(count("SELECT COUNT(*) FROM enrollment")).isEqualTo(1);
        assertThat(report.file(InputFile.ENROLLMENTS).status()).isEqualTo(Status.IMPORTED);
    }

    @Test
    void rejectLinesArePhysicalLinesAcrossQuotedLineBreaks() throws IOException {
        write("conditions.csv", "patient_id,icd10,description,chronic,onset_date,resolved_date",
                "P1,E11.9,\"Type 2 diabetes\nwithout complications\",true,2020-01-01,",
                "P1,I10,Hypertension,maybe,2020-01-01,");

        ImportReport report = importer.importFrom(dir);

        assertThat(rejects(report)).containsExactly(
                List.of("conditions.csv", "4", "P1|I10", "chronic", "unparseable boolean 'maybe', expected true or false"));
        assertThat(jdbc.queryForObject("SELECT description FROM condition_record", String.class))
                .isEqualTo("Type 2 diabetes\nwithout complications");
    }

    @Test
    void importingTheSameFilesTwiceLeavesTheSameTablesAndAChangedRowIsUpdated() throws IOException {
        write("practices.csv", PRACTICES_HEADER, PRACTICE_1, PRACTICE_3);
        write("patients.csv", ADDRESSED_PATIENTS_HEADER,
                "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11,PR1,1 Elm St,,"
                        + "Springfield,IL,62704",
                "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,,PR3,,,,,");
        write("care_team.csv", "member_id,name,credential,npi,taxonomy", "M1,Ann Smith,MD,1234567893,207R00000X",
                "M2,Bob Jones,RN,,");
        write("enrollments.csv", "patient_id,enrolled_from,enrolled_to", "P1,2026-01-05,", "P2,2026-02-05,2026-10-15");
        write("conditions.csv", "patient_id,icd10,description,chronic,onset_date,resolved_date",
                "P1,E11.9,Diabetes,true,2020-01-01,", "P1,I10,Hypertension,true,2019-01-01,");
        write("attestations.csv", "patient_id,service_month,mdm,care_plan_change,attested_by",
                "P1,2026-10,HIGH,ESTABLISHED,M1");
        write("inpatient_stays.csv", "patient_id,admit_date,discharge_date", "P2,2026-10-10,2026-10-12");
        write("other_services.csv", "patient_id,service_date,cpt,billing_npi", "P1,2026-10-03,99214,1234567893");
        write("time_entries.csv", ENTRIES_HEADER, "E1,P1,M2,2026-10-05T10:00,15.00,PHONE_CALL,CCM",
                "E2,P2,M1,2026-10-06T10:00,25.25,CARE_PLAN_REVIEW,CCM");

        importer.importFrom(dir);
        Map<String, List<Map<String, Object>>> first = tables();
        importer.importFrom(dir);

        assertThat(tables()).isEqualTo(first);
        assertThat(first.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());

        write("patients.csv", PATIENTS_HEADER,
                "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M2,2026-03-01,VERBAL,2026-01-01,2026-02-10,22");
        write("time_entries.csv", ENTRIES_HEADER, "E2,P2,M1,2026-10-06T10:00,30,CARE_PLAN_REVIEW,RPM");
        importer.importFrom(dir);

        assertThat(jdbc.queryForMap("SELECT billing_practitioner_id, consent_date, consent_method, place_of_service"
                + " FROM patient WHERE patient_id = 'P2'")).containsEntry("BILLING_PRACTITIONER_ID", "M2")
                .containsEntry("CONSENT_DATE", java.sql.Date.valueOf("2026-03-01"))
                .containsEntry("CONSENT_METHOD", "VERBAL").containsEntry("PLACE_OF_SERVICE", "22");
        assertThat(jdbc.queryForMap("SELECT minutes, program FROM time_entry WHERE entry_id = 'E2'"))
                .containsEntry("MINUTES", new java.math.BigDecimal("30.00")).containsEntry("PROGRAM", "RPM");
        assertThat(count("SELECT COUNT(*) FROM patient")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM time_entry")).isEqualTo(2);
    }

    @Test
    void importsPracticesAsTheBillingProvidersOfTheClaims() throws IOException {
        write("practices.csv", "taxonomy,practice_id,name,npi,tin,address_line1,city,state,postal_code",
                "207Q00000X,PR1,Prairie Family Medicine,1245319599,27-1234567,1200 Medical Center Dr,Springfield,IL,"
                        + "62704-1234",
                "261qp2300x,PR3,Miami Valley Primary Care,1234567893,461234567,45 Wellness Way,Dayton,oh,454091234");

        ImportReport report = importer.importFrom(dir);

        assertThat(rejects(report)).isEmpty();
        assertThat(report.files()).extracting(ImportReport.FileReport::file).first().isEqualTo("practices.csv");
        assertThat(jdbc.queryForList("SELECT * FROM practice ORDER BY practice_id")).containsExactly(
                practice("PR1", "Prairie Family Medicine", "1245319599", "271234567", "1200 Medical Center Dr", null,
                        "Springfield", "IL", "627041234", "207Q00000X"),
                practice("PR3", "Miami Valley Primary Care", "1234567893", "461234567", "45 Wellness Way", null, "Dayton",
                        "OH", "454091234", "261QP2300X"));
    }

    @Test
    void importsPatientsWithTheirPracticeAndAddressAndRejectsAnUnknownPractice() throws IOException {
        write("practices.csv", PRACTICES_HEADER, PRACTICE_1, PRACTICE_3);
        write("care_team.csv", "member_id,name,credential,npi,taxonomy", "M1,Ann Smith,MD,1234567893,207r00000x",
                "M2,Bob Jones,RN,,");
        write("patients.csv", ADDRESSED_PATIENTS_HEADER,
                "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11,PR1,1 Elm St,"
                        + "Apt 4B,Springfield,il,62704-0042",
                "P2,9AA0AA0AA00,John,Minor,1948-03-04,M,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,,PR9,2 Oak Ave,,"
                        + "Dayton,OH,45409",
                "P3,1A00A00AA99,Jane,Doe,1940-05-06,F,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,,PR3,PO Box 77,,"
                        + "Dayton,OH,45409",
                "P4,5Y99Y99YY55,Ruth,Hill,1944-07-08,F,M1,2026-02-05,WRITTEN,2026-01-01,2026-02-10,,,,,,,");

        ImportReport report = importer.importFrom(dir);

        assertThat(rejects(report)).containsExactly(List.of("patients.csv", "3", "P2", "practice_id", "unknown practice 'PR9'"));
        assertThat(jdbc.queryForList("SELECT patient_id, practice_id, address_line1, address_line2, city, state, postal_code"
                + " FROM patient ORDER BY patient_id")).extracting(r -> (List<Object>) new java.util.ArrayList<>(r.values())).containsExactly(
                        java.util.Arrays.<Object>asList("P1", "PR1", "1 Elm St", "Apt 4B", "Springfield", "IL", "627040042"),
                        // a patient's address may be a PO box: only the billing provider's must be a street
                        java.util.Arrays.<Object>asList("P3", "PR3", "PO Box 77", null, "Dayton", "OH", "45409"),
                        // no practice (the only one) and no address: imported; the submission says what is missing
                        java.util.Arrays.<Object>asList("P4", null, null, null, null, null, null));
        assertThat(jdbc.queryForList("SELECT member_id || ':' || COALESCE(taxonomy, '-') FROM care_team_member"
                + " ORDER BY member_id", String.class)).containsExactly("M1:207R00000X", "M2:-");
    }

    @Test
    void aPracticeIdOnAPatientNeedsPracticesCsvBeforeOrWithIt() throws IOException {
        write("patients.csv", ADDRESSED_PATIENTS_HEADER,
                "P1,1EG4TE5MK73,Mary,Major,1950-01-02,F,M1,2026-01-05,VERBAL,2025-12-01,2026-01-10,11,PR1,1 Elm St,,"
                        + "Springfield,IL,62704");

        assertThat(rejects(importer.importFrom(dir))).containsExactly(
                List.of("patients.csv", "2", "P1", "practice_id", "unknown practice 'PR1'"));

        write("practices.csv", PRACTICES_HEADER, PRACTICE_1);
        assertThat(rejects(importer.importFrom(dir))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT practice_id FROM patient WHERE patient_id = 'P1'", String.class))
                .isEqualTo("PR1");
    }

    private static Map<String, Object> practice(Object... values) {
        List<String> columns = InputFile.PRACTICES.columns();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).toUpperCase(java.util.Locale.ROOT), values[i]);
        }
        return row;
    }

    @Test
    void batchBoundariesKeepRejectsInLineOrderAndRowsCounted() throws IOException {
        write("time_entries.csv", ENTRIES_HEADER,
                "E1,P1,M2,2026-10-01T10:00,1,,",
                "E2,P9,M2,2026-10-01T10:00,1,,",
                "E3,P1,M2,2026-10-01T10:00,0,,",
                "E4,P1,M9,2026-10-01T10:00,1,,",
                "E5,P2,M2,2026-10-01T10:00,1,,",
                "E6,P2,M2,2026-10-01T10:00,1,,",
                "E6,P2,M2,2026-10-01T10:00,2,,");
        CsvImporter smallBatches = new CsvImporter(dataSource, Dialect.of(dataSource), clock, out, 2);

        ImportReport report = smallBatches.importFrom(dir);

        assertThat(rejects(report)).extracting(r -> r.get(1) + " " + r.get(4)).containsExactly(
                "3 unknown patient 'P9'", "4 minutes out of range: 0 is not greater than 0", "5 unknown member 'M9'");
        // a repeated entry_id in time_entries.csv is not checked in the file: the later row updates the earlier
        assertThat(jdbc.queryForList("SELECT entry_id || ':' || minutes FROM time_entry ORDER BY entry_id", String.class))
                .containsExactly("E1:1.00", "E5:1.00", "E6:2.00");
        assertThat(report.file(InputFile.TIME_ENTRIES).imported()).isEqualTo(4);
        assertThat(report.file(InputFile.TIME_ENTRIES).rejected()).isEqualTo(3);
    }

    @Test
    void twoImportsInTheSameSecondGetTheirOwnReportDirectory() throws IOException {
        ImportReport first = importer.importFrom(dir);
        ImportReport second = importer.importFrom(dir);

        assertThat(first.importId()).startsWith("20261128T120000Z-");
        assertThat(second.importId()).startsWith("20261128T120000Z-").isNotEqualTo(first.importId());
        assertThat(first.reportDirectory()).isEqualTo(out.resolve("imports").resolve(first.importId()));
        assertThat(first.reportFile()).exists();
        assertThat(second.reportFile()).exists();
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private static List<List<String>> rejects(ImportReport report) throws IOException {
        try (Reader reader = Files.newBufferedReader(report.rejectsFile());
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            assertThat(parser.getHeaderNames()).containsExactly("file", "line", "key", "field", "reason");
            return parser.stream().map(CSVRecord::toList).toList();
        }
    }

    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (InputFile file : InputFile.values()) {
            tables.put(file.table(), jdbc.queryForList(
                    "SELECT * FROM " + file.table() + " ORDER BY " + String.join(", ", file.keyColumns())));
        }
        return tables;
    }
}
