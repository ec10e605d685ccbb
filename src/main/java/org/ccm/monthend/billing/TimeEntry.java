package org.ccm.monthend.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One logged block of care-management time.
 *
 * @param credential the credential of the member who performed it (joined from the care team)
 * @param program CCM, RPM, PCM, BHI, TCM, ... (null is read as CCM)
 */
public record TimeEntry(
        String entryId,
        String memberId,
        String credential,
        LocalDateTime performedAt,
        BigDecimal minutes,
        String activity,
        String program) {
}
