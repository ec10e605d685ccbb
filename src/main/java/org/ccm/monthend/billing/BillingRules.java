package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Decides one patient-month under one rule set (ccm-rules.md): counts each time entry (section 3),
 * checks the gates in order (section 4), picks one code family (section 2) and builds the claim
 * (section 5). Pure and deterministic: the same input gives the same decision, in the close and the
 * preview alike.
 */
public final class BillingRules {

    private static final String DEFAULT_PROGRAM = "CCM";
    private static final String FACE_TO_FACE_VISIT = "FACE_TO_FACE_VISIT";
    private static final String DEFAULT_PLACE_OF_SERVICE = "11";

    private final RuleSet rules;
    private final BillingSettings settings;

    public BillingRules(RuleSet rules, BillingSettings settings) {
        this.rules = Objects.requireNonNull(rules);
        this.settings = Objects.requireNonNull(settings);
    }

    public RuleSet ruleSet() {
        return rules;
    }

    public Decision decide(PatientMonth pm) {
        if (pm.month().getYear() != rules.serviceYear()) {
            throw new IllegalArgumentException("rule set " + rules.id() + " cannot decide " + pm.month());
        }
        List<Counted> counted = count(pm);
        BigDecimal staff = sum(counted, CountedAs.STAFF);
        BigDecimal practitioner = sum(counted, CountedAs.PRACTITIONER);
        List<Candidate> candidates = candidates(pm, staff, practitioner);

        List<GateFailure> failures = gates(pm, candidates);
        if (!failures.isEmpty()) {
            List<EntryEvidence> evidence = counted.stream()
                    .map(c -> new EntryEvidence(c.entry.entryId(), c.as, c.reason, c.entry.minutes(), false))
                    .toList();
            return new Decision(pm.patientId(), pm.month(), null,
                    new NotBilled(failures.get(0).code(), detail(staff, practitioner, failures)), evidence, staff, practitioner);
        }

        Candidate chosen = choose(candidates);
        Candidate runnerUp = candidates.stream().filter(c -> c != chosen).min(byPreference()).orElse(null);
        List<EntryEvidence> evidence = new ArrayList<>();
        for (Counted c : counted) {
            boolean onClaim = c.as != CountedAs.NOT_COUNTED && chosen.uses(c.as);
            EntryReason reason = c.as == CountedAs.NOT_COUNTED ? c.reason : onClaim ? null : EntryReason.NOT_IN_BILLED_FAMILY;
            evidence.add(new EntryEvidence(c.entry.entryId(), c.as, reason, c.entry.minutes(), onClaim));
        }
        Claim claim = new Claim(Claim.idFor(pm.patientId(), pm.month(), pm.voidedBefore(), pm.revision()), pm.patientId(),
                pm.patient().mbi(), pm.billingPractitioner().npi(), pm.month(), dateOfService(pm, counted, chosen),
                placeOfService(pm.patient()), chosen.rule.family(), chosen.lines(rules), diagnoses(pm),
                chosen.minutes, runnerUp == null ? null : runnerUp.rule.family(),
                runnerUp == null ? null : runnerUp.payment, rules.id(), pm.voidedBefore());
        return new Decision(pm.patientId(), pm.month(), claim, null, evidence, staff, practitioner);
    }

    // ---- section 3: whose time counts --------------------------------------------------------

    private List<Counted> count(PatientMonth pm) {
        List<Counted> counted = new ArrayList<>(pm.timeEntries().size());
        pm.timeEntries().stream().sorted(Comparator.comparing(TimeEntry::entryId)).forEach(entry -> {
            EntryReason reason = notCountedReason(entry, pm);
            CountedAs as = reason != null ? CountedAs.NOT_COUNTED
                    : entry.memberId().equals(pm.patient().billingPractitionerId()) ? CountedAs.PRACTITIONER
                    : CountedAs.STAFF;
            counted.add(new Counted(entry, as, reason));
        });
        return counted;
    }

