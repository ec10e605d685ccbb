package org.ccm.monthend.console;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVRecord;
import org.ccm.monthend.audit.AuditEntry;
import org.ccm.monthend.audit.AuditTrail;
import org.ccm.monthend.billing.ReasonCode;
import org.ccm.monthend.remittance.PostedClaim;
import org.ccm.monthend.remittance.Remittances;
import org.ccm.monthend.review.ClaimEvent;
import org.ccm.monthend.review.ClaimReview;
import org.ccm.monthend.review.ClaimStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One claim with everything behind it: lines, diagnoses, place and date of service, the rule set and its SHA-256, the
 * family billed and the runner-up with both amounts (from claims.csv, found by bisection), every gate it passed, the
 * evidence entries of the month (time_entry with who and credential, what evidence.csv says each counted as) whose
 * counted minutes add up to {@code minutes_counted}, and its lifecycle (claim_event and the audit log).
 */
@Component
public class ClaimDetail {

    private final JdbcTemplate jdbc;
    private final Published published;
    private final ClaimReview review;
    private final AuditTrail audit;

    private final Remittances remittances;

    ClaimDetail(JdbcTemplate jdbc, Published published, ClaimReview review, AuditTrail audit, Remittances remittances) {
        this.remittances = remittances;
        this.jdbc = jdbc;
        this.published = published;
        this.review = review;
        this.audit = audit;
    }

    public record Claim(String claimId, String patientId, String mbi, YearMonth month, int revision, long executionId, ClaimStatus status,
            String family, String billingNpi, LocalDate dateOfService, String placeOfService, BigDecimal minutesCounted,
            BigDecimal charge, BigDecimal expected, String ruleSet, String ruleSetSha256, String runnerUpFamily, BigDecimal runnerUpPayment,
            String practiceId, String practitionerId, String practitionerName, List<Line> lines, List<Diagnosis> diagnoses,
            List<Gate> gates, List<Evidence> evidence, BigDecimal evidenceMinutes, List<ClaimEvent> events, List<AuditEntry> audit,
            String evidenceProblem, List<PostedClaim> answers) {

        /** The counted evidence adds up to the claim's minutes. */
        public boolean evidenceAddsUp() {
            return evidenceMinutes.compareTo(minutesCounted) == 0;
        }

        public boolean holdable() {
            return status == ClaimStatus.DECIDED || status == ClaimStatus.RELEASED;
        }

        public boolean releasable() {
            return status == ClaimStatus.HELD;
        }
    }

    public record Line(int line, String cpt, int units, BigDecimal charge, BigDecimal expected) {
    }

    public record Diagnosis(int pointer, String icd10, String description, LocalDate onset) {
    }

    public record Gate(String gate, boolean passed, String fact) {
    }

    public record Evidence(String entryId, String memberId, String who, String credential, LocalDateTime performedAt, BigDecimal minutes,
            String activity, String program, String countedAs, String reason, boolean onThisClaim) {
    }

