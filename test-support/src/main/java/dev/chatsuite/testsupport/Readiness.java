package dev.chatsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Supplier;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Readiness checks against a backend that a {@link TcpProxy} can take away and bring back. */
public final class Readiness {

    private Readiness() {
    }

    public static void assertReady() {
        assertReady(RestAssured::given);
    }

    /** As {@link #assertReady()}, against the port {@code operations} points at (a management port). */
    public static void assertReady(Supplier<RequestSpecification> operations) {
        Response response = operations.get().get("/q/health/ready");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("status")).isEqualTo("UP");
    }

    /**
     * Takes the backend away: readiness must turn DOWN naming {@code checkNameFragment};
     * brings it back: readiness must return to UP without restarting the service.
     */
    public static void assertGoesDownAndRecovers(TcpProxy backend, String checkNameFragment) {
        assertGoesDownAndRecovers(backend, checkNameFragment, RestAssured::given);
    }

    /** As {@link #assertGoesDownAndRecovers(TcpProxy, String)}, against the port {@code operations} points at. */
    public static void assertGoesDownAndRecovers(TcpProxy backend, String checkNameFragment, Supplier<RequestSpecification> operations) {
        assertReady(operations);
        backend.disconnect();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                Response response = operations.get().get("/q/health/ready");
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.jsonPath().getString("status")).isEqualTo("DOWN");
                assertThat(response.asString()).containsIgnoringCase(checkNameFragment);
            });
        } finally {
            backend.reconnect();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertReady(operations));
    }
}
