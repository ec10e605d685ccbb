package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.close.CloseOutcome;
import org.ccm.monthend.close.CloseProgress;
import org.ccm.monthend.close.ExecutionControl;
import org.ccm.monthend.close.MonthCloseLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operations side in a real browser: each role logs in and sees its own navigation; an OPERATOR restarts a close
 * that really failed (a file stands where the close writes its staging directory) once the cause is fixed, and sees it
 * complete; an AUDITOR has no Restart button and a forged restart (with a valid CSRF token from a page) gets 403 and
 * changes nothing; the audit log shows the restart with the operator's name.
 */
@ExtendWith(ConsoleExtension.class)
class OperationsBrowserIntegrationTests {

    @Test
    void eachRoleLogsInAndSeesWhatItMayUse(ConsoleApp app, Browser browser) {
        for (Map.Entry<String, String> user : Map.of("AUDITOR", "/", "BILLER", "/", "OPERATOR", "/", "ADMIN", "/users").entrySet()) {
            String name = ConsoleApp.user(user.getKey());
            browser.logIn(name, ConsoleApp.PASSWORD);
            assertThat(browser.path()).as(user.getKey()).isEqualTo(user.getValue());
            assertThat(browser.find(By.cssSelector("header .user")).getText()).isEqualTo(name);
            assertThat(browser.find(By.cssSelector("header .roles")).getText()).isEqualTo(user.getKey());
            List<String> navigation = browser.findAll(By.cssSelector("header nav a")).stream().map(WebElement::getText).toList();
            if (user.getKey().equals("ADMIN")) {
                assertThat(navigation).containsExactly("Users");
            }
            else {
                assertThat(navigation).contains("Months", "Executions", "Submissions", "Remittances", "Audit log").doesNotContain("Users");
            }
            browser.screenshot("login-" + user.getKey());
            browser.logOut();
            assertThat(browser.find(By.cssSelector("main .message")).getText()).isEqualTo("You are logged out.");
        }
    }

    @Test
    void anOperatorRestartsAFailedCloseFromThePageAndSeesItComplete(ConsoleApp app, Browser browser) throws Exception {
        // a real failure: a plain file where the close creates its staging directory
        Path staging = app.outputDir().resolve(".staging");
        org.springframework.util.FileSystemUtils.deleteRecursively(staging); // what the demo month's close left (empty)
        Files.writeString(staging, "not a directory");
        CloseOutcome failed = app.bean(MonthCloseLauncher.class).close(ConsoleApp.FAILING_MONTH, 1, CloseProgress.NONE);
        assertThat(failed).isInstanceOf(CloseOutcome.Failed.class);
        long failedId = ((CloseOutcome.Failed) failed).executionId();

        // an auditor sees the failure but no Restart, and a forged restart is refused
        browser.logIn(ConsoleApp.user("AUDITOR"), ConsoleApp.PASSWORD).get("/executions?month=" + ConsoleApp.FAILING_MONTH);
        assertThat(row(browser, failedId).getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(browser.findAll(By.id("restart-" + failedId))).isEmpty();
        assertThat(forgedPost(browser, "/executions/" + failedId + "/restart")).isEqualTo(403);
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'EXECUTION_RESTARTED'", Integer.class))
                .isZero();
        browser.screenshot("executions-as-auditor");
        browser.logOut();

        Files.delete(staging); // the cause fixed
        browser.logIn(ConsoleApp.user("OPERATOR"), ConsoleApp.PASSWORD).get("/executions/" + failedId);
        assertThat(browser.find(By.id("execution-status")).getText()).isEqualTo("FAILED");
        assertThat(browser.find(By.id("execution-message")).getText()).isNotBlank();
        browser.screenshot("execution-failed");
        browser.find(By.id("restart")).click();
        browser.driver().switchTo().alert().accept(); // the page asks before it acts
        assertThat(browser.find(By.cssSelector(".message.ok")).getText()).contains("Restart of execution " + failedId);
        app.bean(ExecutionControl.class).awaitIdle(120);

        browser.get("/executions?month=" + ConsoleApp.FAILING_MONTH);
        List<WebElement> rows = browser.findAll(By.cssSelector("#executions tbody tr[data-execution]"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getAttribute("data-status")).as("the restart, newest first").isEqualTo("COMPLETED");
        assertThat(rows.get(1).getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(browser.findAll(By.id("restart-" + failedId))).as("a superseded execution cannot be restarted").isEmpty();
        browser.screenshot("executions-restarted");
        rows.get(0).findElement(By.cssSelector("a")).click();
        assertThat(browser.find(By.id("execution-status")).getText()).isEqualTo("COMPLETED");
        browser.find(By.id("check-files")).click(); // the checksums are computed on request
        assertThat(browser.findAll(By.cssSelector("#files tbody tr[data-state]"))).isNotEmpty()
                .allSatisfy(file -> assertThat(file.getAttribute("data-state")).isEqualTo("OK"));
        browser.screenshot("execution-completed");

        browser.get("/audit?action=EXECUTION_RESTARTED");
        List<WebElement> entries = browser.findAll(By.cssSelector("#audit tbody tr[data-action]"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).findElement(By.cssSelector(".actor")).getText()).isEqualTo(ConsoleApp.user("OPERATOR"));
        assertThat(entries.get(0).findElement(By.cssSelector(".target")).getText()).isEqualTo("execution " + failedId);
        browser.screenshot("audit-restart");
    }

    @Test
    void theOperationsPagesShowTheirTables(ConsoleApp app, Browser browser) {
        browser.logIn(ConsoleApp.user("BILLER"), ConsoleApp.PASSWORD);
        for (String page : List.of("/submissions", "/remittances", "/audit", "/executions")) {
            browser.get(page);
            assertThat(browser.find(By.cssSelector("main table caption")).getText()).as(page).isNotBlank();
            browser.screenshot("page" + page.replace('/', '-'));
        }
        browser.logOut();
        browser.logIn(ConsoleApp.user("ADMIN"), ConsoleApp.PASSWORD).get("/users");
        assertThat(browser.findAll(By.cssSelector("#users tbody tr[data-user]"))).hasSize(ConsoleApp.USERS.size());
        browser.screenshot("page-users");
    }

    private static WebElement row(Browser browser, long executionId) {
        return browser.find(By.cssSelector("#executions tbody tr[data-execution='" + executionId + "']"));
    }

    /** POSTs to {@code path} from the page with the CSRF token of its logout form, as a forged request would; the status. */
    static long forgedPost(Browser browser, String path) {
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('input[name=_csrf]').value;
                fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: '_csrf=' + encodeURIComponent(token), redirect: 'manual'})
                    .then(r => done(r.status), e => done(-1));""", path);
        return ((Number) status).longValue();
    }
}
