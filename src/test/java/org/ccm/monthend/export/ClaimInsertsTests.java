package org.ccm.monthend.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClaimInsertsTests {

    @Test
    void rowsTravelAsAJsonArrayOfArraysWithNumbersAsNumbersAndEverythingElseAsStrings() {
        List<Object[]> rows = List.of(
                new Object[] {"CCM-202610-P\"1", 1, 7L, "2026-10-31", "66.13"},
                new Object[] {"CCM-202610-P2", 2, 7L, "2026-10-31", "0.50"});

        assertThat(ClaimInserts.json(rows))
                .isEqualTo("[[\"CCM-202610-P\\\"1\",1,7,\"2026-10-31\",\"66.13\"],[\"CCM-202610-P2\",2,7,\"2026-10-31\",\"0.50\"]]");
    }
}
