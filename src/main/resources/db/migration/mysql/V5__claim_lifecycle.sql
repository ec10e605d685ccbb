-- The claim lifecycle (../shared/claim-lifecycle.md): each claim's status, and an append-only event per change
-- (who, when, why, and the interchange or remittance that caused it). The application only ever INSERTs into
-- claim_event, in the same transaction as the status UPDATE it records. Times are UTC wall-clock values
-- (DATETIME: no session time zone applies). (V4 is the embedded database's month_lock table: MySQL needs none.)

-- A close writes DECIDED itself; the default gives claims of earlier closes their status.
ALTER TABLE claim ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'DECIDED';

-- 'claims --month M [--status S]', and the submission's search for ready claims of a month
CREATE INDEX claim_month_status_idx ON claim (service_month, status, claim_id);

CREATE TABLE claim_event (
    event_id      BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    claim_id      VARCHAR(100)  NOT NULL,
    -- null for the first event (the close decided the claim)
    from_status   VARCHAR(20),
    to_status     VARCHAR(20)   NOT NULL,
    actor         VARCHAR(100)  NOT NULL,
    at            DATETIME(6)   NOT NULL,
    reason        VARCHAR(1000),
    -- the interchange (ISA13) that carried the claim, on SUBMITTED, REPLACED and VOIDED events
    submission_id VARCHAR(40),
    -- the posted remittance, on PAID, PARTIALLY_PAID, DENIED and REVERSED events
    remittance_id VARCHAR(100),
    INDEX claim_event_claim_idx (claim_id, event_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Claims decided before this migration get their DECIDED event too, at the time their month was published.
INSERT INTO claim_event (claim_id, from_status, to_status, actor, at, reason)
SELECT c.claim_id, NULL, 'DECIDED', 'close', COALESCE(m.published_at, UTC_TIMESTAMP(6)),
       CONCAT('decided by close execution ', c.job_execution_id)
FROM claim c LEFT JOIN month_close m ON m.job_execution_id = c.job_execution_id
ORDER BY c.claim_id;
