package org.ccm.monthend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlLiteralsTests {

    /** Written out by hand: digits, quoted plain text, NULL, and the UTF-8 bytes of anything else in hexadecimal. */
    @Test
    void rowsBecomeOneInsertWithEveryValueALiteralThatCannotEndEarly() {
        List<Object[]> rows = List.of(
                new Object[] {"000000001", "CCM-202611-P1", 1, "PRACTICE-1", "C1"},
                new Object[] {"000000001", "CCM-202611-O'Brien", 7L, null, "ü\\"});

        assertThat(SqlLiterals.insert("submission_claim", "isa13, claim_id, frequency, practice_id, control_number", rows))
                .isEqualTo("INSERT INTO submission_claim (isa13, claim_id, frequency, practice_id, control_number) VALUES"
                        + " ('000000001', 'CCM-202611-P1', 1, 'PRACTICE-1', 'C1'),"
                        + " ('000000001', _utf8mb4 X'43434D2D3230323631312D4F27427269656E', 7, NULL, _utf8mb4 X'C3BC5C')");
    }
}
