-- Submissions (claim-lifecycle.md, "Submitting (837P)"): the interchanges written, the claims each carries, the
-- control-number sequence, and the diagnoses a claim was decided with (the 837P's HI segment).

-- The interchange control number (ISA13, also GS06 and BHT03): unique and increasing for the sender. A counter row,
-- incremented in the transaction that records the interchange (MySQL 8 has no sequences).
CREATE TABLE control_number (
    name       VARCHAR(40) NOT NULL PRIMARY KEY,
    last_value BIGINT      NOT NULL
);
INSERT INTO control_number (name, last_value) VALUES ('interchange', 0);

-- One row per interchange. RECORDED: its claims are reserved and its creation time fixed, so a crash before it is
-- published is finished by the next submit with the same bytes; PUBLISHED: claims.837 and manifest.json are in place.
CREATE TABLE submission (
    isa13           BIGINT        NOT NULL PRIMARY KEY,
    created_at      TIMESTAMP(0)  NOT NULL,
    usage_indicator CHAR(1)       NOT NULL,
    state           VARCHAR(12)   NOT NULL,
    actor           VARCHAR(100)  NOT NULL,
    claims          INT           NOT NULL,
    service_lines   INT           NOT NULL,
    total_charge    DECIMAL(14,2) NOT NULL,
    path            VARCHAR(1000),
    sha256          CHAR(64),
    published_at    TIMESTAMP(6)
);

-- The claims an interchange carries, in the order written. A claim goes out in one original interchange only
-- (frequency 1); replacements (7) and voids (8) are later rows of their own.
CREATE TABLE submission_claim (
    isa13          BIGINT       NOT NULL,
    claim_id       VARCHAR(100) NOT NULL,
    frequency      INT          NOT NULL,
    practice_id    VARCHAR(64)  NOT NULL,
    control_number VARCHAR(20)  NOT NULL,
    PRIMARY KEY (isa13, claim_id),
    CONSTRAINT submission_claim_once UNIQUE (claim_id, frequency),
    -- two long claim ids whose hashed control numbers collide are refused, never silently share a CLM01
    CONSTRAINT submission_claim_control_number UNIQUE (control_number, frequency)
);

-- dx1..dx4 of claims.csv: what the close decided, as the HI segment carries it
ALTER TABLE claim ADD COLUMN dx1 VARCHAR(8);
ALTER TABLE claim ADD COLUMN dx2 VARCHAR(8);
ALTER TABLE claim ADD COLUMN dx3 VARCHAR(8);
ALTER TABLE claim ADD COLUMN dx4 VARCHAR(8);
