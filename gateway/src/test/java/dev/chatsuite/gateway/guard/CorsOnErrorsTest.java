package dev.chatsuite.gateway.guard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.RawHttp;
import dev.chatsuite.gateway.RawHttp.ChunkedOutcome;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The gateway's own error answers carry CORS headers for an allowed origin, and none for another. */
@QuarkusTest
class CorsOnErrorsTest {

    private static final String ALLOWED = "https://app.example.com";
    private static final String OTHER = "https://evil.example";

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    @AfterEach
    void resetCounters() {
        redis.execute("FLUSHDB");
    }

    @Test
    void shouldCarryCorsOnA401() {
        assertCors(401, spec -> spec.get("/api/session"));
    }

    @Test
    void shouldCarryCorsOnA403() {
        assertCors(403, spec -> spec.contentType(ContentType.JSON).body(Map.of("identifier", "disabled", "password", "x")).post("/api/session"));
    }

    @Test
    void shouldCarryCorsOnA413DeclaredAndChunked() throws Exception {
        assertCors(413, spec -> spec.contentType(ContentType.JSON).body("{\"identifier\":\"" + "x".repeat(20_000) + "\"}").post("/api/session"));
        String overCeiling = RawHttp.headOnly(root, "POST /api/conversations HTTP/1.1\r\nHost: localhost\r\nOrigin: " + ALLOWED
                + "\r\nContent-Type: application/json\r\nContent-Length: 2000000000");
        assertThat(overCeiling).startsWith("HTTP/1.1 413").containsIgnoringCase("access-control-allow-origin: " + ALLOWED);
        for (String origin : new String[] { ALLOWED, OTHER }) {
            ChunkedOutcome chunked = RawHttp.sendChunked(root, "POST /api/session HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
                    + "\r\nContent-Type: application/json", 8L * 1024 * 1024);
            assertThat(chunked.status()).isEqualTo(413);
            if (origin.equals(ALLOWED)) {
                assertThat(chunked.response()).containsIgnoringCase("access-control-allow-origin: " + ALLOWED);
            } else {
                assertThat(chunked.response()).doesNotContainIgnoringCase("access-control-allow");
            }
        }
    }

    @Test
    void shouldCarryCorsOnA429() {
        GatewayTestSupport.withinOneWindow(5);
        String who = "cors-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Map.of("identifier", who, "password", "x")).post("/api/auth/login");
        }
        assertCors(429, spec -> spec.contentType(ContentType.JSON).body(Map.of("identifier", who, "password", "x")).post("/api/auth/login"));
    }

    @Test
    void shouldCarryCorsOnA502AndA503() {
        String token = GatewayTestSupport.token("cors-upstream");
        // media is a closed port: a connect failure is 502, then the URL is out of the rotation (503) for a few seconds.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().auth().oauth2(token).header("Origin", ALLOWED).get("/api/media/x").statusCode() == 503);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response response = given().auth().oauth2(token).header("Origin", ALLOWED).get("/api/media/x");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        });
        assertCors(503, spec -> spec.auth().oauth2(token).get("/api/media/x"));
    }

    @Test
    void shouldCarryCorsOnA400ForANonCanonicalPath() throws Exception {
        ChunkedOutcome allowed = RawHttp.exchange(root, "GET", "/api/conversations;x=1", "Origin: " + ALLOWED, null);
        assertThat(allowed.status()).isEqualTo(400);
        assertThat(allowed.response()).containsIgnoringCase("access-control-allow-origin: " + ALLOWED);
        ChunkedOutcome other = RawHttp.exchange(root, "GET", "/api/conversations;x=1", "Origin: " + OTHER, null);
        assertThat(other.response()).doesNotContainIgnoringCase("access-control-allow");
    }

    private static void assertCors(int status, Function<RequestSpecification, Response> call) {
        Response allowed = call.apply(given().header("Origin", ALLOWED));
        assertThat(allowed.statusCode()).as(allowed.asString()).isEqualTo(status);
        assertThat(allowed.contentType()).startsWith("application/problem+json");
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(allowed.header("Access-Control-Expose-Headers")).contains("Retry-After");

        Response other = call.apply(given().header("Origin", OTHER));
        assertThat(other.headers().asList()).noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-allow"));
    }
}
