-- Posting an 835 transaction in several database transactions (issue 13's speed point: ccm.remit.chunk-claims claims
-- each, so memory does not grow with the file): its remittance row is recorded POSTING before its first claim and
-- switched to POSTED in the database transaction of its last claim, with the audit row. Each chunk's commit carries
-- the checkpoint below; a run that dies in between leaves the row POSTING, and the next 'remit' of the same file
-- (same SHA-256) continues after the checkpoint instead of posting anything twice. Rows posted before this version
-- were posted whole: POSTED.
ALTER TABLE remittance ADD COLUMN state VARCHAR(10) DEFAULT 'POSTED' NOT NULL;
-- the CLP ordinal (1 = the transaction's first claim) through which the transaction's claims are posted or rejected
ALTER TABLE remittance ADD COLUMN posted_through INT DEFAULT 0 NOT NULL;
-- the length of remittance-rejects.csv (kept in <output-dir>/remittances/.posting-<remittance_id>/ until the row is
-- POSTED) that holds the rejects of the committed claims: a continuing run cuts what a dead run wrote after it
ALTER TABLE remittance ADD COLUMN rejects_bytes BIGINT DEFAULT 0 NOT NULL;