    /** The first counting rule that excludes the entry, or null when it counts. */
    private EntryReason notCountedReason(TimeEntry entry, PatientMonth pm) {
        String program = entry.program() == null || entry.program().isBlank() ? DEFAULT_PROGRAM : entry.program().trim();
        if (!DEFAULT_PROGRAM.equalsIgnoreCase(program)) {
            return EntryReason.OTHER_PROGRAM; // time billed to RPM, PCM, BHI, TCM ... is not counted again
        }
        if (FACE_TO_FACE_VISIT.equalsIgnoreCase(entry.activity())) {
            return EntryReason.FACE_TO_FACE;
        }
        LocalDate day = entry.performedAt().toLocalDate();
        LocalDate consent = pm.patient().consentDate();
        if (consent == null || day.isBefore(consent)) {
            return EntryReason.BEFORE_CONSENT;
        }
        for (InpatientStay stay : pm.inpatientStays()) {
            if (!day.isBefore(stay.admitDate()) && (stay.dischargeDate() == null || !day.isAfter(stay.dischargeDate()))) {
                return EntryReason.INPATIENT_STAY;
            }
        }
        if (rules.category(entry.credential()) == CredentialCategory.NON_CLINICAL) {
            return EntryReason.NON_CLINICAL_STAFF;
        }
        return null;
    }

    // ---- section 1 and 2: candidate families and the choice ------------------------------------

    private List<Candidate> candidates(PatientMonth pm, BigDecimal staff, BigDecimal practitioner) {
        List<Candidate> candidates = new ArrayList<>(3);
        BigDecimal staffFamilyMinutes = staff.add(practitioner);
        addIfMet(candidates, rules.families().get(Family.NON_COMPLEX), staffFamilyMinutes);
        if (attestedComplex(pm)) {
            addIfMet(candidates, rules.families().get(Family.COMPLEX), staffFamilyMinutes);
        }
        addIfMet(candidates, rules.families().get(Family.PRACTITIONER), practitioner);
        return candidates;
    }

    private void addIfMet(List<Candidate> candidates, FamilyRule rule, BigDecimal minutes) {
        int addOnUnits = rule.addOnUnits(minutes);
        if (addOnUnits >= 0) {
            BigDecimal payment = rules.fee(rule.baseCode())
                    .add(rules.fee(rule.addOnCode()).multiply(BigDecimal.valueOf(addOnUnits)));
            candidates.add(new Candidate(rule, minutes, addOnUnits, money(payment)));
        }
    }

    /** Minutes alone never make a month complex: the attestation must say MDM moderate/high and a new or substantially revised plan. */
    private boolean attestedComplex(PatientMonth pm) {
        Attestation a = pm.attestation();
        return a != null && a.mdm() != null && a.carePlanChange() != null
                && rules.complexMdm().contains(a.mdm().trim().toUpperCase(java.util.Locale.ROOT))
                && rules.complexCarePlanChanges().contains(a.carePlanChange().trim().toUpperCase(java.util.Locale.ROOT));
    }

    private Candidate choose(List<Candidate> candidates) {
        if (settings.selectionPolicy() == SelectionPolicy.PREFER_COMPLEX_WHEN_ATTESTED) {
            for (Candidate c : candidates) {
                if (c.rule.family() == Family.COMPLEX) {
                    return c;
                }
            }
        }
        return candidates.stream().min(byPreference()).orElseThrow();
    }

    /** Highest expected payment first; on a tie non-complex, then complex, then practitioner. */
    private static Comparator<Candidate> byPreference() {
        return Comparator.comparing((Candidate c) -> c.payment).reversed()
                .thenComparing(c -> c.rule.family().ordinal());
    }

    // ---- section 4: gates -------------------------------------------------------------------------

