package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import org.ccm.monthend.rules.RuleSetCatalog;

/** The project's own rule sets (config/rules, tests run from the project root), and variants of them for tests. */
final class RuleSets {

    static final Path RULES_DIR = Path.of("config/rules");

    private static final RuleSetCatalog CATALOG = RuleSetCatalog.load(RULES_DIR, null);

    private RuleSets() {
    }

    static RuleSet forMonth(YearMonth month) {
        return CATALOG.forMonth(month);
    }

    /** The same rule set with some fees replaced, e.g. to build a tie the real fee schedules never give. */
    static RuleSet withFees(RuleSet base, Map<String, String> fees) {
        Map<String, BigDecimal> merged = new HashMap<>(base.fees());
        fees.forEach((code, amount) -> merged.put(code, new BigDecimal(amount)));
        return new RuleSet(base.id() + "-test", base.serviceYear(), base.families(), merged, base.charges(),
                base.credentials(), base.ccmCodes(), base.conflicts(), base.complexMdm(), base.complexCarePlanChanges());
    }
}
