-- The console's users (issue 14): Spring Security's standard tables for JdbcUserDetailsManager (its users.ddl, in
-- MySQL types), passwords as BCrypt hashes ({bcrypt}...), roles as authorities ROLE_AUDITOR, ROLE_BILLER,
-- ROLE_OPERATOR, ROLE_ADMIN. No default user: 'user add NAME --role ROLE' creates them. Names compare without case
-- (utf8mb4_general_ci on the name columns), as H2's VARCHAR_IGNORECASE does.
CREATE TABLE users (
    username VARCHAR(50)  CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL PRIMARY KEY,
    password VARCHAR(500) NOT NULL,
    enabled  BOOLEAN      NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE authorities (
    username  VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
    authority VARCHAR(50) NOT NULL,
    CONSTRAINT fk_authorities_users FOREIGN KEY (username) REFERENCES users (username),
    UNIQUE INDEX ix_auth_username (username, authority)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every login attempt on the console, for the lock-out (5 failures in 15 minutes) and the audit log. The name is
-- what was typed (it may name no user). Times are UTC wall-clock values (DATETIME: no session time zone applies).
CREATE TABLE login_attempt (
    attempt_id BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username   VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
    at         DATETIME(6) NOT NULL,
    succeeded  BOOLEAN     NOT NULL,
    INDEX login_attempt_user_idx (username, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The console's claims page filters and sorts a month's claims on the server (../shared/console.md): by claim id, by
-- family, by minutes (descending: read backwards), by practice and billing practitioner; and the paid amount per month.
CREATE INDEX claim_month_claim_idx ON claim (service_month, claim_id);
CREATE INDEX claim_month_family_idx ON claim (service_month, family, claim_id);
CREATE INDEX claim_month_minutes_idx ON claim (service_month, minutes_counted, claim_id);
CREATE INDEX patient_practice_idx ON patient (practice_id);
CREATE INDEX patient_practitioner_idx ON patient (billing_practitioner_id);
CREATE INDEX claim_month_paid_idx ON claim (service_month, paid_amount);
