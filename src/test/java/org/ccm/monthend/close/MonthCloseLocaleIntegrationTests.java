package org.ccm.monthend.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JVM's default locale changes no byte of an export: claim ids, amounts and counts are written the same under a
 * locale with its own digits (Thai digits from {@code %d} under {@code th-TH-u-nu-thai}, Arabic-Indic ones under
 * {@code ar-SA}) as under the root locale.
 */
class MonthCloseLocaleIntegrationTests {

    private static final List<String> FILES = List.of("claims.csv", "exceptions.csv", "evidence.csv");

    @TempDir
    static Path rootOut;

    @TempDir
    Path out;

    private static Path root;

    @ParameterizedTest
    @ValueSource(strings = {"th-TH-u-nu-thai", "ar-SA"})
    void aCloseUnderAnotherDefaultLocaleWritesTheSameBytesAsUnderTheRootLocale(String tag) throws Exception {
        Path rootClose = rootClose();
        Path published = closeUnder(Locale.forLanguageTag(tag), "locale-" + tag, out);

        for (String file : FILES) {
            // as text first, for a readable difference; then byte for byte
            assertThat(Files.readString(published.resolve(file))).as(file + " under " + tag)
                    .isEqualTo(Files.readString(rootClose.resolve(file)));
            assertThat(published.resolve(file)).hasSameBinaryContentAs(rootClose.resolve(file));
        }
        assertThat(CloseTestSupport.summaryWithoutExecutionId(published)).as("summary.json under " + tag)
                .isEqualTo(CloseTestSupport.summaryWithoutExecutionId(rootClose));
        assertThat(fileNames(published)).isEqualTo(fileNames(rootClose));
    }

    @Test
    void theRootCloseHasClaimsWhoseIdsCarryATwoDigitMonth() throws Exception {
        // the comparison above proves something only if the month's claims reach claims.csv
        assertThat(Files.readString(rootClose().resolve("claims.csv"))).contains("CCM-202610-P001");
    }

    private static synchronized Path rootClose() throws Exception {
        if (root == null) {
            root = closeUnder(Locale.ROOT, "locale-root", rootOut);
        }
        return root;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path closeUnder(Locale locale, String database, Path outputDir) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            return CloseTestSupport.closeInItsOwnApplication(database, outputDir);
        }
        finally {
            Locale.setDefault(before);
        }
    }
}
