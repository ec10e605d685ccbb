package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of one service year, as data (config/rules): minute tables, fees, credential categories,
 * the codes that mean "CCM billed", the services that exclude CCM, what makes a month complex.
 *
 * @param fees fee schedule amount per code (national, non-facility)
 * @param charges the practice's chargemaster amount per code; codes not listed are charged at the fee
 * @param credentials credential (upper case) to category; unknown credentials are NON_CLINICAL
 * @param ccmCodes codes that, billed by another NPI in the month, mean BILLED_ELSEWHERE
 * @param complexMdm MDM levels that can make a month complex
 * @param complexCarePlanChanges care-plan changes that can make a month complex
 */
public record RuleSet(
        String id,
        int serviceYear,
        Map<Family, FamilyRule> families,
        Map<String, BigDecimal> fees,
        Map<String, BigDecimal> charges,
        Map<String, CredentialCategory> credentials,
        Set<String> ccmCodes,
        List<ConflictRule> conflicts,
        Set<String> complexMdm,
        Set<String> complexCarePlanChanges) {

    public RuleSet {
        families = Map.copyOf(families);
        fees = Map.copyOf(fees);
        charges = Map.copyOf(charges);
        credentials = Map.copyOf(credentials);
        ccmCodes = Set.copyOf(ccmCodes);
        conflicts = List.copyOf(conflicts);
        complexMdm = Set.copyOf(complexMdm);
        complexCarePlanChanges = Set.copyOf(complexCarePlanChanges);
    }

    public CredentialCategory category(String credential) {
        return credential == null ? CredentialCategory.NON_CLINICAL
                : credentials.getOrDefault(credential.trim().toUpperCase(java.util.Locale.ROOT), CredentialCategory.NON_CLINICAL);
    }

    public BigDecimal fee(String code) {
        BigDecimal fee = fees.get(code);
        if (fee == null) {
            throw new IllegalStateException("rule set " + id + " has no fee for " + code);
        }
        return fee;
    }

    public BigDecimal charge(String code) {
        return charges.getOrDefault(code, fee(code));
    }
}
