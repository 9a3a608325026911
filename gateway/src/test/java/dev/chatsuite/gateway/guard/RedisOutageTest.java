package dev.chatsuite.gateway.guard;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import dev.chatsuite.testsupport.CapturedLog;
import dev.chatsuite.testsupport.RedisTestResource;
import dev.chatsuite.testsupport.TcpProxy;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Redis down degrades: limits are counted per process and logged once; nothing turns into a 502. */
@QuarkusTest
class RedisOutageTest {

    @Inject
    RedisDataSource redis;

    @AfterEach
    void bringRedisBack() {
        RedisTestResource.proxy().reconnect();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            redis.execute("FLUSHDB");
            return true;
        });
    }

    @Test
    @DisabledOnIntegrationTest("reads the application's log records in-process")
    void shouldKeepAnsweringAndLimitingLocallyWhileRedisIsDownThenUseRedisAgain() throws Exception {
        TcpProxy proxy = RedisTestResource.proxy();
        String who = "outage-" + UUID.randomUUID();
        try (CapturedLog log = CapturedLog.of("dev.chatsuite.gateway.guard")) {
            GatewayTestSupport.withinOneWindow(10);
            proxy.disconnect();

            for (int i = 0; i < 3; i++) {
                login(who).then().statusCode(401);
            }
            Response limited = login(who);
            assertProblem(limited, 429, "rate-limited");
            assertThat(limited.header("Retry-After")).isNotNull();
            given().auth().oauth2(GatewayTestSupport.token("outage-user")).get("/api/conversations").then().statusCode(200);
            Browser.signIn("outage-browser-" + UUID.randomUUID()).request().get("/api/conversations").then().statusCode(200);

            assertThat(log.messages()).filteredOn(m -> m.contains("Redis")).hasSize(1)
                    .allSatisfy(m -> assertThat(m).doesNotContain(who).doesNotContain("outage-user"));
        } finally {
            proxy.reconnect();
        }
        String back = "back-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            login(back).then().statusCode(401);
            assertThat(redis.key().keys("rl:login:*")).as("counted in Redis again").isNotEmpty();
        });
    }

    private static Response login(String identifier) {
        return given().contentType(ContentType.JSON).body(Map.of("identifier", identifier, "password", "wrong")).post("/api/auth/login");
    }
}
