package org.ccm.monthend.rules;

import java.nio.file.Path;

import org.ccm.monthend.billing.RuleSet;

/**
 * A rule set and where it came from: the rule file and the chargemaster, each with the SHA-256 of the bytes that
 * were parsed. A close records the checksums when it starts and a restart compares them.
 *
 * @param chargemaster the chargemaster file (null when none is configured)
 * @param chargemasterSha256 {@link RuleSetCatalog#NO_CHARGEMASTER} when there is no chargemaster file
 */
public record LoadedRuleSet(RuleSet ruleSet, Path file, String sha256, Path chargemaster, String chargemasterSha256) {
}
