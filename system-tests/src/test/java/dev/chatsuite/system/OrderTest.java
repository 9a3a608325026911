package dev.chatsuite.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;

/**
 * The contract's order: per conversation and connection, {@code message.created} arrives in
 * {@code seq} order. 20 senders post concurrently into one conversation for a few seconds,
 * alternating between the two messaging instances (straight) and the gateway; 40 receivers
 * connected through the gateway (both instances) must each see 1..N: strictly increasing,
 * none missing, none twice. The posts that reach the instance not owning the conversation are
 * stored by its owner.
 */
@ExtendWith(RunningSuite.class)
class OrderTest {

    private static final int SENDERS = 20;
    private static final long SENDING_MILLIS = 5_000;

    @Test
    void shouldDeliverEveryMessageInSeqOrderToEveryReceiverWhicheverInstanceStoredIt() throws Exception {
        List<User> users = IntStream.range(0, SENDERS).parallel().mapToObj(i -> Users.register("order")).toList();
        String conversation = Chat.group(users.get(0), users);
        List<LiveSocket> receivers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            for (User user : users) {
                for (int i = 0; i < 2; i++) {
                    LiveSocket socket = LiveSocket.open(LiveSocket.gatewayWs(user.accessToken()), Map.of()).get(30, TimeUnit.SECONDS);
                    socket.ready.get(30, TimeUnit.SECONDS);
                    receivers.add(socket);
                }
            }
            String[] targets = { RunningSuite.url("messaging-service"), RunningSuite.url("messaging-service-2"), RunningSuite.gateway() };
            double forwardedBefore = forwarded();
            AtomicInteger acknowledged = new AtomicInteger();
            long stop = System.currentTimeMillis() + SENDING_MILLIS;
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                User sender = users.get(s);
                int first = s;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int n = 0; System.currentTimeMillis() < stop; n++) {
                        int status = Chat.post(targets[(first + n) % targets.length], sender, conversation, "m " + first + "." + n,
                                "o-" + first + "-" + n).statusCode();
                        assertThat(status).as("post %d of sender %d", n, first).isEqualTo(201);
                        acknowledged.incrementAndGet();
                    }
                }, pool));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            // A third of the posts went straight to the instance that does not own the conversation: its owner stored them.
            assertThat(forwarded() - forwardedBefore).as("posts sent on to the conversation's owner instance").isGreaterThanOrEqualTo(acknowledged.get() / 4.0);
            List<Long> stored = Chat.seqsAfter(users.get(0), conversation, 0);
            assertThat(stored).as("history holds every acknowledged message, seq 1..N").isEqualTo(Chat.oneTo(acknowledged.get()));

            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline && receivers.stream().anyMatch(r -> r.seqs(conversation).size() < stored.size())) {
                Thread.sleep(200);
            }
            for (int r = 0; r < receivers.size(); r++) {
                List<Long> seen = receivers.get(r).seqs(conversation);
                assertThat(outOfOrder(seen)).as("receiver %d: deliveries with a seq not above the one before (of %d)", r, seen.size()).isZero();
                assertThat(seen).as("receiver %d sees every message once, in seq order", r).isEqualTo(stored);
            }
        } finally {
            pool.shutdownNow();
            receivers.forEach(LiveSocket::close);
        }
    }

    /** Posts both instances have sent on to their conversation's owner so far (their chat_posts_forwarded_total). */
    static double forwarded() {
        double total = 0;
        for (String service : List.of("messaging-service", "messaging-service-2")) {
            String metrics = given().baseUri(RunningSuite.operationsUrl(service)).get("/q/metrics").then().statusCode(200).extract().asString();
            total += metrics.lines().filter(l -> l.startsWith("chat_posts_forwarded_total "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return total;
    }

    static long outOfOrder(List<Long> seqs) {
        long count = 0;
        for (int i = 1; i < seqs.size(); i++) {
            if (seqs.get(i) <= seqs.get(i - 1)) {
                count++;
            }
        }
        return count;
    }
}
