import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Time to interactive of the chat view in Debian's Chromium: from pressing "Sign in" until the
 * conversation list shows the conversation, it is opened (one click, as a user would), its
 * history is shown and its composer accepts input. Each run uses a fresh browser profile (cold cache). Prints each run and the median.
 * usage: java -cp <selenium classpath> bench/spa/Tti.java <gateway-url> [runs]
 */
public class Tti {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String alice = "tti" + UUID.randomUUID().toString().substring(0, 8);
        String bob = "ttib" + UUID.randomUUID().toString().substring(0, 8);
        String aliceToken = register(base, alice);
        String bobId = id(get(base + "/api/auth/me", register(base, bob)));
        String conversation = id(post(base + "/api/conversations", aliceToken, "{\"type\":\"direct\",\"participantId\":\"" + bobId + "\"}"));
        for (int i = 0; i < 30; i++) {
            post(base + "/api/conversations/" + conversation + "/messages", aliceToken, "{\"body\":\"history " + i + "\"}");
        }
        List<Long> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("tti-profile"));
            WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                    .usingAnyFreePort().build(), options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(base + "/");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("identifier"))).sendKeys(alice);
                driver.findElement(By.name("password")).sendKeys("spa tti benchmark pw");
                long start = System.nanoTime();
                driver.findElement(By.xpath("//button[text()='Sign in']")).click();
                wait.until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//nav[@aria-label='Conversations']//button[contains(., '" + bob + "')]"))).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("ol.messages"), "history 29"));
                wait.until(ExpectedConditions.elementToBeClickable(By.id("composer-body")));
                long millis = (System.nanoTime() - start) / 1_000_000;
                times.add(millis);
                Object resources = ((JavascriptExecutor) driver).executeScript(
                        "return performance.getEntriesByType('resource').filter(r => r.initiatorType==='script'||r.initiatorType==='link').map(r => r.name.split('/').pop() + ' ' + r.encodedBodySize).join(', ')");
                System.out.println("RUN " + run + " " + millis + " ms (" + resources + ")");
            } finally {
                driver.quit();
            }
        }
        Collections.sort(times);
        System.out.println("MEDIAN " + times.get(times.size() / 2) + " ms of " + times);
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String register(String base, String name) throws Exception {
        post(base + "/api/auth/register", null, "{\"email\":\"" + name + "@example.test\",\"username\":\"" + name + "\",\"password\":\"spa tti benchmark pw\"}");
        String tokens = post(base + "/api/auth/login", null, "{\"identifier\":\"" + name + "\",\"password\":\"spa tti benchmark pw\"}");
        return tokens.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    static String id(String json) {
        return json.replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
    }

    static String get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
