package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.ccm.monthend.cli.CommandRun;
import org.ccm.monthend.core.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's security over real HTTP (Tomcat on a random port, the users made with the {@code user} command): the
 * session cookie's attributes and idle timeout, the security headers and a CSP without inline scripts, login with a
 * BCrypt hash, the lock-out after 5 failed logins in 15 minutes with every failure on the audit log, a disabled user,
 * and the 403 page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"spring.main.web-application-type=servlet",
        "spring.datasource.url=" + ConsoleTestData.URL, "ccm.output-dir=" + ConsoleTestData.OUT, "server.address=127.0.0.1",
        "ccm.console.session-timeout=7m"})
class ConsoleSecurityIntegrationTests {

    static final String PASSWORD = "correct horse battery";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebServerApplicationContext web;

    @BeforeAll
    static void users() throws Exception {
        ConsoleTestData.load();
        for (String[] user : List.of(new String[] {"sec-biller", "BILLER"}, new String[] {"locky", "AUDITOR"}, new String[] {"gone", "AUDITOR"})) {
            CommandRun added = withStdin(PASSWORD + "\n", () -> CommandRun.of(List.of("--spring.datasource.url=" + ConsoleTestData.URL),
                    "user", "add", user[0], "--role", user[1], "--by", "setup"));
            if (added.exit() != ExitCodes.OK && !added.err().contains("exists already")) {
                throw new IllegalStateException(added.err());
            }
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndTheHeadersAllowNoInlineScript() throws Exception {
        ConsoleClient browser = new ConsoleClient(port);
        HttpResponse<String> login = browser.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure"); // no TLS in this test
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(INLINE_SCRIPT.matcher(login.body()).find()).as("an inline script on the login page").isFalse();
        assertThat(login.body()).doesNotContain("style=\"");

        HttpResponse<String> in = browser.login("sec-biller", PASSWORD);
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElseThrow()).endsWith("/");
        // a new session id after login (no fixation), still HttpOnly and SameSite=Strict
        String after = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(after).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(after).isNotEqualTo(cookie);
        for (String page : List.of("/", "/months/2026-10", "/months/2026-10/claims", "/claims/CCM-202610-Q1", "/months/2026-10/exceptions")) {
            HttpResponse<String> shown = browser.get(page);
            assertThat(shown.statusCode()).as(page).isEqualTo(200);
            assertThat(shown.body()).as(page).contains("sec-biller");
            assertThat(INLINE_SCRIPT.matcher(shown.body()).find()).as("an inline script on " + page).isFalse();
            assertThat(shown.body()).as(page).doesNotContain("style=\"").doesNotContain(" onclick=").doesNotContain("://cdn");
        }
        // the idle timeout is the setting (7 minutes here; 15 by default), on the live session
        Context context = (Context) ((TomcatWebServer) web.getWebServer()).getTomcat().getHost().findChildren()[0];
        Session live = context.getManager().findSession(browser.session());
        assertThat(live).isNotNull();
        assertThat(live.getMaxInactiveInterval()).isEqualTo(7 * 60);
    }

    @Test
    void fiveFailedLoginsInFifteenMinutesLockTheNameOutAndEachFailureIsOnTheAuditLog() throws Exception {
        long before = failures("locky");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> bad = new ConsoleClient(port).login("locky", "wrong password " + i);
            assertThat(bad.statusCode()).isEqualTo(302);
            assertThat(bad.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        }
        // the right password no longer opens it
        HttpResponse<String> locked = new ConsoleClient(port).login("locky", PASSWORD);
        assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(failures("locky")).isEqualTo(before + 6);
        assertThat(jdbc.queryForList("SELECT reason FROM audit_event WHERE action = 'LOGIN_FAILED' AND target = 'locky' ORDER BY audit_id",
                String.class)).endsWith("bad credentials", "bad credentials", "locked out: 5 failed logins within 15 minutes");
        // another name is not locked
        assertThat(new ConsoleClient(port).login("sec-biller", PASSWORD).headers().firstValue("Location").orElseThrow()).endsWith("/");
        // once the failures are older than the window, the right password works again
        jdbc.update("UPDATE login_attempt SET at = DATEADD('MINUTE', -16, at) WHERE username = 'locky'");
        HttpResponse<String> again = new ConsoleClient(port).login("locky", PASSWORD);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/");
    }

    @Test
    void aDisabledUserCannotLogIn() throws Exception {
        assertThat(new ConsoleClient(port).login("gone", PASSWORD).headers().firstValue("Location").orElseThrow()).endsWith("/");
        CommandRun disabled = CommandRun.of(List.of("--spring.datasource.url=" + ConsoleTestData.URL), "user", "disable", "gone", "--by", "root",
                "--reason", "left the practice");
        assertThat(disabled.exit()).as(disabled.err()).isEqualTo(ExitCodes.OK);
        HttpResponse<String> refused = new ConsoleClient(port).login("gone", PASSWORD);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(jdbc.queryForObject("SELECT reason FROM audit_event WHERE action = 'LOGIN_FAILED' AND target = 'gone'", String.class))
                .isEqualTo("user disabled");
        assertThat(jdbc.queryForObject("SELECT actor || '|' || reason FROM audit_event WHERE action = 'USER_DISABLED' AND target = 'gone'",
                String.class)).isEqualTo("root|left the practice");
    }

    @Test
    void aForbiddenActionShowsThe403PageAndAFormWithoutItsTokenIsRefused() throws Exception {
        ConsoleClient biller = new ConsoleClient(port);
        biller.login("sec-biller", PASSWORD);
        biller.get("/");
        HttpResponse<String> close = biller.post("/months/2026-10/close", Map.of());
        assertThat(close.statusCode()).isEqualTo(403);
        assertThat(close.body()).contains("Not allowed (403)");
        HttpResponse<String> forged = biller.post("/claims/CCM-202610-Q1/hold", Map.of("reason", "no token", "_csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE reason = 'no token'", Long.class)).isZero();
    }

    private long failures(String name) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'LOGIN_FAILED' AND target = ?", Long.class, name);
    }

    interface Run {
        CommandRun run();
    }

    static CommandRun withStdin(String input, Run run) {
        InputStream in = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.run();
        }
        finally {
            System.setIn(in);
        }
    }
}
