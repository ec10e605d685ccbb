package org.ccm.monthend.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ccm.monthend.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubmissionSettingsTests {

    private static final Path SHIPPED = Path.of("config/submission.yml");

    @TempDir
    Path dir;

    @Test
    void theShippedFileLoadsAndMarksInterchangesAsTests() {
        SubmissionSettings settings = SubmissionSettings.load(SHIPPED);

        assertThat(settings.envelope().usage()).isEqualTo('T');
        assertThat(settings.parties().payerId()).isEqualTo("00882");
        assertThat(settings.envelope().applicationSender()).as("defaults to the interchange sender id")
                .isEqualTo(settings.envelope().senderId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing submitter id        | '  id: SUBMITTER01'         | ''                      | submitter.id is missing
            a usage that is neither T nor P | 'usage: T'                | 'usage: X'              | usage must be T (test) or P (production), got "X"
            a sender id too long for ISA06 | '  sender-id: SUBMITTER01' | '  sender-id: A_VERY_LONG_SENDER_ID' | interchange.sender-id must be 1 to 15 characters, got "A_VERY_LONG_SENDER_ID"
            a phone with letters          | '  contact-phone: "5555550100"' | '  contact-phone: call us' | submitter.contact-phone must be 10 to 15 digits, got "call us"
            """)
    void aBadFileIsRefusedNamingTheFileAndTheKey(String what, String line, String replacement, String expected) throws IOException {
        String shipped = Files.readString(SHIPPED);
        assertThat(shipped).contains(line);
        Path file = Files.writeString(dir.resolve("submission.yml"), shipped.replace(line, replacement));

        assertThatThrownBy(() -> SubmissionSettings.load(file)).isInstanceOf(UsageException.class)
                .hasMessage(file + ": " + expected);
    }

    @Test
    void aProductionFileIsOnlyWhatTheFileSays() throws IOException {
        Path file = Files.writeString(dir.resolve("submission.yml"), Files.readString(SHIPPED).replace("usage: T", "usage: P"));

        assertThat(SubmissionSettings.load(file).envelope().usage()).isEqualTo('P');
    }
}
