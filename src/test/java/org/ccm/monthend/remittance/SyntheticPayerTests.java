package org.ccm.monthend.remittance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The synthetic payer's answers, claim by claim: Medicare's arithmetic, the January deductible, balance, determinism. */
class SyntheticPayerTests {

    private static List<SyntheticPayer.Row> claim(String month, String patient) {
        String id = "CCM-" + month.replace("-", "") + "-" + patient;
        return List.of(new SyntheticPayer.Row(id, id, "PR1", month, "JANE", "DOE", "1EG4TE5MK73", "11", 1, "99490", 1,
                new BigDecimal("66.13"), new BigDecimal("66.13")),
                new SyntheticPayer.Row(id, id, "PR1", month, "JANE", "DOE", "1EG4TE5MK73", "11", 2, "99439", 1, new BigDecimal("48.10"),
                        new BigDecimal("48.10")));
    }

    @Test
    void paidClaimsAreEightyPercentLessSequestrationWithTheDeductibleOnlyInJanuary() {
        int januaryDeductibles = 0;
        int octoberDeductibles = 0;
        for (int p = 0; p < 400; p++) {
            for (String month : List.of("2027-01", "2026-10")) {
                Era835.ClaimPayment answer = SyntheticPayer.answer(claim(month, "P" + p), 3, 0.0);
                if (answer == null) {
                    continue;
                }
                assertBalances(answer);
                for (Era835.ServicePayment line : answer.lines()) {
                    BigDecimal deductible = amount(line, "PR", "1");
                    if (deductible.signum() > 0) {
                        if (month.startsWith("2027-01")) {
                            januaryDeductibles++;
                        }
                        else {
                            octoberDeductibles++;
                        }
                    }
                    BigDecimal allowed = line.allowed();
                    BigDecimal coinsurance = allowed.subtract(deductible).multiply(new BigDecimal("0.2")).setScale(2, RoundingMode.HALF_UP);
                    BigDecimal medicare = allowed.subtract(deductible).subtract(coinsurance);
                    BigDecimal sequestration = medicare.multiply(new BigDecimal("0.02")).setScale(2, RoundingMode.HALF_UP);
                    assertThat(amount(line, "PR", "2")).isEqualByComparingTo(coinsurance);
                    assertThat(amount(line, "CO", "253")).isEqualByComparingTo(sequestration);
                    assertThat(line.paid()).isEqualByComparingTo(medicare.subtract(sequestration));
                }
            }
        }
        assertThat(januaryDeductibles).as("some January claims meet the deductible").isPositive();
        assertThat(octoberDeductibles).isZero();
    }

    @Test
    void deniedClaimsCarryTheFourReasonsAndTheSameSeedGivesTheSameAnswer() {
        List<String> reasons = new ArrayList<>();
        for (int p = 0; p < 400; p++) {
            Era835.ClaimPayment answer = SyntheticPayer.answer(claim("2026-10", "P" + p), 5, 0.5);
            assertThat(SyntheticPayer.answer(claim("2026-10", "P" + p), 5, 0.5)).isEqualTo(answer);
            if (answer == null) {
                continue;
            }
            assertBalances(answer);
            answer.lines().stream().flatMap(l -> l.adjustments().stream()).filter(Adjustment::denies)
                    .forEach(a -> reasons.add(a.group() + "-" + a.reason()));
            if (answer.lines().stream().anyMatch(l -> l.adjustments().stream().anyMatch(a -> a.reason().equals("16")))) {
                assertThat(answer.lines().stream().flatMap(l -> l.remarks().stream())).contains("MA130");
            }
        }
        assertThat(reasons).contains("CO-18", "CO-B9", "CO-97", "CO-16").allMatch(r -> List.of("CO-18", "CO-B9", "CO-97", "CO-16").contains(r));
    }

    private static void assertBalances(Era835.ClaimPayment answer) {
        Balance balance = new Balance();
        Era835.Header header = new Era835.Header(1, "1", "0001", 3, answer.paid(), "ACH", null, "T", "1", "PAYER", "00882");
        balance.transaction(header);
        balance.claim(header, answer);
        balance.endTransaction(header);
        assertThat(balance.firstDifference()).isEmpty();
    }

    private static BigDecimal amount(Era835.ServicePayment line, String group, String reason) {
        return line.adjustments().stream().filter(a -> a.group().equals(group) && a.reason().equals(reason)).map(Adjustment::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
