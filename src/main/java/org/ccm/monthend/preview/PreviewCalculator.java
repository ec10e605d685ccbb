package org.ccm.monthend.preview;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.ClaimLine;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.Family;
import org.ccm.monthend.billing.FamilyRule;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.ReasonCode;
import org.ccm.monthend.billing.RuleSet;

/**
 * Turns the rules' decision for a month so far into a preview line: the family reachable now, the next
 * threshold that would pay more, and whether the patient is at risk of ending the month below the lowest
 * threshold at the pace so far. Pure: no Spring, no I/O; "today" is given.
 */
public final class PreviewCalculator {

    private final BillingRules rules;
    private final LocalDate today;

    public PreviewCalculator(BillingRules rules, LocalDate today) {
        this.rules = Objects.requireNonNull(rules);
        this.today = Objects.requireNonNull(today);
    }

    public PreviewRow preview(PatientMonth patientMonth) {
        Decision decision = rules.decide(patientMonth);
        RuleSet ruleSet = rules.ruleSet();
        BigDecimal staff = decision.staffMinutes();
        BigDecimal practitioner = decision.practitionerMinutes();
        BigDecimal total = staff.add(practitioner);

        Next next;
        Family reachable = null;
        String lines = "";
        BigDecimal payment = BigDecimal.ZERO.setScale(2);
        ReasonCode gate = null;
        if (decision.billed()) {
            reachable = decision.claim().family();
            lines = lines(decision.claim().lines());
            payment = decision.claim().expectedPayment();
            FamilyRule rule = ruleSet.families().get(reachable);
            BigDecimal minutes = decision.claim().minutesCounted();
            BigDecimal threshold = nextThreshold(rule, minutes);
            next = threshold == null ? Next.NONE : new Next(reachable, threshold, threshold.subtract(minutes));
        }
        else {
            // not billable now: the family whose next threshold is nearest (the non-complex base, unless a rule set says otherwise)
            next = Stream.of(next(ruleSet, Family.NON_COMPLEX, total), next(ruleSet, Family.PRACTITIONER, practitioner))
                    .filter(Objects::nonNull)
                    .min(Comparator.comparing(Next::minutesToNext).thenComparing(n -> n.family().ordinal()))
                    .orElse(Next.NONE);
            ReasonCode code = decision.notBilled().reasonCode();
            gate = code == ReasonCode.BELOW_THRESHOLD ? null : code;
        }
        return new PreviewRow(patientMonth.patientId(), staff, practitioner, reachable, lines, next.threshold(), next.minutesToNext(),
                atRisk(patientMonth.month(), total, lowestBase(ruleSet)), gate, next.family(), payment);
    }

    /**
     * At risk: fewer minutes than {@code threshold}, and minutes per elapsed day (the 1st to today, both
     * included) carried over the days left do not reach it by the end of the month. total + total/elapsed x
     * left reaches the threshold exactly when total x days-in-month >= threshold x elapsed, which is how it
     * is computed (no division, no rounding). A month not begun has no pace yet: not at risk.
     */
    boolean atRisk(YearMonth month, BigDecimal total, BigDecimal threshold) {
        if (total.compareTo(threshold) >= 0) {
            return false;
        }
        long elapsed = elapsedDays(month);
        if (elapsed <= 0) {
            return false;
        }
        BigDecimal projected = total.multiply(BigDecimal.valueOf(month.lengthOfMonth()));
        return projected.compareTo(threshold.multiply(BigDecimal.valueOf(elapsed))) < 0;
    }

    /** Days of the month up to and including today, between 0 (not begun) and its length (ended). */
    long elapsedDays(YearMonth month) {
        long days = ChronoUnit.DAYS.between(month.atDay(1), today) + 1;
        return Math.max(0, Math.min(month.lengthOfMonth(), days));
    }

    /** The next minute count at which {@code rule} pays more than it does at {@code minutes}, or null when capped. */
    static BigDecimal nextThreshold(FamilyRule rule, BigDecimal minutes) {
        if (minutes.compareTo(rule.baseMinutes()) < 0) {
            return rule.baseMinutes();
        }
        int units = minutes.subtract(rule.baseMinutes()).divideToIntegralValue(rule.addOnMinutes()).intValueExact();
        if (rule.maxAddOnUnits() != null && units >= rule.maxAddOnUnits()) {
            return null;
        }
        return rule.baseMinutes().add(rule.addOnMinutes().multiply(BigDecimal.valueOf(units + 1L)));
    }

    private static Next next(RuleSet ruleSet, Family family, BigDecimal minutes) {
        FamilyRule rule = ruleSet.families().get(family);
        BigDecimal threshold = rule == null ? null : nextThreshold(rule, minutes);
        return threshold == null ? null : new Next(family, threshold, threshold.subtract(minutes));
    }

    /** The lowest base threshold of the rule set (20 minutes for 99490 in 2022-2026). */
    private static BigDecimal lowestBase(RuleSet ruleSet) {
        return ruleSet.families().values().stream().map(FamilyRule::baseMinutes).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** E.g. {@code 99490+99439x2}. */
    static String lines(List<ClaimLine> lines) {
        return lines.stream().map(l -> l.units() == 1 ? l.cpt() : l.cpt() + "x" + l.units()).collect(Collectors.joining("+"));
    }

    private record Next(Family family, BigDecimal threshold, BigDecimal minutesToNext) {
        static final Next NONE = new Next(null, null, null);
    }
}
