package org.ccm.monthend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.BatchUpdateException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;

/** A failure said without the values the driver quoted, still naming the table, the constraint and the kind. */
class FailureTextTests {

    @Test
    void anH2PrimaryKeyViolationNamesTheTableAndConstraintButNotTheKey() {
        var vendor = new BatchUpdateException("Unique index or primary key violation: \"PUBLIC.CONSTRAINT_3D INDEX PUBLIC.PRIMARY_KEY_3D "
                + "ON PUBLIC.CLAIM(PATIENT_ID, SERVICE_MONTH) VALUES ( /* key:1 */ 'PZZ9001', CAST('2026-10' AS CHAR(7)))\"; SQL statement:\n"
                + "INSERT INTO claim (claim_id, patient_id) VALUES (?, ?) [23505-240]", "23505", 23505, new int[0]);
        var failure = new DuplicateKeyException("PreparedStatementCallback; SQL [INSERT INTO claim (claim_id, patient_id) VALUES (?, ?)]; "
                + vendor.getMessage(), vendor);

        assertThat(FailureText.of(failure)).isEqualTo(
                "DuplicateKeyException on table claim, constraint PRIMARY_KEY_3D (SQLState 23505, vendor code 23505)");
    }

    @Test
    void aMysqlDuplicateEntryNamesTheKeyButNotTheEntry() {
        var vendor = new SQLIntegrityConstraintViolationException("Duplicate entry 'PZZ9001-2026-10' for key 'claim.PRIMARY'", "23000", 1062);

        assertThat(FailureText.of(new DuplicateKeyException("PreparedStatementCallback; SQL [INSERT INTO claim ...]; x", vendor)))
                .isEqualTo("DuplicateKeyException on table claim, constraint PRIMARY (SQLState 23000, vendor code 1062)")
                .doesNotContain("PZZ9001");
    }

    @Test
    void aMysqlForeignKeyFailureNamesTheChildTableAndConstraint() {
        var vendor = new SQLIntegrityConstraintViolationException("Cannot add or update a child row: a foreign key constraint fails "
                + "(`ccm`.`claim_line`, CONSTRAINT `claim_line_fk` FOREIGN KEY (`claim_id`) REFERENCES `claim` (`claim_id`)) "
                + "values ('CCM-202610-PZZ9001')", "23000", 1452);

        assertThat(FailureText.of(new DataIntegrityViolationException("x", vendor)))
                .isEqualTo("DataIntegrityViolationException on table claim_line, constraint claim_line_fk (SQLState 23000, vendor code 1452)");
    }

    @Test
    void aDroppedConnectionKeepsTheDriversWordsWhichQuoteNoRow() {
        var vendor = new SQLNonTransientConnectionException("Can not read response from server. Expected to read 4 bytes\nmore", "08000", 0);

        assertThat(FailureText.of(new RuntimeException("wrapped", vendor)))
                .isEqualTo("SQLNonTransientConnectionException (SQLState 08000, vendor code 0): Can not read response from server. "
                        + "Expected to read 4 bytes");
    }

    @Test
    void aLostLinkAddsTheSocketsWordsUnderTheDrivers() {
        var vendor = new SQLNonTransientConnectionException("Communications link failure\n\nThe last packet ...", "08S01", 0,
                new java.io.EOFException("Can not read response from server. Expected to read 4 bytes, read 0 bytes"));

        assertThat(FailureText.of(new RecoverableDataAccessException("PreparedStatementCallback; SQL [INSERT INTO claim (a) VALUES (?)]; x",
                vendor))).isEqualTo("RecoverableDataAccessException on table claim (SQLState 08S01, vendor code 0): Communications link failure; "
                        + "EOFException: Can not read response from server. Expected to read 4 bytes, read 0 bytes");
    }

    @Test
    void anotherLibrarysMessageIsLeftOutButOursAndAPathAreKept() {
        assertThat(FailureText.of(notOurs())).isEqualTo("NumberFormatException");
        assertThat(FailureText.of(new UncheckedIOException(new NoSuchFileException("/data/in/patients.csv"))))
                .isEqualTo("NoSuchFileException: /data/in/patients.csv");
        assertThat(FailureText.of(new UsageException("--month must be YYYY-MM"))).isEqualTo("UsageException: --month must be YYYY-MM");
        assertThat(FailureText.of(ours())).isEqualTo("IllegalStateException: threshold met but no entry reaches it");
    }

    /** The JDK quoting the value it could not parse. */
    private static NumberFormatException notOurs() {
        try {
            Integer.parseInt("PZZ9001");
            throw new AssertionError("parsed");
        }
        catch (NumberFormatException ex) {
            return ex;
        }
    }

    /** Thrown from this application's code, as BillingRules throws. */
    private static IllegalStateException ours() {
        return new IllegalStateException("threshold met but no entry reaches it");
    }
}