    public Optional<Claim> claim(String claimId) throws IOException {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT c.claim_id, c.patient_id, c.service_month, c.revision, c.job_execution_id, c.status, c.family, c.billing_npi,
                       c.date_of_service, c.minutes_counted, c.charge_amount, c.expected_payment, c.rule_set, c.dx1, c.dx2, c.dx3, c.dx4,
                       p.mbi, p.place_of_service, p.practice_id, p.billing_practitioner_id, p.consent_date, p.consent_method,
                       p.initiating_visit_date, p.care_plan_date, m.name AS practitioner_name
                  FROM claim c JOIN patient p ON p.patient_id = c.patient_id
                  LEFT JOIN care_team_member m ON m.member_id = p.billing_practitioner_id
                 WHERE c.claim_id = ?""", claimId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> c = lower(rows.get(0));
        String patient = (String) c.get("patient_id");
        YearMonth month = YearMonth.parse(((String) c.get("service_month")).strip());
        int revision = ((Number) c.get("revision")).intValue();
        BigDecimal minutesCounted = (BigDecimal) c.get("minutes_counted");

        List<Line> lines = jdbc.query("SELECT line, cpt, units, charge_amount, expected_payment FROM claim_line WHERE claim_id = ? ORDER BY line",
                (rs, n) -> new Line(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5)), claimId);

        Map<String, Object[]> conditions = new HashMap<>();
        jdbc.query("SELECT icd10, description, onset_date FROM condition_record WHERE patient_id = ?", rs -> {
            conditions.put(rs.getString(1), new Object[] {rs.getString(2), rs.getObject(3, LocalDate.class)});
        }, patient);
        List<Diagnosis> diagnoses = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String code = (String) c.get("dx" + i);
            if (code != null) {
                Object[] known = conditions.getOrDefault(code, new Object[] {null, null});
                diagnoses.add(new Diagnosis(i, code, (String) known[0], (LocalDate) known[1]));
            }
        }

        Optional<Published.Revision> publication = published.revision(month, revision);
        String ruleSetSha = publication.flatMap(published::summary).map(Published.Summary::ruleSetSha256).orElse(null);
        String runnerUp = null;
        BigDecimal runnerUpPayment = null;
        String problem = null;
        Map<String, CSVRecord> evidenceRows = new HashMap<>();
        List<Map<String, Object>> entries = jdbc.queryForList("""
                SELECT e.entry_id, e.member_id, m.name, m.credential, e.performed_at, e.minutes, e.activity, e.program
                  FROM time_entry e LEFT JOIN care_team_member m ON m.member_id = e.member_id
                 WHERE e.patient_id = ? AND e.performed_at >= ? AND e.performed_at < ?
                 ORDER BY e.performed_at, e.entry_id""", patient, month.atDay(1).atStartOfDay(), month.plusMonths(1).atDay(1).atStartOfDay());
        if (publication.isPresent()) {
            Path claimsCsv = publication.get().file("claims.csv");
            Path evidenceCsv = publication.get().file("evidence.csv");
            if (Files.isRegularFile(claimsCsv)) {
                try (SortedCsv claims = SortedCsv.open(claimsCsv)) {
                    List<CSVRecord> found = claims.find(claimId);
                    int family = claims.header().indexOf("runner_up_family");
                    int payment = claims.header().indexOf("runner_up_payment");
                    if (!found.isEmpty() && family >= 0 && payment >= 0) {
                        runnerUp = blank(found.get(0).get(family));
                        runnerUpPayment = blank(found.get(0).get(payment)) == null ? null : new BigDecimal(found.get(0).get(payment));
                    }
                }
            }
            else {
                problem = "claims.csv is missing from " + publication.get().path();
            }
            if (Files.isRegularFile(evidenceCsv)) {
                try (SortedCsv evidence = SortedCsv.open(evidenceCsv)) {
                    for (Map<String, Object> entry : entries) {
                        String id = (String) lower(entry).get("entry_id");
                        evidence.find(id).stream().findFirst().ifPresent(row -> evidenceRows.put(id, row));
                    }
                }
            }
            else {
                problem = "evidence.csv is missing from " + publication.get().path();
            }
        }
        else {
            problem = "the month's export (revision " + revision + ") is not published";
        }
        List<Evidence> evidence = new ArrayList<>();
        BigDecimal counted = BigDecimal.ZERO;
        for (Map<String, Object> raw : entries) {
            Map<String, Object> e = lower(raw);
            CSVRecord row = evidenceRows.get((String) e.get("entry_id"));
            // evidence.csv: entry_id, patient_id, claim_id, counted_as, reason, minutes
            boolean onClaim = row != null && claimId.equals(row.get(2));
            BigDecimal minutes = (BigDecimal) e.get("minutes");
            if (onClaim) {
                counted = counted.add(row.size() > 5 ? new BigDecimal(row.get(5)) : minutes);
            }
            evidence.add(new Evidence((String) e.get("entry_id"), (String) e.get("member_id"), (String) e.get("name"),
                    (String) e.get("credential"), toDateTime(e.get("performed_at")), minutes, (String) e.get("activity"),
                    (String) e.get("program"), row == null ? "not in evidence.csv" : row.get(3), row == null ? null : blank(row.get(4)), onClaim));
        }

        List<Gate> gates = gates(c, conditions.size(), minutesCounted);
        return Optional.of(new Claim(claimId, patient, (String) c.get("mbi"), month, revision, ((Number) c.get("job_execution_id")).longValue(),
                ClaimStatus.valueOf((String) c.get("status")), (String) c.get("family"), (String) c.get("billing_npi"),
                toDate(c.get("date_of_service")), (String) c.get("place_of_service"), minutesCounted, (BigDecimal) c.get("charge_amount"),
                (BigDecimal) c.get("expected_payment"), (String) c.get("rule_set"), ruleSetSha, runnerUp, runnerUpPayment,
                (String) c.get("practice_id"), (String) c.get("billing_practitioner_id"), (String) c.get("practitioner_name"), lines, diagnoses,
                gates, evidence, counted.setScale(2), review.events(claimId), audit.about("claim", claimId), problem,
                remittances.forClaim(claimId)));
    }

    /** The gates of ccm-rules.md section 4 in their order: a billed claim passed each; the fact it passed on. */
    private static List<Gate> gates(Map<String, Object> c, int conditions, BigDecimal minutes) {
        List<Gate> gates = new ArrayList<>();
        for (ReasonCode gate : ReasonCode.values()) {
            String fact = switch (gate) {
                case NOT_ENROLLED -> "enrolled in CCM during the month";
                case NO_CONSENT -> "consent " + (c.get("consent_method") == null ? "" : c.get("consent_method") + " ") + "dated "
                        + toDate(c.get("consent_date"));
                case FEWER_THAN_TWO_CHRONIC_CONDITIONS -> conditions + " conditions on record, at least two chronic and active (the diagnoses below)";
                case NO_CARE_PLAN -> "care plan dated " + toDate(c.get("care_plan_date"));
                case NO_INITIATING_VISIT -> "initiating visit on " + toDate(c.get("initiating_visit_date"));
                case INELIGIBLE_BILLING_PRACTITIONER -> "billed under NPI " + c.get("billing_npi");
                case BILLED_ELSEWHERE -> "no CCM code billed under another NPI this month";
                case CONFLICTING_SERVICE -> "no conflicting service this month";
                case ALREADY_BILLED -> "not billed by an earlier revision or outside this product";
                case BELOW_THRESHOLD -> minutes.toPlainString() + " minutes counted, at or above the family's base threshold";
            };
            gates.add(new Gate(gate.name(), true, fact));
        }
        return gates;
    }

    private static Map<String, Object> lower(Map<String, Object> row) {
        Map<String, Object> lower = new HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return lower;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        return value == null ? null : LocalDate.parse(value.toString().substring(0, 10));
    }

    private static LocalDateTime toDateTime(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (value instanceof LocalDateTime time) {
            return time;
        }
        return value == null ? null : LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }
}
