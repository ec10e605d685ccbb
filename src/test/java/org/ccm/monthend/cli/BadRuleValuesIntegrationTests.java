package org.ccm.monthend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 11: {@code base-minutes: -20} in ccm-2026.yml closed with exit 0 and billed 3,080 lines instead of 2,326, and
 * a chargemaster amount "abc" printed ~250 stack frames. A bad rule or chargemaster value is bad configuration:
 * {@code close} exits 2 with one line on stderr naming the file, the key and the value, and bills nothing.
 */
class BadRuleValuesIntegrationTests {

    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    @Test
    void refusesToCloseWithANegativeBaseThresholdAndBillsNothing() throws IOException {
        String url = "jdbc:h2:mem:bad-rule-values;DB_CLOSE_DELAY=-1";
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path file = rules.resolve("ccm-2026.yml");
        String shipped = Files.readString(Path.of("config/rules/ccm-2026.yml"));
        Files.writeString(file, shipped.replace("base-minutes: 20", "base-minutes: -20"));
        Path out = dir.resolve("out");
        assertThat(run(url, out, "import", "--from", PRACTICE.toString())).isEqualTo(ExitCodes.OK);
        int printedByImport = console.err().length();

        int exit = run(url, out, "close", "--month", "2026-10", "--ccm.rules-dir=" + rules);

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err().substring(printedByImport)).isEqualTo("error: " + file
                + ": families.NON_COMPLEX.base-minutes must be a positive number of minutes, got -20" + System.lineSeparator());
        assertThat(console.out()).doesNotContain("\tat ").doesNotContain("Exception");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Integer.class)).isZero();
        assertThat(out.resolve("2026-10")).doesNotExist();

        // the same practice with the shipped value bills: what was refused above is the rule value alone
        Files.writeString(file, shipped);
        assertThat(run(url, out, "close", "--month", "2026-10", "--ccm.rules-dir=" + rules)).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim", Integer.class)).isPositive();
    }

    @Test
    void refusesToCloseWithAChargemasterAmountThatIsNotANumber() throws IOException {
        String url = "jdbc:h2:mem:bad-chargemaster;DB_CLOSE_DELAY=-1";
        Path chargemaster = Files.writeString(dir.resolve("chargemaster.yml"), "charges:\n  \"99490\": \"abc\"\n");
        Path out = dir.resolve("out");

        int exit = run(url, out, "close", "--month", "2026-10", "--ccm.chargemaster=" + chargemaster);

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).isEqualTo("error: " + chargemaster + ": charges.\"99490\" must be an amount in USD"
                + " of 0 or more with at most two decimals, got \"abc\"" + System.lineSeparator());
        assertThat(console.out()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out.resolve("2026-10")).doesNotExist();
    }

    private static int run(String url, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + url);
        all.add("--ccm.output-dir=" + out);
        return Cli.run(all.toArray(String[]::new));
    }
}
