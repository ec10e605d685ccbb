package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class Interchange837WriterTests {

    @Test
    void writesAnInterchangeThatPassesAllFourLayers() throws Exception {
        byte[] interchange = Sample837.interchange();

        assertThat(Interchange837Check.problems(interchange)).isEmpty();
    }

    @Test
    void eachBillingProviderHasItsOwnTransactionAndTheClaimsSitUnderIt() throws Exception {
        List<List<String>> segments = Interchange837Check.segments(Sample837.interchange());

        assertThat(segments).filteredOn(s -> s.get(0).equals("ST")).extracting(s -> s.get(2)).containsExactly("0001", "0002");
        assertThat(segments).filteredOn(s -> s.get(0).equals("NM1") && s.get(1).equals("85"))
                .extracting(s -> s.get(9)).containsExactly("1234567893", "1987654328");
        assertThat(segments).filteredOn(s -> s.get(0).equals("CLM")).extracting(s -> s.get(1) + "=" + s.get(2))
                .containsExactly("CCM-202610-P001=66.13", "CCM-202610-P002=114.23", "CCM-202610-P003=66.13");
        assertThat(segments).filteredOn(s -> s.get(0).equals("CLM")).extracting(s -> s.get(5)).containsOnly("11:B:1");
        assertThat(segments).filteredOn(s -> s.get(0).equals("HI")).first().isEqualTo(List.of("HI", "ABK:E119", "ABF:I10"));
        assertThat(segments).filteredOn(s -> s.get(0).equals("REF") && s.get(1).equals("6R")).extracting(s -> s.get(2))
                .containsExactly("CCM-202610-P001-1", "CCM-202610-P002-1", "CCM-202610-P002-2", "CCM-202610-P003-1");
        assertThat(segments.get(0).get(15)).as("usage indicator").isEqualTo("T");
        assertThat(segments.get(0).get(13)).as("ISA13").isEqualTo("000000042");
    }

    @Test
    void moreClaimsThanATransactionHoldsStartAnotherTransactionForTheSameProvider() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Interchange837Writer writer = Interchange837Writer.open(out, Sample837.HEADER, 2)) {
            writer.provider(Sample837.NORTH);
            for (int i = 1; i <= 5; i++) {
                writer.claim(Sample837.claim("CCM-202610-Q00" + i, "Delta", new BigDecimal("66.13")));
            }
        }
        byte[] interchange = out.toByteArray();

        assertThat(Interchange837Check.problems(interchange)).isEmpty();
        List<List<String>> segments = Interchange837Check.segments(interchange);
        assertThat(segments).filteredOn(s -> s.get(0).equals("ST")).hasSize(3);
        assertThat(segments).filteredOn(s -> s.get(0).equals("GE")).first().extracting(s -> s.get(1)).isEqualTo("3");
        assertThat(new String(interchange, StandardCharsets.US_ASCII)).contains("CLM*CCM-202610-Q005*66.13");
    }

    @Test
    void namesAreCutToTheirElementsAndWrittenInTheBasicCharacterSet() {
        assertThat(Interchange837Writer.name("Zoë  O'Brien*~", 60)).isEqualTo("ZOE O'BRIEN");
        assertThat(Interchange837Writer.name("x".repeat(70), 60)).hasSize(60);
        assertThat(Interchange837Writer.amount(new BigDecimal("66.1"))).isEqualTo("66.10");
    }
}
