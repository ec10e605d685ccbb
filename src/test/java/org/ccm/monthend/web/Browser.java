package org.ccm.monthend.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own ChromeDriver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}),
 * both named explicitly so Selenium Manager never looks for, let alone downloads, a browser or a driver. Without them the
 * browser tests are skipped with one line saying what to install, unless {@code CI} is set: then they fail.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("ccm.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("ccm.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String INSTALL = "apt-get install chromium chromium-driver";

    private static volatile boolean saidSkipped;

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final String baseUrl;

    private Browser(ChromeDriverService service, ChromeDriver driver, String baseUrl) {
        this.service = service;
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Skips the calling test when Chromium or ChromeDriver is missing (one line says how to install them); fails it under CI. */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return;
        }
        String missing = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + ": " + INSTALL;
        if (System.getenv("CI") != null) {
            fail(missing + " (CI is set, so they must run)");
        }
        if (!saidSkipped) {
            saidSkipped = true;
            System.out.println("SKIPPED browser tests: " + missing);
        }
        assumeTrue(false, missing);
    }

    /** A new headless browser (its own profile, so its own cookies) on the console at {@code baseUrl}. */
    static Browser open(String baseUrl) {
        requireChromium();
        // belt and braces: Selenium reads these before it would ever think of its manager
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-US");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(service, driver, baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    WebDriver driver() {
        return driver;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Opens {@code path} of the console ("/", "/executions"...). */
    Browser get(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    /** Logs in through the login form as {@code user}. */
    Browser logIn(String user, String password) {
        get("/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        // the form's answer has loaded: the page it sends to, or the login page saying why not
        await(Duration.ofSeconds(20), d -> !path().equals("/login"));
        return this;
    }

    /** Logs out with the header's button and waits for the login page saying so. */
    Browser logOut() {
        driver.findElement(By.cssSelector("header form button")).click();
        await(Duration.ofSeconds(20), d -> path().equals("/login?logout"));
        return this;
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png}; returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            service.stop();
        }
    }
}
