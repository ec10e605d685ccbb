package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker of generated interchanges is trusted only because it fails on broken ones: each case breaks the good
 * sample in one way and names the layer that must catch it (and what it says).
 */
class Interchange837CheckTests {

    static Stream<Arguments> brokenInterchanges() {
        return Stream.of(
                // layer 1: loop and segment order, required segments
                Arguments.of("the payer name (2010BB) left out", "layer 1",
                        (UnaryOperator<String>) text -> text.replaceFirst("NM1\\*PR\\*2\\*MEDICARE PART B\\*\\*\\*\\*\\*PI\\*00882~\\s*", "")),
                Arguments.of("the submitter name (1000A) left out", "layer 1",
                        (UnaryOperator<String>) text -> text.replaceFirst("NM1\\*41\\*[^~]*~\\s*", "")),
                // layer 2: the envelope
                Arguments.of("SE01 one short", "layer 2: SE01",
                        (UnaryOperator<String>) text -> text.replaceFirst("SE\\*(\\d+)\\*0001", "SE*7*0001")),
                Arguments.of("GE02 not GS06", "layer 2: GE02", (UnaryOperator<String>) text -> text.replace("GE*2*42", "GE*2*43")),
                Arguments.of("IEA02 not ISA13", "layer 2: IEA02",
                        (UnaryOperator<String>) text -> text.replace("IEA*1*000000042", "IEA*1*000000043")),
                // layer 3: element types and lengths, dates
                Arguments.of("a subscriber last name of 61 characters", "layer 3: NM103",
                        (UnaryOperator<String>) text -> text.replace("NM1*IL*1*ALPHA", "NM1*IL*1*" + "A".repeat(61))),
                Arguments.of("a service date that is not a date", "layer 3: DTP",
                        (UnaryOperator<String>) text -> text.replaceFirst("DTP\\*472\\*D8\\*20261031", "DTP*472*D8*20261331")),
                Arguments.of("a charge that is not a number", "layer 3: CLM02",
                        (UnaryOperator<String>) text -> text.replace("CLM*CCM-202610-P001*66.13", "CLM*CCM-202610-P001*66,13")),
                // layer 4: TR3 and billing rules
                Arguments.of("CLM02 not the sum of its lines", "layer 4: CLM02",
                        (UnaryOperator<String>) text -> text.replace("CLM*CCM-202610-P002*114.23", "CLM*CCM-202610-P002*114.24")),
                Arguments.of("a billing NPI failing its check digit", "layer 4: NM1*85",
                        (UnaryOperator<String>) text -> text.replace("XX*1234567893", "XX*1234567894")),
                Arguments.of("Medicare Part A in SBR09", "layer 4: SBR09",
                        (UnaryOperator<String>) text -> text.replaceFirst("\\*\\*\\*\\*\\*\\*\\*MB~", "*******MA~")),
                Arguments.of("a code that is not CCM", "layer 4: SV101",
                        (UnaryOperator<String>) text -> text.replaceFirst("SV1\\*HC:99490", "SV1*HC:99214")),
                Arguments.of("a pointer past the diagnoses", "layer 4: pointer",
                        (UnaryOperator<String>) text -> text.replaceFirst("\\*\\*1:2~", "**1:3~")),
                Arguments.of("a claim control number of 21 characters", "layer 4: CLM01",
                        (UnaryOperator<String>) text -> text.replace("CLM*CCM-202610-P003", "CLM*CCM-202610-P003XXXXXX")),
                Arguments.of("an HL out of sequence", "layer 4: HL01",
                        (UnaryOperator<String>) text -> text.replaceFirst("HL\\*3\\*1\\*22\\*0", "HL*4*1*22*0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInterchanges")
    void eachLayerCatchesWhatItClaimsToCheck(String broken, String caughtBy, UnaryOperator<String> breakIt) throws Exception {
        String good = new String(Sample837.interchange(), StandardCharsets.US_ASCII);
        String bad = breakIt.apply(good);
        assertThat(bad).as("the edit must change the interchange").isNotEqualTo(good);

        assertThat(Interchange837Check.problems(bad.getBytes(StandardCharsets.US_ASCII)))
                .anySatisfy(problem -> assertThat(problem).startsWith(caughtBy));
    }
}
