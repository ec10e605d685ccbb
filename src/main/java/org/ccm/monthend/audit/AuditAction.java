package org.ccm.monthend.audit;

/** The state-changing actions that go on the record (../shared/console.md, "/audit"). */
public enum AuditAction {
    CLAIM_HELD,
    CLAIM_RELEASED,
    SUBMISSION_PUBLISHED,
    CLAIM_RESUBMITTED,
    CLAIM_VOIDED,
    REMITTANCE_POSTED,
    CLOSE_STARTED,
    EXECUTION_RESTARTED,
    EXECUTION_STOPPED,
    USER_ADDED,
    USER_DISABLED,
    USER_PASSWORD_RESET,
    LOGIN_FAILED,
    FILES_VERIFIED
}
