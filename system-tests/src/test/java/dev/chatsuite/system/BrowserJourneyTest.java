package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import dev.chatsuite.system.Users.User;
import dev.chatsuite.testsupport.TestImages;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

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

    @Test
    void shouldFindAMessageAndOpenTheConversationAtIt() throws Exception {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        String conversation = bob.json().body(Map.of("type", "direct", "participantId", alice.id())).post("/api/conversations")
                .then().statusCode(201).extract().path("id");
        // 100 messages: the newest page (50) does not hold seq 40, so opening it loads the history around it.
        String body = "Where is the pineapple? Under <b>the</b> table & chairs";
        List<String> ids = new ArrayList<>();
        for (int seq = 1; seq <= 100; seq++) {
            User sender = seq % 2 == 0 ? bob : alice;
            ids.add(sender.json().body(Map.of("body", seq == 40 ? body : "filler message number " + seq))
                    .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().path("id"));
        }
        String target = ids.get(39);
        String newest = ids.get(99);

        try (Browser browser = Browsers.open()) {
            signIn(browser, alice);
            browser.type(By.id("message-search"), "pineapple");
            browser.waitFor(By.id("message-search-submit")).click();

            WebElement result = browser.waitFor(By.id("message-search-result-" + target));
            assertThat(browser.driver().findElements(By.cssSelector("#message-search-results li"))).as("only the one matching message").hasSize(1);
            assertThat(result.getAttribute("data-conversation-id")).isEqualTo(conversation);
            assertThat(result.getAttribute("data-seq")).isEqualTo("40");
            WebElement highlight = result.findElement(By.cssSelector(".highlight"));
            assertThat(highlight.findElements(By.tagName("mark"))).extracting(WebElement::getText).containsExactly("pineapple");
            // The body's own markup is shown as the characters typed, never rendered as an element.
            assertThat(highlight.getText()).isEqualTo(body);
            assertThat(highlight.findElements(By.tagName("b"))).isEmpty();
            browser.screenshot("message-search");

            // Records every message element that gets the SPA's `flash` class (it lasts 2 s, too short to poll for).
            script(browser, "window.flashed = []; new MutationObserver((changes) => changes.forEach((c) => {"
                    + " if (c.target.classList && c.target.classList.contains('flash')) window.flashed.push(c.target.id); }))"
                    + ".observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });");
            result.click();

            WebElement message = browser.waitFor(By.id("message-" + target));
            assertThat(message.getAttribute("data-seq")).isEqualTo("40");
            assertThat(message.findElement(By.cssSelector(".body")).getText()).isEqualTo(body);
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(RunningSuite.publicUrl() + "/c/" + conversation + "?at=40");
            String inView = "const pane = document.querySelector('.main-pane').getBoundingClientRect();"
                    + " const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                    + " return r.top >= pane.top && r.bottom <= pane.bottom;";
            browser.waitUntil("the hit scrolled into the message pane", d -> (Boolean) script(browser, inView, "message-" + target));
            assertThat((Boolean) script(browser, inView, "message-" + newest)).as("scrolled to the hit, not to the newest message").isFalse();
            assertThat(((Number) script(browser, "return document.querySelector('.main-pane').scrollTop")).doubleValue()).isPositive();
            assertThat(((Number) script(browser, "return document.querySelector('.topbar').getBoundingClientRect().top")).doubleValue())
                    .as("only the pane scrolled: the top bar stays in view").isZero();
            browser.waitUntil("the hit highlighted (class flash)",
                    d -> ((List<?>) script(browser, "return window.flashed")).contains("message-" + target));
            browser.screenshot("message-search-opened");
        }
    }

    @Test
    void shouldShowAReactionCountChangeLiveInTheOtherWindow() throws Exception {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        String conversation = bob.json().body(Map.of("type", "direct", "participantId", alice.id())).post("/api/conversations")
                .then().statusCode(201).extract().path("id");
        String message = bob.json().body(Map.of("body", "lunch at noon?")).post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id");
        By thumbsUp = By.id("reaction-" + message + "-1f44d");

        try (Browser a = Browsers.open(); Browser b = Browsers.open()) {
            signIn(a, alice);
            signIn(b, bob);
            a.waitFor(By.xpath("//ul[@class='conversation-list']//button[contains(., 'bob')]")).click();
            b.waitFor(By.xpath("//ul[@class='conversation-list']//button[contains(., 'alice')]")).click();
            a.waitFor(By.id("message-" + message));
            b.waitFor(By.id("message-" + message));
            // A message each way shows both sockets deliver before the reaction, which only a live event can carry.
            a.type(By.id("composer-body"), "sounds good");
            a.waitFor(By.xpath("//button[text()='Send']")).click();
            b.waitForText(By.cssSelector("ol.messages"), "sounds good");
            b.type(By.id("composer-body"), "see you then");
            b.waitFor(By.xpath("//button[text()='Send']")).click();
            a.waitForText(By.cssSelector("ol.messages"), "see you then");
            assertThat(b.driver().findElements(thumbsUp)).isEmpty();
            // A reload would clear this: its survival shows the count changed in the same page.
            script(b, "window.notReloaded = true;");

            a.waitFor(By.id("react-button-" + message)).click();
            a.waitFor(By.id("reaction-pick-" + message + "-1f44d")).click();
            assertReaction(a, thumbsUp, "1", true);

            b.waitFor(thumbsUp);
            assertReaction(b, thumbsUp, "1", false);
            b.screenshot("reaction-seen-live");

            b.waitFor(thumbsUp).click();
            assertReaction(b, thumbsUp, "2", true);
            a.waitUntil("B's reaction counted live in A's window", d -> "2".equals(d.findElement(thumbsUp).getAttribute("data-count")));
            assertReaction(a, thumbsUp, "2", true);
            assertThat(script(b, "return window.notReloaded === true;")).isEqualTo(true);
            assertThat(script(a, "return document.querySelectorAll('#reactions-" + message + " .reaction:not(.add)').length")).isEqualTo(1L);
        }
        JsonPath stored = alice.api().queryParam("limit", 10).get("/api/conversations/" + conversation + "/messages")
                .then().statusCode(200).extract().jsonPath();
        assertThat(stored.getList("items.find { it.id == '" + message + "' }.reactions.emoji")).containsExactly("👍");
        assertThat(stored.getList("items.find { it.id == '" + message + "' }.reactions.count")).containsExactly(2);
    }

    /** The chip's count, as shown and as data-count, and whether it is pressed as this user's own. */
    private static void assertReaction(Browser browser, By chip, String count, boolean mine) {
        browser.waitUntil("the count " + count + " on " + chip, d -> count.equals(d.findElement(chip).getAttribute("data-count")));
        WebElement element = browser.waitFor(chip);
        assertThat(element.findElement(By.cssSelector(".count")).getText()).isEqualTo(count);
        assertThat(element.getAttribute("aria-pressed")).isEqualTo(Boolean.toString(mine));
    }

    private static Object script(Browser browser, String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** Signs in through the SPA's form a user registered over REST (setup). */
    private static void signIn(Browser browser, User user) {
        browser.go("/");
        browser.type(By.name("identifier"), user.username());
        browser.type(By.name("password"), Users.PASSWORD);
        browser.waitFor(By.xpath("//button[text()='Sign in']")).click();
        browser.waitFor(By.id("user-search"));
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
