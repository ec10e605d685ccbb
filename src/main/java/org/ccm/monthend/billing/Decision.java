package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * The outcome for one patient-month: exactly one of {@code claim} and {@code notBilled} is set.
 *
 * @param evidence one row per time entry of the month, in entry-id order
 */
public record Decision(
        String patientId,
        YearMonth month,
        Claim claim,
        NotBilled notBilled,
        List<EntryEvidence> evidence,
        BigDecimal staffMinutes,
        BigDecimal practitionerMinutes) {

    public Decision {
        evidence = List.copyOf(evidence);
        if ((claim == null) == (notBilled == null)) {
            throw new IllegalArgumentException("a decision has either a claim or a reason, not both: " + patientId);
        }
    }

    public boolean billed() {
        return claim != null;
    }
}
