package org.ccm.monthend.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claim id is a key (claim table, claims.csv, evidence.csv): the JVM's locale must not choose its digits. */
class ClaimIdTests {

    @ParameterizedTest
    @ValueSource(strings = {"th-TH-u-nu-thai", "ar-SA", "hi-IN-u-nu-deva", "und"})
    void claimIdHasAsciiDigitsWhateverTheDefaultLocale(String tag) {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag(tag));
        try {
            assertThat(Claim.idFor("P001", YearMonth.of(2026, 3))).isEqualTo("CCM-202603-P001");
        }
        finally {
            Locale.setDefault(before);
        }
    }
}
