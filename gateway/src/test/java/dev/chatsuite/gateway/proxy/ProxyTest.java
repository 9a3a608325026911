package dev.chatsuite.gateway.proxy;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import dev.chatsuite.testsupport.CapturedLog;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class ProxyTest {

    @TestHTTPResource("/")
    java.net.URL root;

    @Test
    void shouldReplaceGatewayOnlyHeadersAndPassTheRequestId() {
        given().auth().oauth2(GatewayTestSupport.token("h")).header("X-Forwarded-For", "6.6.6.6").header("X-Internal-User", "admin")
                .header("X-Request-Id", "trace-me-42").get("/api/conversations/headers").then().statusCode(200).header("X-Request-Id", "trace-me-42");

        var seen = GatewayTestSupport.lastSeen("/api/conversations/headers");
        assertThat(seen.getString("forwardedFor")).isEqualTo("127.0.0.1");
        assertThat(seen.getString("internal")).isNull();
        assertThat(seen.getString("requestId")).isEqualTo("trace-me-42");
    }

    @Test
    void shouldNotForwardTheGatewaysSessionCookies() {
        Browser browser = Browser.signIn("cookies-" + java.util.UUID.randomUUID());

        browser.request().cookie("theme", "dark").get("/api/conversations/cookies").then().statusCode(200);

        var seen = GatewayTestSupport.lastSeen("/api/conversations/cookies");
        assertThat(seen.getString("cookie")).isEqualTo("theme=dark");
        assertThat(seen.getString("authorization")).isEqualTo("Bearer " + browser.cookies().get("chat_access"));

        browser.request().get("/api/auth/logout-probe").then().statusCode(200);
        assertThat(GatewayTestSupport.lastSeen("/api/auth/logout-probe").getString("cookie")).isNull();
        browser.request().header("Authorization", "Bearer own").get("/api/conversations/cookies").then().statusCode(200);
        assertThat(GatewayTestSupport.lastSeen("/api/conversations/cookies").getString("cookie")).isNull();
    }

    @Test
    void shouldStreamATenMebibyteMultipartPost() {
        byte[] file = new byte[10 * 1024 * 1024];
        given().auth().oauth2(GatewayTestSupport.token("m")).multiPart("body", "hi").multiPart("files", "big.bin", file)
                .post("/api/conversations/c1/messages").then().statusCode(200);

        var seen = GatewayTestSupport.lastSeen("/api/conversations/c1/messages");
        assertThat(seen.getString("contentType")).startsWith("multipart/form-data");
        assertThat(seen.getLong("bytes")).isGreaterThan(file.length);
    }

    @Test
    void shouldStreamALargeDownloadWithItsLength() {
        Response response = given().auth().oauth2(GatewayTestSupport.token("d")).get("/api/conversations/big");
        response.then().statusCode(200).header("Content-Length", Integer.toString(80 * 64 * 1024));
        assertThat(response.asByteArray()).hasSize(80 * 64 * 1024);
    }

    @Test
    void shouldAnswerBadGatewayAsProblemWhenAnUpstreamIsDown() {
        Response response = given().auth().oauth2(GatewayTestSupport.token("x")).get("/api/media/123");
        // 502 when the connect fails; 503 while the failed upstream is out of the rotation.
        assertThat(response.statusCode()).isIn(502, 503);
        assertProblem(response, response.statusCode());
        assertThat(response.asString()).doesNotContain("Exception", "127.0.0.1:1");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownApiPath() {
        assertProblem(given().get("/api/nothing-here"), 404);
    }

    @Test
    void shouldInjectTheCookieTokenIntoAWebSocketUpgrade() throws Exception {
        Browser browser = Browser.signIn("socket");
        Vertx vertx = Vertx.vertx();
        try {
            WebSocketClient client = vertx.createWebSocketClient();
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort()).setURI("/ws")
                    .addHeader("Cookie", "chat_access=" + browser.cookies().get("chat_access") + "; chat_refresh=" + browser.cookies().get("chat_refresh"))
                    .addHeader("Origin", GatewayTestSupport.ownOrigin());
            CompletableFuture<String> first = new CompletableFuture<>();
            CompletableFuture<String> echo = new CompletableFuture<>();
            Sockets.connect(vertx, client, options, ws -> {
                ws.textMessageHandler(text -> {
                    if (!first.isDone()) {
                        first.complete(text);
                        ws.writeTextMessage("hello");
                    } else {
                        echo.complete(text);
                    }
                });
            }, first::completeExceptionally);

            JsonObject seen = new JsonObject(first.get(10, TimeUnit.SECONDS));
            assertThat(seen.getString("authorization")).isEqualTo("Bearer " + browser.cookies().get("chat_access"));
            assertThat(seen.getString("requestId")).isNotBlank();
            assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("echo:hello");
        } finally {
            vertx.close();
        }
    }

    @Test
    void shouldPassOnACloseCodeTheUpstreamSendsBeforeTheClientIsAccepted() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Short> closed = new CompletableFuture<>();
            Sockets.connect(vertx, vertx.createWebSocketClient(),
                    new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort()).setURI("/ws/refused"), ws -> {
                        // The close may have come with the 101, before this callback.
                        if (ws.isClosed()) {
                            closed.complete(ws.closeStatusCode());
                        } else {
                            ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
                        }
                    }, closed::completeExceptionally);

            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4001);
        } finally {
            vertx.close();
        }
    }

    @Test
    void shouldServeTheSpaWithSecurityHeadersAndIndexForClientRoutes() {
        Response index = given().get("/");
        index.then().statusCode(200);
        assertThat(index.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(index.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(index.header("Referrer-Policy")).isNotBlank();

        Response route = given().get("/conversations/some-id");
        route.then().statusCode(200);
        assertThat(route.asString()).isEqualTo(index.asString());
        assertThat(route.header("Content-Type")).startsWith("text/html");
    }

    @Test
    @DisabledOnIntegrationTest("reads the application's log records in-process")
    void shouldLeaveTheAccessLineOfAProxiedAnswerToTheServiceThatGaveIt() throws Exception {
        try (CapturedLog access = CapturedLog.of("dev.chatsuite.access")) {
            given().auth().oauth2(GatewayTestSupport.token("l")).get("/api/conversations/logged-by-the-service").then().statusCode(200);
            given().get("/api/no-such-api").then().statusCode(404);

            // The gateway's own 404 is logged; by then the proxied request's line would be there too.
            assertThat(access.awaitMessage(m -> m.startsWith("GET /api/no-such-api 404"), Duration.ofSeconds(5))).isTrue();
            assertThat(access.messages()).noneMatch(m -> m.contains("/api/conversations/logged-by-the-service"));
        }
    }

    @Test
    @DisabledOnIntegrationTest("reads the application's log records in-process")
    void shouldLogAnUpstreamServerErrorAtTheGateway() throws Exception {
        try (CapturedLog access = CapturedLog.of("dev.chatsuite.access")) {
            given().auth().oauth2(GatewayTestSupport.token("l")).get("/api/conversations/broken").then().statusCode(500);

            assertThat(access.awaitMessage(m -> m.startsWith("GET /api/conversations/broken 500"), Duration.ofSeconds(5))).isTrue();
        }
    }
}
