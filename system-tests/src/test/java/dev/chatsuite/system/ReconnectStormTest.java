package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;

/**
 * A deploy or a network blip makes every browser reconnect at once: 2,000 sockets through the
 * gateway to {@code /ws}, 500 upgrades started together at a time, with the launcher's rate
 * limits on (40 users of 50 sockets, so the per-user limit is not what refuses them), across
 * the two messaging instances; all must be {@code ready} and all held open together.
 */
@ExtendWith(RunningSuite.class)
class ReconnectStormTest {

    private static final int USERS = 40;
    private static final int SOCKETS = 2_000;
    private static final int WAVE = 500;

    @Test
    void shouldHoldTwoThousandSocketsOpenedFiveHundredAtATime() throws Exception {
        List<User> users = IntStream.range(0, USERS).parallel().mapToObj(i -> Users.register("storm")).toList();
        List<LiveSocket> open = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        try {
            for (int wave = 0; wave < SOCKETS / WAVE; wave++) {
                List<CompletableFuture<LiveSocket>> upgrades = new ArrayList<>();
                for (int i = 0; i < WAVE; i++) {
                    User user = users.get((wave * WAVE + i) % USERS);
                    upgrades.add(LiveSocket.open(LiveSocket.gatewayWs(user.accessToken()), Map.of())
                            .thenCompose(socket -> socket.ready.thenApply(id -> socket)).orTimeout(45, TimeUnit.SECONDS));
                }
                for (CompletableFuture<LiveSocket> upgrade : upgrades) {
                    try {
                        open.add(upgrade.get(50, TimeUnit.SECONDS));
                    } catch (Exception refused) {
                        failures.merge(reason(refused), 1, Integer::sum);
                    }
                }
            }
            assertThat(open.size()).as("sockets ready through the gateway; the others failed with %s", failures).isEqualTo(SOCKETS);

            // Held together: each answers a ping on the same connection after all are open.
            open.forEach(socket -> socket.send("{\"type\":\"ping\"}"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && open.stream().anyMatch(s -> s.pongs.get() == 0)) {
                Thread.sleep(200);
            }
            long closed = open.stream().filter(s -> !s.isOpen()).count();
            long silent = open.stream().filter(s -> s.pongs.get() == 0).count();
            assertThat(closed).as("sockets closed while the others were opening").isZero();
            assertThat(silent).as("open sockets that did not answer a ping").isZero();
        } finally {
            open.forEach(LiveSocket::close);
        }
    }

    /** A short name for why an upgrade failed (the HTTP status of a refused upgrade, a close code, a timeout). */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("status code:? ?(\\d{3})").matcher(message);
        if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
            return "HTTP " + handshake.getResponse().statusCode();
        }
        if (cause instanceof java.util.concurrent.TimeoutException || message.contains("timed out")) {
            return "timeout";
        }
        if (message.startsWith("closed with")) {
            return message;
        }
        return status.find() ? "HTTP " + status.group(1) : cause.getClass().getSimpleName();
    }
}
