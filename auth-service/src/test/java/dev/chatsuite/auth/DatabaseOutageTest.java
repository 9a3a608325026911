package dev.chatsuite.auth;

import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** PostgreSQL taken away mid-run (the reactive pool reaches it through a TcpProxy): 503 with Retry-After, then recovery. */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void shouldAnswerServiceUnavailableWhilePostgresIsDownAndRecover() {
        AuthApi.User user = AuthApi.newUser("outage");
        user.as().get("/api/auth/me").then().statusCode(200);
        PostgresTestResource.proxy().disconnect();
        try {
            assertUnavailable(user.as().get("/api/auth/me"));
            assertUnavailable(AuthApi.login(user.username(), PASSWORD));
            assertUnavailable(AuthApi.refresh(user.refreshToken()));
            String username = AuthApi.unique("during");
            assertUnavailable(AuthApi.register(username + "@example.test", username, PASSWORD, null));
        } finally {
            PostgresTestResource.proxy().reconnect();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(user.as().get("/api/auth/me").statusCode()).isEqualTo(200));
        assertThat(AuthApi.login(user.username(), PASSWORD).statusCode()).isEqualTo(200);
        assertThat(AuthApi.refresh(user.refreshToken()).statusCode()).isEqualTo(200);
    }

    private static void assertUnavailable(Response response) {
        assertProblem(response, 503, "database-unavailable");
        assertThat(response.header("Retry-After")).matches("\\d+");
        assertThat(response.asString()).doesNotContainIgnoringCase("postgres").doesNotContain("vertx", "Connection refused");
    }
}
