package org.ccm.monthend.remittance;

import java.math.BigDecimal;

/** A CAS adjustment: group (CO, PR, OA, PI, CR), reason (CARC), amount and, when given, quantity. */
public record Adjustment(String group, String reason, BigDecimal amount, BigDecimal quantity) {

    /** Patient responsibility (PR) or sequestration (CO-253): part of the allowed amount. */
    public boolean allowed() {
        return "PR".equals(group) || isSequestration();
    }

    public boolean isSequestration() {
        return "CO".equals(group) && "253".equals(reason);
    }

    /** CO-45: the charge above the fee schedule, neither allowed nor a denial. */
    public boolean isAboveFeeSchedule() {
        return "CO".equals(group) && "45".equals(reason);
    }

    /** Adjusted by CO, OA or PI other than CO-253 and CO-45: what denies a line. */
    public boolean denies() {
        return ("CO".equals(group) || "OA".equals(group) || "PI".equals(group)) && !isSequestration() && !isAboveFeeSchedule();
    }
}
