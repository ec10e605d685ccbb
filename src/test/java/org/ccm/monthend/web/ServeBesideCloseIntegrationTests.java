package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ccm.monthend.ChildProcess;
import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded H2 file database shared by {@code serve} and the other commands: with {@code serve} up in one JVM, a
 * {@code close} in another JVM runs to the end through the server {@code serve} hosts, the console shows its claims
 * meanwhile, and once {@code serve} stops (SIGTERM) its port file is gone and the next command opens the file itself.
 */
class ServeBesideCloseIntegrationTests {

    private static final Path PRACTICE = Path.of("src/test/resources/close/october-2026");
    private static final Pattern LISTENING = Pattern.compile("Console on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void aCloseInAnotherJvmRunsWhileServeIsUpAndTheConsoleShowsItsClaims() throws Exception {
        Path out = dir.resolve("out");
        String url = "jdbc:h2:file:" + dir.resolve("data/ccm-month-end") + ";DB_CLOSE_ON_EXIT=FALSE";
        List<String> settings = List.of("--spring.datasource.url=" + url, "--ccm.output-dir=" + out);
        assertThat(CommandRun.of(settings, "import", "--from", PRACTICE.toString()).exit()).isEqualTo(ExitCodes.OK);
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(CommandRun.of(settings, "user", "add", "olga", "--role", "OPERATOR,AUDITOR").exit()).isEqualTo(ExitCodes.OK);
        }
        finally {
            System.setIn(in);
        }

        ChildProcess serve = ChildProcess.start(dir, out, Map.of(), List.of("serve", "--spring.datasource.url=" + url, "--server.port=0"));
        try {
            int port = awaitPort(serve);
            Path portFile = dir.resolve("data/ccm-month-end.server");
            assertThat(portFile).exists();

            ChildProcess close = ChildProcess.start(dir, out, Map.of(), List.of("close", "--month", "2026-10", "--spring.datasource.url=" + url));
            // the console answers while the close runs
            ConsoleClient browser = new ConsoleClient(port);
            assertThat(browser.get("/login").statusCode()).isEqualTo(200);
            int closed = close.waitFor();
            assertThat(closed).as(close.output()).isEqualTo(ExitCodes.OK);
            assertThat(close.output()).contains("Closed: execution");
            assertThat(out.resolve("2026-10/claims.csv")).exists();

            // the console sees what the other JVM wrote, through the same database
            assertThat(browser.login("olga", "correct horse battery").headers().firstValue("Location").orElseThrow()).endsWith("/");
            HttpResponse<String> claims = browser.get("/months/2026-10/claims");
            assertThat(claims.statusCode()).isEqualTo(200);
            assertThat(claims.body()).contains("CCM-202610-Q1");
            HttpResponse<String> months = browser.get("/");
            assertThat(months.body()).contains("data-month=\"2026-10\"");
            // the CLI's close is on the audit log with the operating-system user
            assertThat(browser.get("/months/2026-10").statusCode()).isEqualTo(200);

            // stopping serve: the port file goes, the server stops, the next command opens the file itself
            serve.process().destroy();
            assertThat(serve.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(portFile).doesNotExist();
            CommandRun history = CommandRun.of(settings, "history");
            assertThat(history.exit()).as(history.err()).isEqualTo(ExitCodes.OK);
            assertThat(history.out()).contains("COMPLETED");
        }
        finally {
            serve.process().destroyForcibly();
        }
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        assertThat(jdbc.queryForObject("SELECT actor || '|' || channel FROM audit_event WHERE action = 'CLOSE_STARTED'", String.class))
                .isEqualTo(System.getProperty("user.name") + "|cli");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE service_month = '2026-10'", Long.class)).isPositive();
    }

    private static int awaitPort(ChildProcess serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(serve.output());
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!serve.process().isAlive()) {
                throw new AssertionError("serve exited: " + serve.output());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not start: " + serve.output());
    }
}
