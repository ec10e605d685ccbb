package org.ccm.monthend.audit;

import java.time.Instant;

/**
 * One action on the record. {@code targetType} and {@code target} name what was acted on (a claim id, a month, an
 * execution id, an ISA13, a remittance key, a user name: never patient data); {@code month} is the service month it
 * concerns, when there is one; {@code outcome} is {@code OK}, {@code REFUSED} or {@code FAILED}.
 */
public record AuditEntry(Long id, Instant at, String actor, String channel, AuditAction action, String targetType, String target,
        String month, String reason, String outcome) {

    public static final String CLI = "cli";
    public static final String CONSOLE = "console";
    public static final String SCHEDULER = "scheduler";

    /** An action that happened, to be recorded now. */
    public static AuditEntry of(String actor, String channel, AuditAction action, String targetType, String target, String month,
            String reason) {
        return new AuditEntry(null, null, actor, channel, action, targetType, target, month, reason, "OK");
    }

    public AuditEntry withOutcome(String outcome) {
        return new AuditEntry(id, at, actor, channel, action, targetType, target, month, reason, outcome);
    }
}
