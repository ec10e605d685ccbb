package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTests {

    @ParameterizedTest
    @ValueSource(strings = {"1EG4TE5MK73", "9AA0AA0AA00", "1A00A00AA99", "5Y99Y99YY55"})
    void acceptsMbisInTheCmsFormat(String mbi) {
        assertThat(Identifiers.isMbi(mbi)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            0EG4TE5MK73,  position 1 must be 1-9
            11G4TE5MK73,  position 2 must be a letter
            1SG4TE5MK73,  position 2 excludes S
            1LG4TE5MK73,  position 2 excludes L
            1OG4TE5MK73,  position 2 excludes O
            1IG4TE5MK73,  position 2 excludes I
            1BG4TE5MK73,  position 2 excludes B
            1ZG4TE5MK73,  position 2 excludes Z
            1ESATE5MK73,  position 3 excludes S
            1EGATE5MK73,  position 4 must be a digit
            1EG45E5MK73,  position 5 must be a letter
            1EG4TS5MK73,  position 6 excludes S
            1EG4TEAMK73,  position 7 must be a digit
            1EG4TE59K73,  position 8 must be a letter
            1EG4TE5M773,  position 9 must be a letter
            1EG4TE5MKA3,  position 10 must be a digit
            1EG4TE5MK7A,  position 11 must be a digit
            1EG4TE5MK7,   too short
            1EG4TE5MK733, too long
            1eg4te5mk73,  lower case is not the stored form
            1EG4-TE5-MK73, dashes are for display only
            """)
    void refusesMalformedMbis(String mbi, String why) {
        assertThat(Identifiers.isMbi(mbi)).as(why).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"123456789, 3", "124531959, 9", "100000000, 4", "200000000, 2"})
    void computesTheNpiCheckDigitWithThe80840Prefix(String firstNine, char checkDigit) {
        assertThat(Identifiers.npiCheckDigit(firstNine)).isEqualTo(checkDigit);
        assertThat(Identifiers.isNpi(firstNine + checkDigit)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "1234567894", "123456789", "12345678933", "123456789A", "", "1234 56789"})
    void refusesNpisWithAWrongCheckDigitOrLength(String npi) {
        assertThat(Identifiers.isNpi(npi)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "1234567890", "12345678X"})
    void checkDigitNeedsNineDigits(String digits) {
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.npiCheckDigit(digits));
    }

    @ParameterizedTest
    @ValueSource(strings = {"E11.9", "I10", "J45.909", "S52.501A", "E119", "N18.30", "Z99.89", "E11.6543"})
    void acceptsIcd10Codes(String code) {
        assertThat(Identifiers.isIcd10(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"E1.19", "11.9", "EE1.9", "E11.", "E11.12345", "E1", "E11..9", "E11-9", "e11.9"})
    void refusesMalformedIcd10Codes(String code) {
        assertThat(Identifiers.isIcd10(code)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"E11.9, E11.9", "E119, E11.9", "e11.65, E11.65", "I10, I10", "S52501A, S52.501A"})
    void normalizesIcd10CodesToTheDottedUpperCaseForm(String code, String stored) {
        assertThat(Identifiers.normalizeIcd10(code)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99490", "99439", "3074F", "0042T", "0001U", "G0556", "G0181"})
    void acceptsCptAndHcpcsCodes(String code) {
        assertThat(Identifiers.isCpt(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9949", "994900", "3074X", "GG556", "G055", "G05566", "99490 ", "g0556"})
    void refusesMalformedCptCodes(String code) {
        assertThat(Identifiers.isCpt(code)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"11, true", "02, true", "1, false", "111, false", "1A, false"})
    void placeOfServiceIsTwoDigits(String value, boolean valid) {
        assertThat(Identifiers.isPlaceOfService(value)).isEqualTo(valid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PO Box 12", "P.O. Box 12", "P. O. Box 12", "p o box 12", "PO BOX12", "POBox 12", "POB 12",
        "P.O.B. 12", "Post Office Box 12", "post office 12", "Lock Box 5", "1200 Main St, PO Box 7", "Box 9, P.O. Box 4"})
    void recognisesPoBoxesHoweverWritten(String line) {
        assertThat(Identifiers.isPoBox(line)).as(line).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1200 Medical Center Dr", "12 Pobst Ave", "1 Post Road", "500 Boxwood Ln", "77 Polo Club Dr",
        "RR 2 Box 15", "Suite 300", "4 Probus Ct", "9 Oak Box Rd"})
    void takesStreetsForStreets(String line) {
        assertThat(Identifiers.isPoBox(line)).as(line).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IL", "DC", "PR", "GU", "VI", "AS", "MP", "WY"})
    void acceptsUspsStateAndTerritoryCodes(String state) {
        assertThat(Identifiers.isState(state)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "il", "ILL", "I", "", "UK", "QC"})
    void refusesWhatIsNoUspsStateCode(String state) {
        assertThat(Identifiers.isState(state)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"12-3456789, 123456789", "123456789, 123456789"})
    void acceptsTinsAsNineDigitsOrAnEinWithItsHyphen(String tin, String stored) {
        assertThat(Identifiers.isTin(tin)).isTrue();
        assertThat(Identifiers.digitsOf(tin)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "1234567890", "123-45-6789", "12-345678X", "12 3456789"})
    void refusesMalformedTins(String tin) {
        assertThat(Identifiers.isTin(tin)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"62704, 62704", "62704-1234, 627041234", "627041234, 627041234"})
    void acceptsZipAndZipPlusFour(String zip, String stored) {
        assertThat(Identifiers.isZip(zip)).isTrue();
        assertThat(Identifiers.digitsOf(zip)).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"6270", "627041", "62704-12", "62704 1234", "6270A", "62704--1234", "62704-12345"})
    void refusesMalformedZipCodes(String zip) {
        assertThat(Identifiers.isZip(zip)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"207Q00000X", "261QP2300X", "363LF0000X", "163W00000X", "1041C0700X"})
    void acceptsProviderTaxonomyCodes(String code) {
        assertThat(Identifiers.isTaxonomy(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"207Q00000", "207Q00000Y", "207Q00000XX", "207q00000x", "207Q-0000X", ""})
    void refusesMalformedTaxonomyCodes(String code) {
        assertThat(Identifiers.isTaxonomy(code)).isFalse();
    }
}
