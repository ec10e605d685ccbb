package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A row is rejected only for its own data; a lock, a deadlock or a lost connection fails the import. */
class SqlFailuresTests {

    @ParameterizedTest(name = "{2}: {0} {1}")
    @CsvSource(textBlock = """
            # SQLState, vendor code, what,                           the row's fault, a database failure
            40001,      1213,        MySQL deadlock,                          false,           true
            40001,      1205,        MySQL lock wait timeout (driver),        false,           true
            HY000,      1205,        MySQL lock wait timeout (server),        false,           true
            08S01,      0,           MySQL communications link failure,       false,           true
            08003,      0,           connection closed,                       false,           true
            HYT00,      50200,       H2 lock timeout,                         false,           true
            HY000,      50000,       H2 general error,                        false,           true
            57014,      0,           query cancelled,                         false,           true
            42S02,      1146,        table missing,                           false,           false
            ,           0,           no SQLState at all,                      false,           false
            23505,      23505,       H2 duplicate key,                        true,            false
            23000,      1062,        MySQL duplicate entry,                   true,            false
            23000,      1048,        MySQL column cannot be null,             true,            false
            22001,      1406,        MySQL data too long,                     true,            false
            22001,      22001,       H2 value too long,                       true,            false
            22003,      1264,        MySQL out of range,                      true,            false
            HY000,      1366,        MySQL incorrect value for the column,    true,            false
            HY000,      3819,        MySQL check constraint violated,         true,            false
            """)
    void classifiesByStateAndVendorCode(String state, int code, String what, boolean rowFault, boolean databaseFailure) {
        SQLException failure = new SQLException(what, state, code);

        // neither (a missing table, no state at all): not the row's, so the import fails rather than reject it
        assertThat(SqlFailures.isRowFault(failure)).as(what).isEqualTo(rowFault);
        assertThat(SqlFailures.isDatabaseFailure(failure)).as(what).isEqualTo(databaseFailure);
    }

    static Stream<Arguments> databaseFailuresByType() {
        return Stream.of(Arguments.of(new SQLTransactionRollbackException("deadlock", "23000", 0)),
                Arguments.of(new SQLTimeoutException("timeout", "22000", 0)),
                Arguments.of(new SQLRecoverableException("gone", "23000", 0)),
                Arguments.of(new SQLNonTransientConnectionException("refused", "23000", 0)));
    }

    @ParameterizedTest
    @MethodSource("databaseFailuresByType")
    void aTransientRecoverableOrConnectionExceptionIsTheDatabasesWhateverItsState(SQLException failure) {
        assertThat(SqlFailures.isDatabaseFailure(failure)).isTrue();
        assertThat(SqlFailures.isRowFault(failure)).isFalse();
    }

    @Test
    void aBatchFailureIsJudgedByItsNextExceptionsAndCauses() {
        BatchUpdateException deadlockedBatch = new BatchUpdateException("batch", null, 0, new int[0]);
        deadlockedBatch.setNextException(new SQLException("Deadlock found", "40001", 1213));
        BatchUpdateException refusedBatch = new BatchUpdateException("batch", null, 0, new int[0],
                new SQLException("Duplicate entry", "23000", 1062));

        assertThat(SqlFailures.isDatabaseFailure(deadlockedBatch)).isTrue();
        assertThat(SqlFailures.isDatabaseFailure(refusedBatch)).isFalse();
        assertThat(SqlFailures.isRowFault(refusedBatch)).isTrue();
    }
}
