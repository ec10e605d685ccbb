-- The audit log (issue 14, ../shared/console.md "/audit"): every state-changing action of the console and of the
-- CLI, written in the same transaction as the change it records. Append-only: the application only ever INSERTs.
-- No patient data: the target is a claim id, a month, an execution id, an interchange (ISA13), a remittance or a
-- user name. Times are UTC wall-clock values (DATETIME: no session time zone applies).
CREATE TABLE audit_event (
    audit_id    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at          DATETIME(6)   NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    -- the console or the command line (cli) or the scheduler
    channel     VARCHAR(20)   NOT NULL,
    action      VARCHAR(40)   NOT NULL,
    -- what kind of thing the target is: claim, month, execution, submission, remittance, user
    target_type VARCHAR(20),
    target      VARCHAR(100),
    -- the service month the action concerns, when there is one ('2026-10'), for the audit page's filter
    service_month VARCHAR(7),
    reason      VARCHAR(1000),
    outcome     VARCHAR(20)   NOT NULL,
    INDEX audit_event_at_idx (at, audit_id),
    INDEX audit_event_actor_idx (actor, at),
    INDEX audit_event_action_idx (action, at),
    INDEX audit_event_month_idx (service_month, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
