package org.ccm.monthend.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CLM01 (claim-lifecycle.md, "Claim control number"): the id itself up to 20 characters, else C + 19 of base-32 SHA-256. */
class ClaimControlNumberTests {

    @ParameterizedTest
    @CsvSource({
            "CCM-202610-P001, CCM-202610-P001",
            // exactly 20 characters: still the id
            "CCM-202610-P0000001, CCM-202610-P0000001",
            "CCM-202610-P00000012, CCM-202610-P00000012",
            // 21 characters and more: C + the first 19 characters of base32(SHA-256(id)), computed independently
            "CCM-202610-PATIENT-0000000001, CYOTUS3C56IFI4YP7RFU"})
    void controlNumberIsTheIdUpToTwentyCharactersElseAHash(String claimId, String expected) {
        assertThat(ClaimControlNumber.of(claimId)).isEqualTo(expected).hasSizeLessThanOrEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource({"foobar, MZXW6YTBOI", "f, MY", "fooba, MZXW6YTB"})
    void base32IsThatOfRfc4648WithoutPadding(String text, String expected) {
        assertThat(ClaimControlNumber.base32(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"CCM-202610-PATIENT-0000000001, CCM-202610-PATIENT-0000000002"})
    void longIdsGetDifferentStableNumbers(String one, String other) {
        assertThat(ClaimControlNumber.of(one)).isEqualTo(ClaimControlNumber.of(one)).isNotEqualTo(ClaimControlNumber.of(other))
                .hasSize(20).startsWith("C");
    }
}
