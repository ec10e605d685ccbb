-- Business tables of the data contract. Identifiers compare byte by byte (binary collation on MySQL)
-- so that ORDER BY patient_id in the database agrees with String order in Java: the month reader
-- merges several sorted streams by patient_id.

CREATE TABLE care_team_member (
    member_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200),
    credential  VARCHAR(20)  NOT NULL,
    npi         CHAR(10)
);

CREATE TABLE patient (
    patient_id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    mbi                     CHAR(11)     NOT NULL,
    first_name              VARCHAR(100),
    last_name               VARCHAR(100),
    birth_date              DATE,
    sex                     VARCHAR(10),
    billing_practitioner_id VARCHAR(64),
    consent_date            DATE,
    consent_method          VARCHAR(10),
    initiating_visit_date   DATE,
    care_plan_date          DATE,
    place_of_service        CHAR(2)      NOT NULL
);

CREATE TABLE enrollment (
    patient_id    VARCHAR(64) NOT NULL,
    enrolled_from DATE        NOT NULL,
    enrolled_to   DATE,
    PRIMARY KEY (patient_id, enrolled_from)
);

CREATE TABLE condition_record (
    patient_id    VARCHAR(64)  NOT NULL,
    icd10         VARCHAR(8)   NOT NULL,
    description   VARCHAR(255),
    chronic       BOOLEAN      NOT NULL,
    onset_date    DATE,
    resolved_date DATE,
    PRIMARY KEY (patient_id, icd10)
);

CREATE TABLE attestation (
    patient_id       VARCHAR(64) NOT NULL,
    service_month    CHAR(7)     NOT NULL,
    mdm              VARCHAR(20) NOT NULL,
    care_plan_change VARCHAR(30) NOT NULL,
    attested_by      VARCHAR(64),
    PRIMARY KEY (patient_id, service_month)
);

CREATE TABLE inpatient_stay (
    patient_id     VARCHAR(64) NOT NULL,
    admit_date     DATE        NOT NULL,
    discharge_date DATE,
    PRIMARY KEY (patient_id, admit_date)
);

CREATE TABLE other_service (
    patient_id   VARCHAR(64) NOT NULL,
    service_date DATE        NOT NULL,
    cpt          VARCHAR(5)  NOT NULL,
    billing_npi  CHAR(10)    NOT NULL,
    PRIMARY KEY (patient_id, service_date, cpt, billing_npi)
);

-- Clustered by patient: the month reader streams entries in (patient_id, entry_id) order, which is
-- then the table's own order (no sort, sequential reads on MySQL), and a restart after patient P starts
-- its range scan at P. entry_id, the contract's key, stays unique.
CREATE TABLE time_entry (
    entry_id     VARCHAR(64)   NOT NULL,
    patient_id   VARCHAR(64)   NOT NULL,
    member_id    VARCHAR(64)   NOT NULL,
    performed_at TIMESTAMP(6)  NOT NULL,
    minutes      DECIMAL(5,2)  NOT NULL,
    activity     VARCHAR(40),
    program      VARCHAR(20)   NOT NULL,
    PRIMARY KEY (patient_id, entry_id),
    CONSTRAINT time_entry_entry_id_un UNIQUE (entry_id)
);

-- The preview and ad-hoc audits read a month by date.
CREATE INDEX time_entry_performed_idx ON time_entry (performed_at);

-- Claims this product has exported: one row per patient-month, ever. The primary key on
-- (patient_id, service_month) is the last line of defence against billing a patient-month twice.
CREATE TABLE claim (
    claim_id         VARCHAR(100)  NOT NULL,
    patient_id       VARCHAR(64)   NOT NULL,
    service_month    CHAR(7)       NOT NULL,
    revision         INT           NOT NULL,
    job_execution_id BIGINT        NOT NULL,
    family           VARCHAR(20)   NOT NULL,
    billing_npi      CHAR(10)      NOT NULL,
    date_of_service  DATE          NOT NULL,
    minutes_counted  DECIMAL(9,2)  NOT NULL,
    charge_amount    DECIMAL(12,2) NOT NULL,
    expected_payment DECIMAL(12,2) NOT NULL,
    rule_set         VARCHAR(40)   NOT NULL,
    PRIMARY KEY (patient_id, service_month),
    CONSTRAINT claim_id_un UNIQUE (claim_id)
);

CREATE TABLE claim_line (
    claim_id         VARCHAR(100)  NOT NULL,
    line             INT           NOT NULL,
    cpt              VARCHAR(5)    NOT NULL,
    units            INT           NOT NULL,
    charge_amount    DECIMAL(12,2) NOT NULL,
    expected_payment DECIMAL(12,2) NOT NULL,
    PRIMARY KEY (claim_id, line)
);

-- One row per published export: what an auditor and 'verify' compare the files against.
CREATE TABLE month_close (
    service_month    CHAR(7)      NOT NULL,
    revision         INT          NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    rule_set         VARCHAR(40)  NOT NULL,
    output_path      VARCHAR(1000) NOT NULL,
    summary_sha256   CHAR(64)     NOT NULL,
    published_at     TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (service_month, revision)
);