    private List<GateFailure> gates(PatientMonth pm, List<Candidate> candidates) {
        YearMonth month = pm.month();
        LocalDate last = month.atEndOfMonth();
        Patient patient = pm.patient();
        List<GateFailure> failures = new ArrayList<>();

        boolean enrolled = pm.enrollments().stream().anyMatch(e -> InTheMonth.enrolled(e, month));
        if (!enrolled) {
            failures.add(new GateFailure(ReasonCode.NOT_ENROLLED, "no CCM enrollment overlaps " + month));
        }
        if (patient.consentDate() == null || patient.consentDate().isAfter(last)) {
            failures.add(new GateFailure(ReasonCode.NO_CONSENT, patient.consentDate() == null
                    ? "no consent recorded" : "consent dated " + patient.consentDate() + ", after the month"));
        }
        TreeSet<String> categories = new TreeSet<>();
        for (Condition c : activeChronic(pm)) {
            categories.add(c.category());
        }
        if (categories.size() < 2) {
            failures.add(new GateFailure(ReasonCode.FEWER_THAN_TWO_CHRONIC_CONDITIONS,
                    "chronic_categories=" + String.join("|", categories)));
        }
        if (patient.carePlanDate() == null || patient.carePlanDate().isAfter(last)) {
            failures.add(new GateFailure(ReasonCode.NO_CARE_PLAN, patient.carePlanDate() == null
                    ? "no care plan" : "care plan dated " + patient.carePlanDate() + ", after the month"));
        }
        if (patient.initiatingVisitDate() == null || patient.initiatingVisitDate().isAfter(last)) {
            failures.add(new GateFailure(ReasonCode.NO_INITIATING_VISIT, patient.initiatingVisitDate() == null
                    ? "no initiating visit" : "initiating visit dated " + patient.initiatingVisitDate() + ", after the month"));
        }
        Practitioner practitioner = pm.billingPractitioner();
        String npi = practitioner == null || practitioner.npi() == null || practitioner.npi().isBlank() ? null : practitioner.npi();
        if (practitioner == null) {
            failures.add(new GateFailure(ReasonCode.INELIGIBLE_BILLING_PRACTITIONER,
                    "billing practitioner " + Objects.toString(patient.billingPractitionerId(), "(none)") + " is not on the care team"));
        }
        else if (rules.category(practitioner.credential()) != CredentialCategory.BILLING_PRACTITIONER) {
            failures.add(new GateFailure(ReasonCode.INELIGIBLE_BILLING_PRACTITIONER,
                    "billing practitioner " + practitioner.memberId() + " has credential " + practitioner.credential()));
        }
        else if (npi == null) {
            failures.add(new GateFailure(ReasonCode.INELIGIBLE_BILLING_PRACTITIONER,
                    "billing practitioner " + practitioner.memberId() + " has no NPI"));
        }
        List<OtherService> inMonth = pm.otherServices().stream()
                .filter(s -> YearMonth.from(s.serviceDate()).equals(month))
                .sorted(Comparator.comparing(OtherService::serviceDate).thenComparing(OtherService::cpt).thenComparing(OtherService::billingNpi))
                .toList();
        // CMS: only one practitioner may bill CCM for a patient in a month (the largest OIG finding)
        inMonth.stream().filter(s -> rules.ccmCodes().contains(s.cpt()) && !s.billingNpi().equals(npi)).findFirst()
                .ifPresent(s -> failures.add(new GateFailure(ReasonCode.BILLED_ELSEWHERE,
                        s.cpt() + " billed by NPI " + s.billingNpi() + " on " + s.serviceDate())));
        inMonth.stream().filter(s -> conflicts(s, npi)).findFirst()
                .ifPresent(s -> failures.add(new GateFailure(ReasonCode.CONFLICTING_SERVICE,
                        s.cpt() + " (" + conflictName(s) + ") on " + s.serviceDate())));
        // never a duplicate: neither an earlier revision's export nor a CCM code our own practitioner billed outside this
        // product (the same practitioner billing twice is the other half of the OIG's duplicate finding, A-07-17-05101)
        List<String> alreadyBilled = new ArrayList<>(2);
        if (pm.alreadyBilledClaimId() != null) {
            alreadyBilled.add("claim " + pm.alreadyBilledClaimId() + " exported by another revision");
        }
        inMonth.stream().filter(s -> rules.ccmCodes().contains(s.cpt()) && s.billingNpi().equals(npi)).findFirst()
                .ifPresent(s -> alreadyBilled.add("billed outside this product: " + s.cpt() + " on " + s.serviceDate()
                        + " by NPI " + s.billingNpi() + " (" + OtherService.SOURCE + ")"));
        if (!alreadyBilled.isEmpty()) {
            failures.add(new GateFailure(ReasonCode.ALREADY_BILLED, String.join("; ", alreadyBilled)));
        }
        if (candidates.isEmpty()) {
            failures.add(new GateFailure(ReasonCode.BELOW_THRESHOLD, "no family reaches its base threshold"));
        }
        return failures;
    }

