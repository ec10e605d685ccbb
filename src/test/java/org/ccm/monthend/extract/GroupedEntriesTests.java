package org.ccm.monthend.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.billing.Practitioner;
import org.ccm.monthend.billing.TimeEntry;
import org.junit.jupiter.api.Test;

class GroupedEntriesTests {

    private static final Map<String, Practitioner> MEMBERS = Map.of("M1", new Practitioner("M1", "RN", null));

    @Test
    void readsBackEveryValueExactlyAsTheColumnsHoldIt() {
        List<TimeEntry> into = new ArrayList<>();
        // as MariaDB and MySQL write JSON_ARRAY of the values cast to text; a quote and a comma in a value are escaped
        GroupedEntries.parse("[\"E1\", \"M1\", \"2026-11-03 10:15:00.250000\", \"15.50\", \"CARE \\\"PLAN\\\", call\", \"CCM\"],"
                + "[\"E2\",\"M9\",\"2026-11-30 23:59:59.000000\",\"0.25\",null,\"PCM\"]", 2, MEMBERS, into);

        assertThat(into).hasSize(2);
        TimeEntry first = into.get(0);
        assertThat(first.entryId()).isEqualTo("E1");
        assertThat(first.memberId()).isEqualTo("M1");
        assertThat(first.credential()).isEqualTo("RN");
        assertThat(first.performedAt()).isEqualTo(LocalDateTime.of(2026, 11, 3, 10, 15, 0, 250_000_000));
        assertThat(first.minutes()).isEqualTo(new BigDecimal("15.50")).hasToString("15.50");
        assertThat(first.activity()).isEqualTo("CARE \"PLAN\", call");
        assertThat(first.program()).isEqualTo("CCM");
        TimeEntry second = into.get(1);
        assertThat(second.credential()).as("a member not on the care team").isNull();
        assertThat(second.activity()).isNull();
        assertThat(second.minutes()).hasToString("0.25");
    }

    @Test
    void aListShorterThanTheCountIsRefused() {
        assertThatThrownBy(() -> GroupedEntries.parse("[\"E1\",\"M1\",\"2026-11-03 10:15:00\",\"15.00\",null,\"CCM\"]", 2, MEMBERS,
                new ArrayList<>())).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 of 2 entries");
    }

    @Test
    void aListCutInTheMiddleIsRefused() {
        assertThatThrownBy(() -> GroupedEntries.parse("[\"E1\",\"M1\",\"2026-11-03 10:15:00\",\"15.0", 1, MEMBERS, new ArrayList<>()))
                .isInstanceOf(RuntimeException.class);
    }
}
