package dev.chatsuite.system;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The gateway's browser features in front of the real services. */
@ExtendWith(RunningSuite.class)
class GatewaySystemTest {

    @Test
    void shouldSignInWithCookiesAndCallTheServicesWithCookiesOnly() throws Exception {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        Response login = given().baseUri(RunningSuite.gateway()).contentType(ContentType.JSON)
                .body(Map.of("identifier", alice.username(), "password", Users.PASSWORD)).post("/api/session");
        login.then().statusCode(200);
        assertThat(login.jsonPath().getString("user.id")).isEqualTo(alice.id());
        assertThat(login.asString()).doesNotContain("accessToken");
        Map<String, String> cookies = login.getCookies();
        String origin = RunningSuite.gateway();

        given().baseUri(RunningSuite.gateway()).cookies(cookies).get("/api/auth/me").then().statusCode(200);
        String conversation = given().baseUri(RunningSuite.gateway()).cookies(cookies).header("Origin", origin).contentType(ContentType.JSON)
                .body(Map.of("type", "direct", "participantId", bob.id())).post("/api/conversations").then().statusCode(201).extract().path("id");
        assertProblem(given().baseUri(RunningSuite.gateway()).cookies(cookies).header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(Map.of("body", "forged")).post("/api/conversations/" + conversation + "/messages"), 403);

        String cookieHeader = "chat_access=" + cookies.get("chat_access") + "; chat_refresh=" + cookies.get("chat_refresh");
        try (Sockets socket = Sockets.open(RunningSuite.gateway(), "/ws", origin, cookieHeader)) {
            assertThat(socket.next("ready", 10_000).getString("userId")).isEqualTo(alice.id());
        }

        given().baseUri(RunningSuite.gateway()).cookies(cookies).header("Origin", origin).delete("/api/session").then().statusCode(204);
        assertProblem(given().baseUri(RunningSuite.gateway()).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", cookies.get("chat_refresh"))).post("/api/auth/refresh"), 401);
    }

    @Test
    void shouldCloseASocketWithoutTokenWith4001ThroughTheGateway() throws Exception {
        try (Sockets socket = Sockets.open(RunningSuite.gateway(), "/ws", null, null)) {
            assertThat(socket.closeCode()).isEqualTo(4001);
        }
    }

    @Test
    void shouldEchoThroughTheGateway() throws Exception {
        try (Sockets echo = Sockets.open(RunningSuite.gateway(), "/ws/echo", null, null)) {
            echo.send("{\"type\":\"echo-check\"}");
            assertThat(echo.next("echo-check", 5000).getString("type")).isEqualTo("echo-check");
        }
    }

    @Test
    void shouldCarryTheRequestIdIntoTheServiceLogs() throws Exception {
        User alice = Users.register("alice");
        String requestId = "sys-" + UUID.randomUUID();
        alice.api().header("X-Request-Id", requestId).get("/api/auth/me").then().statusCode(200).header("X-Request-Id", requestId);

        Path log = Path.of("target/system-logs/auth-service.log");
        long deadline = System.currentTimeMillis() + 5000;
        boolean found = false;
        while (!found && System.currentTimeMillis() < deadline) {
            found = Files.readString(log).contains(requestId);
            Thread.sleep(100);
        }
        assertThat(found).as("auth-service logged the gateway's request id").isTrue();
    }

    @Test
    void shouldNeverWriteTheTokenQueryParameterToALog() throws Exception {
        User alice = Users.register("alice");
        try (Sockets socket = Sockets.open(RunningSuite.gateway(), "/ws?token=" + alice.accessToken(), null, null)) {
            socket.next("ready", 10_000);
        }
        for (String service : new String[] { "gateway", "messaging-service", "messaging-service-2", "auth-service" }) {
            assertThat(Files.readString(Path.of("target/system-logs/" + service + ".log"))).as(service).doesNotContain(alice.accessToken());
        }
    }
}
