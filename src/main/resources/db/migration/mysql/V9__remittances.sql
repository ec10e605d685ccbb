-- Remittances (issue 13, ../shared/claim-lifecycle.md "Posting remittances (835)"): the payer's X12 835 answers,
-- posted against the claims that went out. One remittance row per 835 transaction (ST/SE), keyed by the payer and
-- the check or EFT trace (TRN02, TRN03); its claims, service lines, adjustments (CAS), remark codes (RARC, LQ*HE,
-- MOA) and provider-level adjustments (PLB) as posted. Append-only: a reversal is a later remittance of its own.
-- Times are UTC wall-clock values (DATETIME: no session time zone applies).
CREATE TABLE remittance (
    remittance_id    BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    payer_id         VARCHAR(80)   NOT NULL,
    -- TRN02 (check or EFT trace number) and TRN03 (the payer's originating company id)
    trace_number     VARCHAR(50)   NOT NULL,
    trace_originator VARCHAR(50)   NOT NULL,
    payer_name       VARCHAR(60),
    -- BPR02, BPR04 (CHK, ACH, NON), BPR16 (check issue or EFT effective date)
    payment_amount   DECIMAL(14,2) NOT NULL,
    payment_method   VARCHAR(3),
    payment_date     DATE,
    -- the ISA13 of the 835 interchange and ST02 of the transaction
    interchange      VARCHAR(9),
    transaction_id   VARCHAR(9),
    claims           INT           NOT NULL,
    unmatched        INT           NOT NULL,
    -- the posted file's SHA-256 and the copy kept beside its rejects
    file_sha256      CHAR(64)      NOT NULL,
    file_path        VARCHAR(1000),
    posted_at        DATETIME(6)  NOT NULL,
    posted_by        VARCHAR(100)  NOT NULL,
    CONSTRAINT remittance_trace_un UNIQUE (payer_id, trace_number, trace_originator)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per CLP of a posted transaction that matched a claim this product sent.
CREATE TABLE remittance_claim (
    remittance_id          BIGINT        NOT NULL,
    claim_seq              INT           NOT NULL,
    claim_id               VARCHAR(100)  NOT NULL,
    -- CLP01 as received (the claim's control number)
    control_number         VARCHAR(38)   NOT NULL,
    -- CLP02: 1, 2, 3, 19, 20, 21 processed; 4 denied; 22 reversal
    claim_status_code      VARCHAR(2)    NOT NULL,
    charge_amount          DECIMAL(12,2) NOT NULL,
    paid_amount            DECIMAL(12,2) NOT NULL,
    patient_responsibility DECIMAL(12,2) NOT NULL,
    -- CLP07: the payer's claim control number, REF*F8 of a later replacement or void
    payer_claim_number     VARCHAR(50),
    -- the status this answer gave the claim (PAID, PARTIALLY_PAID, DENIED, REVERSED)
    result_status          VARCHAR(20)   NOT NULL,
    -- set when the claim already had a payment not reversed: flagged, never counted twice
    duplicate_payment      BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (remittance_id, claim_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX remittance_claim_claim_idx ON remittance_claim (claim_id, remittance_id);

-- One row per SVC of a posted claim. claim_line is the claim's line it matched (REF*6R, else code and units).
CREATE TABLE remittance_line (
    remittance_id    BIGINT        NOT NULL,
    claim_seq        INT           NOT NULL,
    line_seq         INT           NOT NULL,
    claim_id         VARCHAR(100)  NOT NULL,
    claim_line       INT           NOT NULL,
    cpt              VARCHAR(5)    NOT NULL,
    units            INT           NOT NULL,
    charge_amount    DECIMAL(12,2) NOT NULL,
    paid_amount      DECIMAL(12,2) NOT NULL,
    -- paid + PR + CO-253 (claim-lifecycle.md "Details")
    allowed_amount   DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (remittance_id, claim_seq, line_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- CAS: per service line (line_seq > 0) or per claim (line_seq = 0).
CREATE TABLE remittance_adjustment (
    remittance_id    BIGINT        NOT NULL,
    claim_seq        INT           NOT NULL,
    line_seq         INT           NOT NULL,
    adjustment_seq   INT           NOT NULL,
    group_code       VARCHAR(2)    NOT NULL,
    reason_code      VARCHAR(5)    NOT NULL,
    amount           DECIMAL(12,2) NOT NULL,
    quantity         DECIMAL(12,2),
    PRIMARY KEY (remittance_id, claim_seq, line_seq, adjustment_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- RARC remark codes: LQ*HE per line (line_seq > 0), MOA per claim (line_seq = 0).
CREATE TABLE remittance_remark (
    remittance_id    BIGINT        NOT NULL,
    claim_seq        INT           NOT NULL,
    line_seq         INT           NOT NULL,
    remark_seq       INT           NOT NULL,
    code             VARCHAR(20)   NOT NULL,
    PRIMARY KEY (remittance_id, claim_seq, line_seq, remark_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- PLB: provider-level adjustments of a remittance (FB forward balance, WO overpayment recovery, L6 interest, ...).
CREATE TABLE provider_adjustment (
    remittance_id    BIGINT        NOT NULL,
    adjustment_seq   INT           NOT NULL,
    provider_id      VARCHAR(50)   NOT NULL,
    fiscal_period    DATE,
    reason_code      VARCHAR(2)    NOT NULL,
    reference        VARCHAR(50),
    amount           DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (remittance_id, adjustment_seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What the claim has now from its answers (null until answered): the latest answer's amounts; a reversal sets them to
-- zero, a later payment sets them again.
-- the remittance whose answer set the claim's status now
ALTER TABLE claim ADD COLUMN remittance_id BIGINT;
ALTER TABLE claim ADD COLUMN payer_claim_number VARCHAR(50);
ALTER TABLE claim ADD COLUMN paid_amount DECIMAL(12,2);
ALTER TABLE claim ADD COLUMN patient_responsibility DECIMAL(12,2);
ALTER TABLE claim ADD COLUMN answered_at DATETIME(6);
ALTER TABLE claim_line ADD COLUMN paid_amount DECIMAL(12,2);
ALTER TABLE claim_line ADD COLUMN allowed_amount DECIMAL(12,2);

-- Corrections (resubmit, void): asked for by a biller, carried by the next submit (frequency 7 or 8, REF*F8).
CREATE TABLE claim_correction (
    correction_id      BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    claim_id           VARCHAR(100)  NOT NULL,
    frequency          INT           NOT NULL,
    payer_claim_number VARCHAR(50)   NOT NULL,
    requested_by       VARCHAR(100)  NOT NULL,
    requested_at       DATETIME(6)  NOT NULL,
    reason             VARCHAR(1000),
    -- the interchange that carried it; null while it waits for the next submit
    isa13              BIGINT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX claim_correction_claim_idx ON claim_correction (claim_id, correction_id);
