-- A void the payer accepted frees the patient-month (issue 13, ../shared/claim-lifecycle.md): a later
-- 'close --revision N' may decide it again, so a patient-month may now hold more than one claim over time,
-- never two that count.
--
-- void_accepted_remittance_id: the posted remittance whose reversal (CLP02 = 22) answered this claim after its
-- void (frequency 8) went out, i.e. the payer accepted the void. Null for every other claim: an unanswered or
-- denied void does not free the month. A claim with it set no longer counts as billed (ALREADY_BILLED).
--
-- voided_before: how many earlier claims of the patient-month had a void the payer accepted when this claim was
-- decided (0 for the first claim of a patient-month, 1 for the claim that re-bills it after one accepted void, ...).
-- The primary key (patient_id, service_month, voided_before) is still the last guard against double billing: two
-- claims decided on the same history of the month (two revisions that both ignored the other) cannot both be stored.
-- One ALTER: InnoDB rebuilds the clustered table once; the close's cursor still reads a patient_id range of it.
ALTER TABLE claim
    ADD COLUMN void_accepted_remittance_id BIGINT NULL,
    ADD COLUMN voided_before INT NOT NULL DEFAULT 0,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (patient_id, service_month, voided_before);

-- A corrected claim corrected again (issue 13): a claim may go out in several replacements (frequency 7), one after
-- the payer answered the one before; still in one original interchange (frequency 1) and one void (8). correction
-- numbers the claim's interchanges of one frequency: 0 for the original, the first replacement and the void, 1 for
-- the second replacement, and so on. Both unique keys take it as their third column.
ALTER TABLE submission_claim
    ADD COLUMN correction INT NOT NULL DEFAULT 0,
    DROP INDEX submission_claim_once,
    ADD CONSTRAINT submission_claim_once UNIQUE (claim_id, frequency, correction),
    DROP INDEX submission_claim_control_number,
    ADD CONSTRAINT submission_claim_control_number UNIQUE (control_number, frequency, correction);
