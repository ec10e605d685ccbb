package org.ccm.monthend.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statuses a hold may start from (claim-lifecycle.md): only claims no interchange has carried. */
class ClaimStatusTests {

    @ParameterizedTest
    @CsvSource({
            "DECIDED, true, false",
            "RELEASED, true, false",
            "HELD, false, false",
            "SUBMITTED, false, true",
            "PAID, false, true",
            "PARTIALLY_PAID, false, true",
            "DENIED, false, true",
            "REVERSED, false, true",
            "REPLACED, false, true",
            "VOIDED, false, true"})
    void onlyUnsubmittedClaimsCanBeHeld(ClaimStatus status, boolean holdable, boolean submitted) {
        assertThat(status.holdable()).isEqualTo(holdable);
        assertThat(status.submitted()).isEqualTo(submitted);
    }
}
