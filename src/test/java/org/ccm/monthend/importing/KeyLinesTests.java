package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyLinesTests {

    @Test
    void remembersTheFirstLineOfEachKeyAcrossGrowth() {
        KeyLines keys = new KeyLines();
        for (int i = 0; i < 200_000; i++) {
            assertThat(keys.putIfAbsent("P" + i + "|E11.9", i + 2)).isZero();
        }
        assertThat(keys.size()).isEqualTo(200_000);
        assertThat(keys.putIfAbsent("P0|E11.9", 999_999)).isEqualTo(2);
        assertThat(keys.putIfAbsent("P123456|E11.9", 999_999)).isEqualTo(123_458);
        assertThat(keys.putIfAbsent("P123456|E11.90", 999_999)).isZero();
        assertThat(keys.size()).isEqualTo(200_001);
    }

    @Test
    void comparesKeysByContentNotByHash() {
        KeyLines keys = new KeyLines();
        // "Aa" and "BB" have the same String hash code
        assertThat(keys.putIfAbsent("Aa", 2)).isZero();
        assertThat(keys.putIfAbsent("BB", 3)).isZero();
        assertThat(keys.putIfAbsent("Aa", 4)).isEqualTo(2);
        assertThat(keys.putIfAbsent("BB", 5)).isEqualTo(3);
        assertThat(keys.putIfAbsent("é|ü", 6)).isZero();
        assertThat(keys.putIfAbsent("é|ü", 7)).isEqualTo(6);
    }
}
