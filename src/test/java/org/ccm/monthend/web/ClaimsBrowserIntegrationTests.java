package org.ccm.monthend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The claim side in a real browser, on the demo month: month → claim → its evidence, whose minutes on the page add up
 * to the claim's minutes (summed from the cells, compared with the page and the database); a BILLER holds a claim with
 * a reason and finds it on the claim and in the audit log; an AUDITOR has no hold button and a forged hold gets 403;
 * the months chart has drawn the months and codes the database has.
 */
@ExtendWith(ConsoleExtension.class)
class ClaimsBrowserIntegrationTests {

    @Test
    void fromTheMonthToAClaimToTheMinutesBehindIt(ConsoleApp app, Browser browser) {
        browser.logIn(ConsoleApp.user("AUDITOR"), ConsoleApp.PASSWORD);
        browser.find(By.cssSelector("#months tr[data-month='" + ConsoleApp.MONTH + "'] td a")).click();      // click 1: the month
        assertThat(browser.path()).isEqualTo("/months/" + ConsoleApp.MONTH);
        browser.find(By.linkText("All claims of the month")).click();                                            // click 2: its claims
        browser.find(By.cssSelector("#claims tbody tr td a")).click();                                          // click 3: a claim
        String claimId = claimId(browser);
        browser.screenshot("claim-evidence");

        BigDecimal shown = new BigDecimal(browser.find(By.id("minutes-counted")).getText().replace(",", ""));
        BigDecimal summed = BigDecimal.ZERO;
        int counted = 0;
        for (WebElement row : browser.findAll(By.cssSelector("#evidence tbody tr[data-counted='true']"))) {
            // the Minutes cell as the page shows it, not the data attribute
            summed = summed.add(new BigDecimal(row.findElements(By.tagName("td")).get(6).getText().replace(",", "")));
            counted++;
        }
        BigDecimal inDatabase = app.jdbc().queryForObject("SELECT minutes_counted FROM claim WHERE claim_id = ?", BigDecimal.class, claimId);
        assertThat(counted).as("entries counted on the claim").isPositive();
        assertThat(summed).isEqualByComparingTo(shown).isEqualByComparingTo(inDatabase);
        assertThat(browser.find(By.id("evidence-total")).getText()).isEqualTo(browser.find(By.id("minutes-counted")).getText());
    }

    @Test
    void aBillerHoldsAClaimWithAReasonAndFindsItOnTheClaimAndInTheAuditLog(ConsoleApp app, Browser browser) {
        String claimId = decidedClaim(app, 1);
        browser.logIn(ConsoleApp.user("BILLER"), ConsoleApp.PASSWORD).get("/claims/" + claimId);
        assertThat(browser.find(By.id("claim-status")).getText()).isEqualTo("DECIDED");
        browser.find(By.id("hold-reason")).sendKeys("consent form not scanned");
        browser.find(By.cssSelector("#hold-form button[type=submit]")).click();
        acceptIfAsked(browser);

        browser.await(Duration.ofSeconds(10), d -> d.findElement(By.id("claim-status")).getText().equals("HELD"));
        List<WebElement> events = browser.findAll(By.cssSelector("#lifecycle tbody tr"));
        assertThat(events.get(events.size() - 1).getText()).contains("HELD", ConsoleApp.user("BILLER"), "consent form not scanned");
        assertThat(app.jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId)).isEqualTo("HELD");
        browser.screenshot("claim-held");

        browser.get("/audit?action=CLAIM_HELD");
        WebElement entry = browser.findAll(By.cssSelector("#audit tbody tr[data-action]")).stream()
                .filter(row -> row.findElement(By.cssSelector(".target")).getText().equals(claimId)).findFirst().orElseThrow();
        assertThat(entry.findElement(By.cssSelector(".actor")).getText()).isEqualTo(ConsoleApp.user("BILLER"));
        assertThat(entry.findElement(By.cssSelector(".reason")).getText()).isEqualTo("consent form not scanned");
        browser.screenshot("audit-hold");
    }

    @Test
    void anAuditorHasNoHoldButtonAndAForgedHoldGets403(ConsoleApp app, Browser browser) {
        String claimId = decidedClaim(app, 2);
        browser.logIn(ConsoleApp.user("AUDITOR"), ConsoleApp.PASSWORD).get("/claims/" + claimId);
        assertThat(browser.find(By.id("claim-status")).getText()).isEqualTo("DECIDED");
        assertThat(browser.findAll(By.id("hold-form"))).isEmpty();
        assertThat(browser.findAll(By.cssSelector("button")).stream().map(WebElement::getText)).noneMatch(text -> text.contains("Hold"));
        browser.screenshot("claim-as-auditor");

        assertThat(OperationsBrowserIntegrationTests.forgedPost(browser, "/claims/" + claimId + "/hold")).isEqualTo(403);
        assertThat(app.jdbc().queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, claimId)).isEqualTo("DECIDED");
        assertThat(app.jdbc().queryForObject("SELECT COUNT(*) FROM audit_event WHERE target = ? AND action = 'CLAIM_HELD'", Integer.class,
                claimId)).isZero();
    }

    @Test
    void theMonthsChartHasDrawnTheMonthsAndCodesOfTheDatabase(ConsoleApp app, Browser browser) {
        browser.logIn(ConsoleApp.user("OPERATOR"), ConsoleApp.PASSWORD).get("/");
        WebElement chart = browser.await(Duration.ofSeconds(10),
                d -> d.findElement(By.cssSelector("#codes-chart[data-drawn='true']")));
        assertThat(chart.findElements(By.tagName("canvas"))).as("uPlot drew on a canvas").isNotEmpty();
        int codes = app.jdbc().queryForObject("SELECT COUNT(DISTINCT cpt) FROM claim_line", Integer.class);
        int closedMonths = app.jdbc().queryForObject("SELECT COUNT(DISTINCT service_month) FROM month_close", Integer.class);
        // the legend has the x series and one per code; every closed month has a value per code
        assertThat(chart.findElements(By.cssSelector(".u-legend .u-series"))).hasSize(codes + 1);
        assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isEqualTo(closedMonths * codes);
        assertThat(browser.find(By.cssSelector("#amounts-chart[data-drawn='true']")).findElements(By.tagName("canvas"))).isNotEmpty();
        browser.screenshot("months-chart");
    }

    /** The {@code n}th DECIDED claim of the demo month, by id: each test acts on a claim of its own. */
    private static String decidedClaim(ConsoleApp app, int n) {
        return app.jdbc().queryForList("SELECT claim_id FROM claim WHERE service_month = ? AND status = 'DECIDED' ORDER BY claim_id",
                String.class, ConsoleApp.MONTH.toString()).get(n + 10);
    }

    private static String claimId(Browser browser) {
        String path = browser.path();
        assertThat(path).startsWith("/claims/");
        return URLDecoder.decode(path.substring("/claims/".length()), StandardCharsets.UTF_8);
    }

    private static void acceptIfAsked(Browser browser) {
        try {
            browser.driver().switchTo().alert().accept();
        }
        catch (org.openqa.selenium.NoAlertPresentException none) {
            // the form did not ask
        }
    }
}
