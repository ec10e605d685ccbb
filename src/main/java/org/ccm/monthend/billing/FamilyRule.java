package org.ccm.monthend.billing;

import java.math.BigDecimal;

/**
 * A family's minute table: the base code at {@code baseMinutes}, then one add-on unit per further full
 * {@code addOnMinutes}, at most {@code maxAddOnUnits} (null = uncapped). No rounding up, ever.
 */
public record FamilyRule(
        Family family,
        String baseCode,
        BigDecimal baseMinutes,
        String addOnCode,
        BigDecimal addOnMinutes,
        Integer maxAddOnUnits) {

    /** Add-on units earned by {@code minutes}, or -1 when the base threshold is not reached. */
    public int addOnUnits(BigDecimal minutes) {
        if (minutes.compareTo(baseMinutes) < 0) {
            return -1;
        }
        int units = minutes.subtract(baseMinutes).divideToIntegralValue(addOnMinutes).intValueExact();
        return maxAddOnUnits == null ? units : Math.min(units, maxAddOnUnits);
    }
}
