-- Billing providers (issue 12): the practices a claim is submitted under, and what an 837P needs of the
-- patient and the rendering provider. Every new column of patient and care_team_member is nullable: a
-- database of one practice without practices.csv keeps working as before (empty practice_id = the only
-- practice). Widths are the X12 element maxima (NM103 60, N301/N302 55, N401 30) so a value too long for
-- the interchange is an import reject, not a submission failure. (V4 and V5 are other migrations' numbers.)

CREATE TABLE practice (
    practice_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    name          VARCHAR(60) NOT NULL,
    npi           CHAR(10)    NOT NULL,
    tin           CHAR(9)     NOT NULL,
    address_line1 VARCHAR(55) NOT NULL,
    address_line2 VARCHAR(55),
    city          VARCHAR(30) NOT NULL,
    state         CHAR(2)     NOT NULL,
    postal_code   CHAR(9)     NOT NULL,
    taxonomy      CHAR(10)    NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- one statement per table: nullable columns at the end are an instant change on MySQL 8 and MariaDB 10.3+
ALTER TABLE patient
    ADD COLUMN practice_id VARCHAR(64),
    ADD COLUMN address_line1 VARCHAR(55),
    ADD COLUMN address_line2 VARCHAR(55),
    ADD COLUMN city VARCHAR(30),
    ADD COLUMN state CHAR(2),
    -- 5 digits, or 9 for ZIP+4
    ADD COLUMN postal_code VARCHAR(9);

ALTER TABLE care_team_member ADD COLUMN taxonomy CHAR(10);
