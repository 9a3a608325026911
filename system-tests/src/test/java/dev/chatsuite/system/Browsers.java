package dev.chatsuite.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven by Debian's chromedriver: nothing is downloaded. */
final class Browsers {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browsers() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install chromium chromium-driver); .ci/run installs it");
    }

    /** A fresh browser profile, like a separate person on a separate machine. */
    static Browser open() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    record Browser(WebDriver driver) implements AutoCloseable {

        void go(String path) {
            driver.get(RunningSuite.publicUrl() + path);
        }

        WebElement waitFor(By by) {
            return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
        }

        /** For elements styled out of sight, such as file inputs inside a label. */
        WebElement present(By by) {
            return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(by));
        }

        void waitForText(By by, String text) {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        }

        void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
        }

        /** As {@link #waitUntil(java.util.function.Function)}, with what was awaited in the failure. */
        void waitUntil(String what, java.util.function.Function<WebDriver, Boolean> condition) {
            new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition::apply);
        }

        void type(By by, String text) {
            WebElement element = waitFor(by);
            element.clear();
            element.sendKeys(text);
        }

        void screenshot(String name) throws Exception {
            Path dir = Files.createDirectories(Path.of("target/screenshots"));
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