    private boolean conflicts(OtherService s, String npi) {
        return rules.conflicts().stream().anyMatch(c -> c.covers(s.cpt()) && (!c.samePractitionerOnly() || s.billingNpi().equals(npi)));
    }

    private String conflictName(OtherService s) {
        return rules.conflicts().stream().filter(c -> c.covers(s.cpt())).map(ConflictRule::name).findFirst().orElse("?");
    }

    private static List<Condition> activeChronic(PatientMonth pm) {
        return pm.conditions().stream().filter(c -> InTheMonth.activeChronic(c, pm.month())).toList();
    }

    private static String detail(BigDecimal staff, BigDecimal practitioner, List<GateFailure> failures) {
        StringBuilder detail = new StringBuilder()
                .append("staff_minutes=").append(staff.toPlainString())
                .append("; practitioner_minutes=").append(practitioner.toPlainString())
                .append("; ").append(failures.get(0).detail());
        if (failures.size() > 1) {
            detail.append("; also_failing=");
            for (int i = 1; i < failures.size(); i++) {
                detail.append(i > 1 ? "|" : "").append(failures.get(i).code());
            }
        }
        return detail.toString();
    }

    // ---- section 5: the claim ---------------------------------------------------------------------

    private LocalDate dateOfService(PatientMonth pm, List<Counted> counted, Candidate chosen) {
        if (settings.dateOfService() == DateOfServicePolicy.LAST_DAY_OF_MONTH) {
            return pm.month().atEndOfMonth();
        }
        BigDecimal running = BigDecimal.ZERO;
        List<Counted> used = counted.stream().filter(c -> c.as != CountedAs.NOT_COUNTED && chosen.uses(c.as))
                .sorted(Comparator.comparing((Counted c) -> c.entry.performedAt()).thenComparing(c -> c.entry.entryId()))
                .toList();
        for (Counted c : used) {
            running = running.add(c.entry.minutes());
            if (running.compareTo(chosen.rule.baseMinutes()) >= 0) {
                return c.entry.performedAt().toLocalDate();
            }
        }
        // no patient id in the message: it reaches the console, the log and the execution's exit message
        throw new IllegalStateException("threshold met but no entry reaches it (rule set " + rules.id() + ", month " + pm.month() + ")");
    }

    private static String placeOfService(Patient patient) {
        return patient.placeOfService() == null || patient.placeOfService().isBlank() ? DEFAULT_PLACE_OF_SERVICE : patient.placeOfService();
    }

    /** Up to four active chronic codes, by onset date (unknown onset first) then code. */
    private static List<String> diagnoses(PatientMonth pm) {
        return activeChronic(pm).stream()
                .sorted(Comparator.comparing(Condition::onsetDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Condition::icd10))
                .map(Condition::icd10)
                .limit(4)
                .toList();
    }

    private static BigDecimal sum(List<Counted> counted, CountedAs as) {
        return counted.stream().filter(c -> c.as == as).map(c -> c.entry.minutes())
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private record Counted(TimeEntry entry, CountedAs as, EntryReason reason) {
    }

    private record GateFailure(ReasonCode code, String detail) {
    }

    private record Candidate(FamilyRule rule, BigDecimal minutes, int addOnUnits, BigDecimal payment) {

        /** Staff families bill staff plus the practitioner's minutes; 99491 only the practitioner's. */
        boolean uses(CountedAs as) {
            return rule.family() != Family.PRACTITIONER || as == CountedAs.PRACTITIONER;
        }

        List<ClaimLine> lines(RuleSet rules) {
            List<ClaimLine> lines = new ArrayList<>(2);
            lines.add(new ClaimLine(1, rule.baseCode(), 1, money(rules.charge(rule.baseCode())), money(rules.fee(rule.baseCode()))));
            if (addOnUnits > 0) {
                BigDecimal units = BigDecimal.valueOf(addOnUnits);
                lines.add(new ClaimLine(2, rule.addOnCode(), addOnUnits,
                        money(rules.charge(rule.addOnCode()).multiply(units)), money(rules.fee(rule.addOnCode()).multiply(units))));
            }
            return lines;
        }
    }
}
