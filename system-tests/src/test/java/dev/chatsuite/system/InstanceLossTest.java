package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;

/**
 * One messaging instance dies under 500 sockets while messages flow: every client reconnects
 * through the gateway, catches up with {@code ?after=<last seq>} and then holds every message of
 * its conversation exactly once; every connection saw strictly increasing seqs. The instance is
 * started again afterwards.
 */
@ExtendWith(RunningSuite.class)
class InstanceLossTest {

    /** 50 users of 10 sockets: 500; smaller with -Dinstance-loss.users=N to try the test itself. */
    private static final int USERS = Integer.getInteger("instance-loss.users", 50);
    private static final int GROUP = Math.min(10, USERS);
    private static final int SOCKETS_PER_USER = 10;

    /** A browser tab: one socket at a time, what it holds, and how its connections behaved. */
    static final class Client {
        final User user;
        final String conversation;
        final TreeSet<Long> held = new TreeSet<>();
        final List<LiveSocket> connections = new ArrayList<>();
        volatile LiveSocket socket;
        volatile boolean reconnected;

        Client(User user, String conversation) {
            this.user = user;
            this.conversation = conversation;
        }

        synchronized void attach(LiveSocket live) {
            live.onCreated(message -> {
                if (conversation.equals(message.path("conversationId").asText())) {
                    synchronized (this) {
                        held.add(message.path("seq").asLong());
                    }
                }
            });
            connections.add(live);
            socket = live;
        }

        synchronized long lastSeq() {
            return held.isEmpty() ? 0 : held.last();
        }
    }

    @Test
    void shouldReconnectEveryClientAndCatchUpWithEveryMessageExactlyOnceWhenAnInstanceDies() throws Exception {
        List<User> users = IntStream.range(0, USERS).parallel().mapToObj(i -> Users.register("loss")).toList();
        List<String> conversations = new ArrayList<>();
        for (int g = 0; g < USERS / GROUP; g++) {
            conversations.add(Chat.group(users.get(g * GROUP), users.subList(g * GROUP, (g + 1) * GROUP)));
        }
        List<Client> clients = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < SOCKETS_PER_USER; i++) {
                clients.add(new Client(users.get(u), conversations.get(u / GROUP)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean sending = new AtomicBoolean(true);
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        try {
            List<CompletableFuture<Void>> connecting = new ArrayList<>();
            for (Client client : clients) {
                connecting.add(LiveSocket.open(LiveSocket.gatewayWs(client.user.accessToken()), Map.of()).thenCompose(live -> {
                    client.attach(live);
                    return live.ready;
                }).orTimeout(45, TimeUnit.SECONDS).handle((ok, failure) -> {
                    if (failure != null) {
                        refused.merge(ReconnectStormTest.reason(failure), 1, Integer::sum);
                    }
                    return null;
                }));
            }
            CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(refused).as("sockets refused before the instance died").isEmpty();

            AtomicInteger acknowledged = new AtomicInteger();
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(users, conversations, sending, acknowledged), pool);
            Thread.sleep(2_000);
            RunningSuite.kill("messaging-service-2");

            // Each client whose socket closed reconnects through the gateway and catches up.
            long deadline = System.currentTimeMillis() + 40_000;
            Map<Client, CompletableFuture<Void>> recovering = new ConcurrentHashMap<>();
            for (Client client : clients) {
                recovering.put(client, client.socket.closed.thenComposeAsync(code -> reconnect(client, deadline), pool));
            }
            Thread.sleep(3_000);
            List<CompletableFuture<Void>> cut = recovering.entrySet().stream().filter(e -> e.getKey().connections.get(0).closed.isDone())
                    .map(Map.Entry::getValue).toList();
            CompletableFuture.allOf(cut.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);
            assertThat(cut.size()).as("clients whose instance died (the others stayed on the live instance)").isGreaterThan(0);
            assertThat(clients.stream().filter(c -> c.reconnected).count()).as("clients that reconnected").isEqualTo(cut.size());
            Thread.sleep(2_000);
            sending.set(false);
            sender.get(30, TimeUnit.SECONDS);
            Thread.sleep(2_000);

            for (String conversation : conversations) {
                List<Long> stored = Chat.seqsAfter(users.get(conversations.indexOf(conversation) * GROUP), conversation, 0);
                assertThat(stored).as("history of %s is 1..N", conversation).isEqualTo(Chat.oneTo(stored.size()));
                for (Client client : clients) {
                    if (!client.conversation.equals(conversation)) {
                        continue;
                    }
                    for (LiveSocket connection : client.connections) {
                        assertThat(OrderTest.outOfOrder(connection.seqs(conversation))).as("deliveries out of order on one connection").isZero();
                    }
                    synchronized (client) {
                        assertThat(new ArrayList<>(client.held)).as("client holds every message exactly once").isEqualTo(stored);
                    }
                }
            }
            assertThat(acknowledged.get()).as("messages acknowledged while the instance died").isGreaterThan(0);
        } finally {
            sending.set(false);
            clients.forEach(c -> {
                if (c.socket != null) {
                    c.socket.close();
                }
            });
            pool.shutdownNow();
            RunningSuite.restart("messaging-service-2");
        }
    }

    /** Reconnects through the gateway with back-off until ready, then fetches what it missed. */
    private static CompletableFuture<Void> reconnect(Client client, long deadline) {
        long pause = 250;
        // The catch-up point is the last seq seen before the new socket: what it delivers live must not move it past the gap.
        long seenBefore = client.lastSeq();
        while (System.currentTimeMillis() < deadline) {
            try {
                LiveSocket live = LiveSocket.open(LiveSocket.gatewayWs(client.user.accessToken()), Map.of()).get(20, TimeUnit.SECONDS);
                client.attach(live);
                live.ready.get(20, TimeUnit.SECONDS);
                List<Long> missed = Chat.seqsAfter(client.user, client.conversation, seenBefore);
                synchronized (client) {
                    client.held.addAll(missed);
                }
                client.reconnected = true;
                return CompletableFuture.completedFuture(null);
            } catch (Exception notYet) {
                sleep(pause);
                pause = Math.min(2_000, pause * 2);
            }
        }
        return CompletableFuture.failedFuture(new AssertionError("client of " + client.user.username() + " did not reconnect"));
    }

    /** Messages into every conversation from rotating members, through the gateway, retried with their clientMessageId. */
    private static void send(List<User> users, List<String> conversations, AtomicBoolean sending, AtomicInteger acknowledged) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int n = 0; sending.get(); n++) {
            int g = n % conversations.size();
            User sender = users.get(g * GROUP + (n / conversations.size()) % GROUP);
            for (int attempt = 0; attempt < 10; attempt++) {
                int status = Chat.post(RunningSuite.gateway(), sender, conversations.get(g), "loss " + n, "loss-" + n).statusCode();
                statuses.merge(status, 1, Integer::sum);
                if (status == 201 || status == 200) {
                    acknowledged.incrementAndGet();
                    break;
                }
                sleep(200);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
