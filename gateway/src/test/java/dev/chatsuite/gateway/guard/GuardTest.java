package dev.chatsuite.gateway.guard;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class GuardTest {

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URL root;

    /** Rate-limit counters live in this module's own Redis database; each test starts from zero. */
    @BeforeEach
    @AfterEach
    void resetCounters() {
        redis.execute("FLUSHDB");
    }

    @Test
    void shouldRefuseACookieAuthenticatedPostWithoutAnAllowedOrigin() {
        Browser browser = Browser.signIn("csrf-" + UUID.randomUUID());
        String path = "/api/conversations";

        assertProblem(browser.request().contentType(ContentType.JSON).body("{}").post(path), 403, "csrf");
        assertProblem(browser.request().header("Origin", "https://evil.example").contentType(ContentType.JSON).body("{}").post(path), 403);
        browser.sameOrigin().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(200);
        browser.request().header("Origin", "https://app.example.com").contentType(ContentType.JSON).body("{}").post(path).then().statusCode(200);
    }

    @Test
    void shouldNotAskABearerClientForAnOrigin() {
        given().auth().oauth2(GatewayTestSupport.token("script")).contentType(ContentType.JSON).body("{}").post("/api/conversations")
                .then().statusCode(200);
    }

    @Test
    void shouldRefuseACookieAuthenticatedWebSocketUpgradeFromAForeignOrigin() {
        Browser browser = Browser.signIn("ws-" + UUID.randomUUID());
        Response response = browser.request().header("Origin", "https://evil.example").header("Connection", "Upgrade")
                .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .get("/ws");
        assertProblem(response, 403, "csrf");
    }

    @Test
    void shouldAnswerCorsForAConfiguredOriginWithCredentials() {
        Response preflight = given().header("Origin", "https://app.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options("/api/conversations");
        preflight.then().statusCode(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");

        Response actual = given().header("Origin", "https://app.example.com").auth().oauth2(GatewayTestSupport.token("x")).get("/api/conversations");
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(actual.header("Vary")).contains("Origin");
    }

    @Test
    void shouldGiveAnUnknownOriginNoCorsHeaders() {
        Response preflight = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/conversations");
        assertProblem(preflight, 403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Response actual = given().header("Origin", "https://evil.example").auth().oauth2(GatewayTestSupport.token("x")).get("/api/conversations");
        assertThat(actual.headers().asList()).noneMatch(h -> h.getName().startsWith("Access-Control-Allow"));
    }

    @Test
    void shouldLimitLoginsPerIpAndIdentifier() {
        GatewayTestSupport.withinOneWindow(5);
        String who = "victim-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            login(who, "wrong").then().statusCode(401);
        }
        Response limited = login(who, "wrong");
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        login("someone-else-" + UUID.randomUUID(), "wrong").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("identifier", who, "password", "x")).post("/api/session").then().statusCode(429);
    }

    @Test
    void shouldLimitRegistrationsPerIp() {
        GatewayTestSupport.withinOneWindow(5);
        for (int i = 0; i < 2; i++) {
            register().then().statusCode(201);
        }
        Response limited = register();
        assertProblem(limited, 429);
        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @Test
    void shouldLimitForgotPasswordPerIp() {
        GatewayTestSupport.withinOneWindow(5);
        for (int i = 0; i < 2; i++) {
            forgot().then().statusCode(200);
        }
        assertProblem(forgot(), 429);
    }

    @Test
    void shouldLimitUploadsPerUser() {
        GatewayTestSupport.withinOneWindow(5);
        String token = GatewayTestSupport.token("uploader-" + UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            assertThat(upload(token).statusCode()).as("forwarded to the (down) media upstream").isIn(502, 503);
        }
        assertProblem(upload(token), 429);
        assertThat(upload(GatewayTestSupport.token("another-" + UUID.randomUUID())).statusCode()).isIn(502, 503);
    }

    @Test
    void shouldCountMultipartMessagePostsAsUploads() {
        GatewayTestSupport.withinOneWindow(5);
        String token = GatewayTestSupport.token("poster-" + UUID.randomUUID());
        String path = "/api/conversations/" + UUID.randomUUID() + "/messages";
        for (int i = 0; i < 2; i++) {
            assertThat(messageUpload(token, path).statusCode()).as("forwarded to messaging").isNotEqualTo(429);
        }
        assertProblem(messageUpload(token, path), 429);
        assertProblem(messageUpload(token, path + "/"), 429);
        assertThat(given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"body\":\"hi\"}").post(path).statusCode())
                .as("a JSON post counts in the default bucket").isNotEqualTo(429);
    }

    @Test
    void shouldNotLetASpoofedForwardedForFromAnUntrustedPeerChangeTheKey() {
        given().header("X-Forwarded-For", "10.0.0.1").contentType(ContentType.JSON).body("{}").post("/api/auth/register").then().statusCode(201);
        given().header("X-Forwarded-For", "10.0.0.2").contentType(ContentType.JSON).body("{}").post("/api/auth/register").then().statusCode(201);
        assertProblem(given().header("X-Forwarded-For", "10.0.0.3").contentType(ContentType.JSON).body("{}").post("/api/auth/register"), 429);
    }

    @Test
    void shouldCountForgedTokensAgainstTheAnonymousLimitOfTheirIp() throws Exception {
        GatewayTestSupport.withinOneWindow(40);
        List<Integer> statuses = inParallel(700, () -> GatewayTestSupport.forgedToken("forger-" + UUID.randomUUID()));

        assertThat(statuses.stream().filter(s -> s == 200).count()).as("requests let through under the anonymous limit of 600").isEqualTo(600);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(100);
        // A token the gateway verified has its own bucket.
        given().auth().oauth2(GatewayTestSupport.token("real-" + UUID.randomUUID())).get("/api/conversations").then().statusCode(200);
    }

    @Test
    void shouldRateLimitBeforeRefreshingAnExpiredSession() throws Exception {
        GatewayTestSupport.withinOneWindow(40);
        String identifier = "busy-" + UUID.randomUUID();
        String sameUser = GatewayTestSupport.token("user-" + identifier);
        GatewayTestSupport.accessTtl(5);
        try {
            Browser browser = Browser.signIn(identifier);
            assertThat(inParallel(600, () -> sameUser)).containsOnly(200);
            int refreshesBefore = GatewayTestSupport.refreshes();

            Response limited = browser.request().get("/api/conversations");

            assertProblem(limited, 429, "rate-limited");
            assertThat(GatewayTestSupport.refreshes()).as("no refresh for a request over the limit").isEqualTo(refreshesBefore);
            assertThat(limited.headers().getValues("Set-Cookie")).isEmpty();
        } finally {
            GatewayTestSupport.accessTtl(900);
        }
    }

    /**
     * {@code count} GETs of /api/conversations at once from this one client IP, each with the
     * bearer token {@code tokens} gives (16 in flight on a pooled client, so a series fits in one window).
     */
    private List<Integer> inParallel(int count, Supplier<String> tokens) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(root.toString().replaceAll("/$", "") + "/api/conversations");
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        Semaphore inFlight = new Semaphore(16);
        for (int i = 0; i < count; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + tokens.get()).GET().build();
            inFlight.acquire();
            calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> inFlight.release()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<Void>> call : calls) {
            statuses.add(call.get(60, TimeUnit.SECONDS).statusCode());
        }
        return statuses;
    }

    private static Response login(String identifier, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("identifier", identifier, "password", password)).post("/api/auth/login");
    }

    private static Response register() {
        return given().contentType(ContentType.JSON).body("{}").post("/api/auth/register");
    }

    private static Response forgot() {
        return given().contentType(ContentType.JSON).body("{}").post("/api/auth/password/forgot");
    }

    private static Response messageUpload(String token, String path) {
        return given().auth().oauth2(token).multiPart("file", "a.txt", new byte[] { 1 }).post(path);
    }

    private static Response upload(String token) {
        return given().auth().oauth2(token).multiPart("file", "a.txt", new byte[] { 1 }).post("/api/media");
    }
}
