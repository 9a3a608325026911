package dev.chatsuite.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Refused upgrades are upgraded, then closed with their code (browsers cannot read an HTTP
 * status on a failed upgrade). The tests' per-user limit is 1,000 a minute; media-service is
 * down in these tests, so an upgrade routed there meets an unreachable upstream.
 */
@QuarkusTest
class WebSocketRefusalTest {

    private static final int DEFAULT_LIMIT = 600;

    @TestHTTPResource("/")
    java.net.URL root;

    @Test
    void shouldUpgradeThenCloseWithInternalErrorWhenTheUpstreamIsDown() throws Exception {
        try (RawUpgrade raw = RawUpgrade.open(root, "/api/media/socket", bearer("down"))) {
            assertThat(raw.status).isEqualTo(101);
            assertThat(raw.readCloseCode()).isEqualTo(1011);
        }
    }

    @Test
    void shouldUpgradeThenCloseWithInternalErrorWhenTheUpstreamRefusesTheUpgrade() throws Exception {
        try (Sockets sockets = new Sockets(root)) {
            Sockets.Client client = sockets.open("/ws/unavailable", bearer("unavailable")).get(20, TimeUnit.SECONDS);

            assertThat(client.closeCode()).isEqualTo((short) 1011);
            assertThat(client.texts).isEmpty();
        }
    }

    @Test
    void shouldUpgradeThenCloseWithRateLimitedPastTheLimit() throws Exception {
        GatewayTestSupport.withinOneWindow(40);
        Map<String, String> user = bearer("limited");
        spendTheMinute(user.get("Authorization"));

        try (RawUpgrade raw = RawUpgrade.open(root, "/ws", user)) {
            assertThat(raw.status).isEqualTo(101);
            assertThat(raw.header("Retry-After")).singleElement().satisfies(wait -> assertThat(Integer.parseInt(wait)).isBetween(1, 61));
            assertThat(raw.readCloseCode()).isEqualTo(4008);
        }
        try (Sockets sockets = new Sockets(root)) {
            Sockets.Client refused = sockets.open("/ws", user).get(20, TimeUnit.SECONDS);

            assertThat(refused.closeCode()).isEqualTo((short) 4008);
            assertThat(refused.socket.closeReason()).startsWith("Too many connections; retry in ");
        }
    }

    @Test
    void shouldStillAnswerAnUnknownApiPathWithAnHttpStatus() throws Exception {
        try (RawUpgrade raw = RawUpgrade.open(root, "/api/nothing-here", Map.of())) {
            assertThat(raw.status).isEqualTo(404);
        }
    }

    /** Spends one user's whole minute of the default limit with plain GETs. */
    private void spendTheMinute(String authorization) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(root.getHost()).setDefaultPort(root.getPort()),
                    new PoolOptions().setHttp1MaxSize(32));
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < DEFAULT_LIMIT; i++) {
                answers.add(http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/conversations/spend").addHeader("Authorization", authorization))
                        .compose(request -> request.send()).compose(response -> response.body().map(body -> response.statusCode())));
            }
            CompletableFuture<?> all = Future.all(answers).toCompletionStage().toCompletableFuture();
            all.get(120, TimeUnit.SECONDS);
            assertThat(answers).allSatisfy(answer -> assertThat(answer.result()).isEqualTo(200));
        } finally {
            vertx.close();
        }
    }

    private static Map<String, String> bearer(String prefix) {
        return Map.of("Authorization", "Bearer " + GatewayTestSupport.token(prefix + "-" + UUID.randomUUID()));
    }
}
