package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.ccm.monthend.submission.Claim837.Envelope;
import org.ccm.monthend.submission.Claim837.Header;
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
    void withoutStaediChecksTheBytesAreTheSameAndPassAllFourLayers() throws Exception {
        byte[] unchecked = Sample837.interchange(Sample837.HEADER, Interchange837Writer.Checks.NONE);

        assertThat(unchecked).isEqualTo(Sample837.interchange());
        assertThat(Interchange837Check.problems(unchecked)).isEmpty();
    }

    @Test
    void staediChecksTheEnvelopeOnlyWhenAskedTo() throws Exception {
        // GS02 (application sender) has at most 15 characters
        Header tooLong = new Header(42, Sample837.HEADER.createdAt(), new Envelope("ZZ", "CCMSUBMITTER", "ZZ", "MACRECEIVER",
                "SENDER-CODE-OF-20-CH", "MACRECEIVER", 'T'), Sample837.HEADER.parties());

        assertThatThrownBy(() -> Sample837.interchange(tooLong, Interchange837Writer.Checks.ENVELOPE)).isInstanceOf(Exception.class);
        byte[] unchecked = Sample837.interchange(tooLong, Interchange837Writer.Checks.NONE);
        assertThat(new String(unchecked, StandardCharsets.US_ASCII)).contains("GS*HC*SENDER-CODE-OF-20-CH*");
        assertThat(Interchange837Check.problems(unchecked)).as("the independent checks still see it").isNotEmpty();
    }

    @Test
    void namesAreCutToTheirElementsAndWrittenInTheBasicCharacterSet() {
        assertThat(Interchange837Writer.name("Zoë  O'Brien*~", 60)).isEqualTo("ZOE O'BRIEN");
        assertThat(Interchange837Writer.name("x".repeat(70), 60)).hasSize(60);
        // the quick path (basic characters already) and the full cleaning agree
        assertThat(Interchange837Writer.name("O'Brien-Smith Jr.", 60)).isEqualTo("O'BRIEN-SMITH JR.");
        assertThat(Interchange837Writer.name("Mary  Ann ", 60)).isEqualTo("MARY ANN");
        assertThat(Interchange837Writer.name(" Lee", 60)).isEqualTo("LEE");
        assertThat(Interchange837Writer.name("Ann_Lee", 60)).isEqualTo("ANN LEE");
        assertThat(Interchange837Writer.name("abcdef", 3)).isEqualTo("ABC");
        assertThat(Interchange837Writer.name("", 3)).isEmpty();
        assertThat(Interchange837Writer.ccyymmdd(java.time.LocalDate.of(2026, 1, 9))).isEqualTo("20260109");
        assertThat(Interchange837Writer.amount(new BigDecimal("66.1"))).isEqualTo("66.10");
    }

    @Test
    void theUnsynchronisedBufferPassesEveryByteOnInOrder() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        byte[] expected = new byte[10_000];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 31);
        }
        try (Submitter.ByteBuffered buffered = new Submitter.ByteBuffered(target, 64)) {
            int i = 0;
            while (i < expected.length) {
                int n = (i / 7) % 3 == 0 ? 1 : Math.min(expected.length - i, (i % 200) + 1); // single bytes, small and large blocks
                if (n == 1) {
                    buffered.write(expected[i]);
                }
                else {
                    buffered.write(expected, i, n);
                }
                i += n;
            }
        }
        assertThat(target.toByteArray()).isEqualTo(expected);
    }
}
