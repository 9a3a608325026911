package dev.chatsuite.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.UpstreamStub;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Many sockets through the gateway to one upstream: no per-endpoint cap, and no upgrade lost
 * while the rate limit (on in these tests) is checked in Redis.
 */
@QuarkusTest
class WebSocketCapacityTest {

    @TestHTTPResource("/")
    java.net.URL root;

    @Test
    void shouldHoldThreeHundredSocketsToOneUpstreamOpenTogether() throws Exception {
        int count = 300;
        // An earlier test's sockets close asynchronously; counted from zero, the count below is this test's.
        await().atMost(Duration.ofSeconds(30)).until(() -> UpstreamStub.OPEN_SOCKETS.get() == 0);
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = opened(sockets.openAll(count, i -> "/ws/echo", i -> bearer("hold")));
            for (Sockets.Client client : clients) {
                assertThat(client.nextText()).contains("\"authorization\":\"Bearer ");
            }
            // All open at once: each one echoes while the others are still held.
            assertThat(UpstreamStub.OPEN_SOCKETS.get()).isEqualTo(count);
            for (int i = 0; i < count; i++) {
                clients.get(i).socket.writeTextMessage("ping-" + i);
            }
            for (int i = 0; i < count; i++) {
                assertThat(clients.get(i).nextText()).isEqualTo("echo:ping-" + i);
            }
        }
    }

    @Test
    void shouldProxyTwoHundredSimultaneousUpgradesWhileTheRateLimitIsOn() throws Exception {
        int count = 200;
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = opened(sockets.openAll(count, i -> "/ws", i -> bearer("storm")));
            for (int i = 0; i < count; i++) {
                Sockets.Client client = clients.get(i);
                assertThat(client.nextText()).contains("\"authorization\":\"Bearer ");
                client.socket.writeTextMessage("hello-" + i);
                assertThat(client.nextText()).isEqualTo("echo:hello-" + i);
            }
        }
    }

    @Test
    void shouldCountAnUpgradeWithAQueryTokenAgainstItsUserNotItsIp() throws Exception {
        // More upgrades from one IP than the anonymous limit (600/min): each ?token= is its own user's.
        int count = 650;
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = opened(sockets.openAll(count,
                    i -> "/ws/echo?token=" + GatewayTestSupport.token("query-" + UUID.randomUUID()), i -> Map.of()));
            for (int i = 0; i < count; i++) {
                clients.get(i).socket.writeTextMessage("q-" + i);
            }
            for (int i = 0; i < count; i++) {
                String text;
                do {
                    text = clients.get(i).nextText();
                } while (!text.startsWith("echo:"));
                assertThat(text).as("socket %d, closed with %s", i, clients.get(i).closed.getNow(null)).isEqualTo("echo:q-" + i);
            }
        }
    }

    /** Each socket its own user, so the per-user limit (600/min here) is checked but never reached. */
    static Map<String, String> bearer(String prefix) {
        return Map.of("Authorization", "Bearer " + GatewayTestSupport.token(prefix + "-" + UUID.randomUUID()));
    }

    /** Every upgrade must have been answered with 101; a refused one fails the test with its cause. */
    static List<Sockets.Client> opened(List<CompletableFuture<Sockets.Client>> upgrades) {
        List<Sockets.Client> clients = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Sockets.Client> upgrade : upgrades) {
            if (upgrade.isDone() && !upgrade.isCompletedExceptionally()) {
                clients.add(upgrade.join());
            } else {
                failures.add(upgrade.isDone() ? upgrade.handle((c, e) -> String.valueOf(e)).join() : "no answer within 60 s");
            }
        }
        assertThat(failures).as("upgrades not answered with 101 (%d of %d)", failures.size(), upgrades.size()).isEmpty();
        return clients;
    }
}
