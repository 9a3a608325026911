package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import dev.chatsuite.system.Browsers.Browser;
import dev.chatsuite.testsupport.TestImages;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Two people in two browsers use the SPA the gateway serves, end to end. */
@ExtendWith(RunningSuite.class)
class BrowserJourneyTest {

    private static final String PASSWORD = "browser journey password";

    @BeforeAll
    static void chromium() {
        Browsers.assumeInstalled();
    }

    @Test
    void shouldChatLiveBetweenTwoBrowsersWithAvatarImageAndReconnect() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = "alice" + suffix;
        String bob = "bob" + suffix;
        Path picture = Files.write(Files.createTempFile("avatar", ".png"), TestImages.png(300, 300));
        Path photo = Files.write(Files.createTempFile("photo", ".png"), TestImages.png(640, 480));

        try (Browser a = Browsers.open(); Browser b = Browsers.open()) {
            register(a, alice);
            a.screenshot("conversations-empty");
            a.waitFor(By.cssSelector("a.me-link")).click();
            a.present(By.cssSelector("input[name=avatar]")).sendKeys(picture.toString());
            a.waitFor(By.cssSelector("img.avatar-preview"));
            a.screenshot("profile-avatar-preview");
            a.waitFor(By.xpath("//button[text()='Save profile']")).click();
            a.waitFor(By.cssSelector("a.me-link img"));

            register(b, bob);
            b.type(By.id("user-search"), alice);
            WebElement result = b.waitFor(By.xpath("//ul[@aria-label='People']//button"));
            WebElement avatar = b.waitFor(By.xpath("//ul[@aria-label='People']//img"));
            b.waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", avatar));
            result.click();

            b.type(By.id("composer-body"), "hello from bob");
            b.waitFor(By.xpath("//button[text()='Send']")).click();
            b.waitForText(By.cssSelector("ol.messages"), "hello from bob");

            a.waitFor(By.xpath("//nav[@aria-label='Conversations']//button[contains(., '" + bob + "')]")).click();
            a.waitForText(By.cssSelector("ol.messages"), "hello from bob");
            a.type(By.id("composer-body"), "hi bob, here is a photo");
            a.present(By.cssSelector(".composer input[type=file]")).sendKeys(photo.toString());
            a.waitFor(By.xpath("//button[text()='Send']")).click();

            b.waitForText(By.cssSelector("ol.messages"), "hi bob, here is a photo");
            WebElement thumbnail = b.waitFor(By.cssSelector("ol.messages img"));
            b.waitUntil(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", thumbnail));
            assertThat(thumbnail.getAttribute("src")).contains("/thumbnail?exp=");
            b.screenshot("conversation");

            String aliceToken = RestAssured.given().baseUri(RunningSuite.gateway()).contentType(ContentType.JSON)
                    .body(Map.of("identifier", alice, "password", PASSWORD)).post("/api/auth/login").then().statusCode(200)
                    .extract().path("accessToken");
            String conversation = RestAssured.given().baseUri(RunningSuite.gateway()).auth().oauth2(aliceToken).get("/api/conversations")
                    .then().statusCode(200).extract().path("items[0].id");

            RunningSuite.browserProxy().disconnect();
            try {
                b.waitFor(By.cssSelector(".offline-banner"));
                b.screenshot("offline");
                for (String text : new String[] { "missed one", "missed two" }) {
                    RestAssured.given().baseUri(RunningSuite.gateway()).auth().oauth2(aliceToken).contentType(ContentType.JSON)
                            .body(Map.of("body", text)).post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
                }
            } finally {
                RunningSuite.browserProxy().reconnect();
            }
            b.waitForText(By.cssSelector("ol.messages"), "missed two");
            String shown = b.waitFor(By.cssSelector("ol.messages")).getText();
            assertThat(shown.indexOf("missed one")).isLessThan(shown.indexOf("missed two"));
            assertThat(shown.split("missed one", -1)).as("no duplicates after catch-up").hasSize(2);
            b.waitUntil(d -> d.findElements(By.cssSelector(".offline-banner")).isEmpty());
        }
    }

    @Test
    void shouldShowTheErrorForAWrongPassword() throws Exception {
        try (Browser browser = Browsers.open()) {
            browser.go("/");
            browser.type(By.name("identifier"), "nobody-" + UUID.randomUUID().toString().substring(0, 6));
            browser.type(By.name("password"), "definitely wrong");
            browser.waitFor(By.xpath("//button[text()='Sign in']")).click();
            WebElement error = browser.waitFor(By.cssSelector("[role=alert]"));
            assertThat(error.getText()).isNotBlank();
            browser.screenshot("sign-in-error");
        }
    }

    @Test
    void shouldResetAForgottenPasswordFromTheMailLink() throws Exception {
        String name = "forgetful" + UUID.randomUUID().toString().substring(0, 6);
        String newPassword = "a brand new journey password";
        Path authLog = RunningSuite.log("auth-service");
        try (Browser browser = Browsers.open()) {
            register(browser, name);
            browser.go("/");
            browser.waitFor(By.xpath("//button[text()='Sign out']")).click();
            long logged = Files.size(authLog);
            browser.waitFor(By.id("forgot-password-link")).click();
            browser.type(By.id("forgot-password-email"), name + "@example.test");
            browser.waitFor(By.id("forgot-password-submit")).click();
            browser.waitFor(By.id("forgot-password-sent"));

            String link = RunningSuite.awaitLogLine(authLog, logged, "Password reset link");
            Matcher token = Pattern.compile("/reset-password\\?token=[A-Za-z0-9_-]+").matcher(link);
            assertThat(token.find()).as("a reset link in the auth log line: %s", link.replaceAll("token=\\S+", "token=…")).isTrue();
            String path = token.group();
            browser.go(path);
            browser.type(By.id("reset-password-new"), newPassword);
            browser.type(By.id("reset-password-confirm"), newPassword);
            browser.screenshot("reset-password");
            browser.waitFor(By.id("reset-password-submit")).click();
            browser.waitFor(By.id("sign-in-notice"));

            browser.type(By.name("identifier"), name);
            browser.type(By.name("password"), newPassword);
            browser.waitFor(By.xpath("//button[text()='Sign in']")).click();
            browser.waitFor(By.id("user-search"));
        }
        RestAssured.given().baseUri(RunningSuite.gateway()).contentType(ContentType.JSON)
                .body(Map.of("identifier", name, "password", PASSWORD)).post("/api/auth/login").then().statusCode(401);
    }

    private static void register(Browser browser, String username) {
        browser.go("/");
        browser.waitFor(By.linkText("Create an account")).click();
        browser.type(By.name("email"), username + "@example.test");
        browser.type(By.name("username"), username);
        browser.type(By.name("displayName"), username);
        browser.type(By.name("password"), PASSWORD);
        browser.waitFor(By.xpath("//button[text()='Create account']")).click();
        browser.waitFor(By.id("user-search"));
    }
}
