package org.ccm.monthend.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The 835 check and the product's reader: a written 835 passes; each broken one is caught by the layer that should. */
class Interchange835CheckTests {

    @Test
    void aWrittenRemittancePassesEveryLayerAndTheProductsBalance() throws Exception {
        byte[] file = Sample835.small();
        assertThat(Interchange835Check.problems(file)).isEmpty();
        Balance balance = new Balance();
        Remittance835Reader.read(new ByteArrayInputStream(file), balance);
        assertThat(balance.firstDifference()).isEmpty();
        assertThat(balance.claims()).isEqualTo(2);
    }

    @Test
    void anUnbalancedLineIsCaught() throws Exception {
        // the line's charge one cent more: the line no longer balances, its claim (CLP03, CAS) still does
        String broken = text().replace("SVC*HC:99490*66.13*51.84~", "SVC*HC:99490*66.14*51.84~");
        assertThat(broken).isNotEqualTo(text());
        assertThat(Interchange835Check.problems(bytes(broken))).containsExactly("layer 3: claim 1: a line's charge - paid is not its adjustments");
        assertThat(firstDifference(broken)).startsWith("transaction 1 (ST02 0001), claim 1 at segment 14, service line 1: charge 66.14 - paid 51.84");
    }

    @Test
    void anUnbalancedClaimIsCaught() throws Exception {
        String broken = text().replace("CLP*CCM-202610-P0000010*4*66.13*0.00", "CLP*CCM-202610-P0000010*4*66.14*0.00");
        assertThat(broken).isNotEqualTo(text());
        assertThat(Interchange835Check.problems(bytes(broken))).containsExactly(
                "layer 3: claim 2: CLP03 - CLP04 is not the claim's and lines' adjustments");
        assertThat(firstDifference(broken)).startsWith("transaction 1 (ST02 0001), claim 2 at segment 26: CLP03 66.14 - CLP04 0.00");
    }

    @Test
    void anUnbalancedTransactionIsCaught() throws Exception {
        String broken = text().replace("BPR*I*90.66", "BPR*I*90.65");
        assertThat(broken).isNotEqualTo(text());
        assertThat(Interchange835Check.problems(bytes(broken))).containsExactly(
                "layer 3: BPR02 90.65 is not the claims' CLP04 89.55 less PLB -1.11");
        assertThat(firstDifference(broken)).startsWith("transaction 1 (ST02 0001): BPR02 90.65");
    }

    @Test
    void aWrongSegmentCountIsCaughtByTheEnvelopeLayer() throws Exception {
        String se = text().substring(text().indexOf("SE*"), text().indexOf("~", text().indexOf("SE*")));
        String broken = text().replace(se, "SE*99*0001");
        List<String> problems = Interchange835Check.problems(bytes(broken));
        assertThat(problems).anyMatch(p -> p.startsWith("layer 2: SE01 99"));
        assertThat(problems).anyMatch(p -> p.startsWith("layer 2: StAEDI: the envelope is broken"));
    }

    @Test
    void aMissingRequiredSegmentIsCaughtByTheReaderLayer() throws Exception {
        String trn = text().substring(text().indexOf("TRN*"), text().indexOf("~", text().indexOf("TRN*")) + 2);
        String se = text().substring(text().indexOf("SE*"), text().indexOf("~", text().indexOf("SE*")));
        int count = Integer.parseInt(se.split("\\*")[1]);
        String broken = text().replace(trn, "").replace(se, "SE*" + (count - 1) + "*0001");
        assertThat(Interchange835Check.problems(bytes(broken))).containsExactly("layer 1: TRN in loop HEADER is required but not found",
                "layer 2: StAEDI: transaction 1 (ST02 0001) has no TRN trace number");
    }

    @Test
    void anotherTransactionSetIsNotAn835() throws Exception {
        String broken = text().replace("GS*HP*", "GS*HC*").replace("005010X221A1", "005010X222A1");
        assertThat(Interchange835Check.problems(bytes(broken))).contains("layer 2: GS is not HP 005010X221A1");
        assertThatThrownBy(() -> Remittance835Reader.read(new ByteArrayInputStream(bytes(broken)), new Balance()))
                .isInstanceOf(Remittance835Reader.Refused.class).hasMessageContaining("not an 835 5010");
    }

    private static String firstDifference(String file) {
        Balance balance = new Balance();
        Remittance835Reader.read(new ByteArrayInputStream(bytes(file)), balance);
        return balance.firstDifference().orElseThrow();
    }

    private static String text() throws Exception {
        return new String(Sample835.small(), StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
