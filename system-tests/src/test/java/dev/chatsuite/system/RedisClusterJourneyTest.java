package dev.chatsuite.system;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsuite.system.Users.User;
import dev.chatsuite.testsupport.LocalRedisCluster;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The packaged services on a local Redis Cluster (3 primaries, 3 replicas), two messaging
 * instances, everything through the gateway: two users on different instances get each other's
 * messages in seq order and each other's presence; then the primary owning one user's channel is
 * killed while messages keep being posted, and both sockets end up holding every acknowledged
 * message exactly once, in seq order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterJourneyTest {

    private static LocalRedisCluster redis;
    private static ClusterSuite suite;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedisCluster.start();
        suite = ClusterSuite.start(redis);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** A browser tab on one conversation: its current socket, every socket it had, what it holds. */
    static final class Client {
        final User user;
        final String conversation;
        final List<LiveSocket> connections = new ArrayList<>();
        final List<JsonNode> created = new ArrayList<>();
        final TreeSet<Long> held = new TreeSet<>();
        volatile LiveSocket socket;

        Client(User user, String conversation) {
            this.user = user;
            this.conversation = conversation;
        }

        LiveSocket connect() throws Exception {
            LiveSocket live = LiveSocket.open(suite.gatewayWs(user.accessToken()), Map.of()).get(20, TimeUnit.SECONDS);
            live.onCreated(message -> {
                if (conversation.equals(message.path("conversationId").asText())) {
                    synchronized (this) {
                        created.add(message);
                        held.add(message.path("seq").asLong());
                    }
                }
            });
            synchronized (this) {
                connections.add(live);
            }
            socket = live;
            live.ready.get(20, TimeUnit.SECONDS);
            return live;
        }

        synchronized List<Long> heldSeqs() {
            return new ArrayList<>(held);
        }

        synchronized List<String> createdBodies() {
            return created.stream().map(m -> m.path("seq").asLong() + ":" + m.path("senderId").asText() + ":" + m.path("body").asText()).toList();
        }
    }

    /** Before the failover test, which kills a primary: the limit (10 logins) is counted in the cluster and enforced. */
    @Test
    @Order(1)
    void shouldCountLoginsOnTheClusterAndRefuseThemPastTheLimit() throws InterruptedException {
        // The limit counts per minute: start far enough from the window's end for eleven logins.
        long second = System.currentTimeMillis() / 1000 % 60;
        if (second > 45) {
            Thread.sleep((61 - second) * 1000);
        }
        String who = "cluster-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            login(who).then().statusCode(401);
        }
        Response limited = login(who);
        assertProblem(limited, 429, "rate-limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);

        List<String> counters = new ArrayList<>();
        for (int port : redis.primaries()) {
            // Keyed by IP and a digest of the identifier: this test's is the only one past 10.
            redis.cli(port, "KEYS", "rl:login:*").lines().filter(l -> !l.isBlank())
                    .forEach(key -> counters.add(redis.cli(port, "GET", key.trim()).trim()));
        }
        assertThat(counters).as("login counters in the cluster").contains("11").allMatch(c -> c.equals("11") || Long.parseLong(c) < 10);
    }

    /**
     * A group of the two whose channel lives on neither user's primary: an instance is found by
     * the one client of a user's primary holding a sharded subscription, which a follower of the
     * conversation would otherwise be too. The groups tried before are left by both.
     */
    private static String onThirdPrimary(User alice, User bob) {
        Set<Integer> taken = Set.of(redis.primaryOf("chat:user:" + alice.id()), redis.primaryOf("chat:user:" + bob.id()));
        for (int attempt = 0; attempt < 40; attempt++) {
            String id = alice.json().body(Map.of("type", "group", "title", "cluster " + attempt, "participantIds", List.of(bob.id())))
                    .post("/api/conversations").then().statusCode(201).extract().path("id");
            if (!taken.contains(redis.primaryOf("chat:conv:" + id))) {
                return id;
            }
            // Both leave it, so that no socket of theirs follows it.
            for (User member : List.of(alice, bob)) {
                member.json().delete("/api/conversations/" + id + "/members/" + member.id()).then().statusCode(204);
            }
        }
        throw new AssertionError("No group of the two landed on the third primary in 40 tries");
    }

    private static Response login(String identifier) {
        return given().baseUri(suite.gateway()).contentType(ContentType.JSON).body(Map.of("identifier", identifier, "password", "wrong"))
                .post("/api/auth/login");
    }

    @Test
    @Order(2)
    void shouldDeliverAcrossInstancesShowPresenceAndLoseNothingWhenAPrimaryDies() throws Exception {
        User alice = Users.register(suite.auth(), suite.gateway(), "calice");
        User bob = register("cbob", other -> redis.primaryOf("chat:user:" + other.id()) != redis.primaryOf("chat:user:" + alice.id()));
        String conversation = onThirdPrimary(alice, bob);
        Client bobTab = new Client(bob, conversation);
        Client aliceTab = new Client(alice, conversation);

        // Bob first; Alice lands on the other instance (the gateway round-robins; a socket on Bob's is opened again).
        bobTab.connect();
        String bobInstance = await("Bob's channel subscribed by one instance", () -> suite.instanceSubscribedTo(bob.id()));
        assertThat(bobTab.socket.presence).as("Bob saw no presence of Alice before she connected").doesNotContainKey(alice.id());
        String aliceInstance = null;
        for (int attempt = 0; attempt < 4 && aliceInstance == null; attempt++) {
            LiveSocket live = aliceTab.connect();
            String landed = await("Alice's channel subscribed by one instance", () -> suite.instanceSubscribedTo(alice.id()));
            if (!landed.equals(bobInstance)) {
                aliceInstance = landed;
            } else {
                live.close();
                awaitTrue("Alice's socket on Bob's instance closed", () -> live.closed.isDone());
                awaitTrue("Bob saw Alice go offline", () -> Boolean.FALSE.equals(bobTab.socket.presence.get(alice.id())));
                bobTab.socket.presence.remove(alice.id());
            }
        }
        assertThat(aliceInstance).as("Alice's socket on the instance other than Bob's (%s)", bobInstance).isNotNull();

        // (2) Presence across instances: Bob sees Alice online.
        awaitTrue("Bob sees Alice online", () -> Boolean.TRUE.equals(bobTab.socket.presence.get(alice.id())));
        awaitTrue("Alice sees Bob online", () -> Boolean.TRUE.equals(aliceTab.socket.presence.get(bob.id())));

        // (1) Cross-instance delivery, both ways, in seq order.
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            User sender = i % 2 == 1 ? alice : bob;
            Response posted = Chat.post(suite.gateway(), sender, conversation, "hello " + i, "hello-" + i);
            assertThat(posted.statusCode()).as("post %d", i).isEqualTo(201);
            assertThat(posted.jsonPath().getLong("seq")).isEqualTo(i);
            assertThat(posted.jsonPath().getString("body")).isEqualTo("hello " + i);
            expected.add(i + ":" + sender.id() + ":hello " + i);
        }
        awaitTrue("both sockets got 6 messages", () -> aliceTab.createdBodies().size() >= 6 && bobTab.createdBodies().size() >= 6);
        assertThat(bobTab.createdBodies()).as("Bob's socket (%s)", bobInstance).isEqualTo(expected);
        assertThat(aliceTab.createdBodies()).as("Alice's socket (%s)", aliceInstance).isEqualTo(expected);

        // (3) The primary owning the conversation's channel (it carries every message) dies while both keep posting.
        int victim = redis.primaryOf("chat:conv:" + conversation);
        AtomicBoolean sending = new AtomicBoolean(true);
        List<Long> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(alice, bob, conversation, sending, acknowledged));
        try {
            awaitTrue("messages acknowledged before the kill", () -> acknowledged.size() >= 5);
            int promoted = redis.killPrimary(victim);
            assertThat(promoted).as("a replica took over the conversation's slot").isNotEqualTo(victim);
            int afterFailover = acknowledged.size();
            awaitTrue("messages acknowledged after the failover", () -> acknowledged.size() >= afterFailover + 10);
        } finally {
            sending.set(false);
        }
        sender.get(60, TimeUnit.SECONDS);

        List<Long> stored = Chat.seqsAfter(alice, conversation, 0);
        assertThat(stored).as("history is 1..N").isEqualTo(Chat.oneTo(stored.size()));
        List<Long> acked = new ArrayList<>(new TreeSet<>(acknowledged));
        acked.addAll(0, Chat.oneTo(6));
        assertThat(acked).as("every stored message was acknowledged, each once").isEqualTo(stored);

        for (Client tab : List.of(aliceTab, bobTab)) {
            awaitTrue(tab.user.username() + " holds every message", () -> {
                recoverIfClosed(tab);
                return tab.heldSeqs().equals(stored);
            });
            for (LiveSocket connection : tab.connections) {
                List<Long> seqs = connection.seqs(conversation);
                assertThat(OrderTest.outOfOrder(seqs)).as("out of order or repeated on one connection of %s", tab.user.username()).isZero();
                assertThat(new TreeSet<>(seqs)).as("no seq twice on one connection").hasSize(seqs.size());
            }
            if (tab.connections.size() == 1) {
                assertThat(tab.connections.get(0).seqs(conversation)).as("%s's one socket got each message once, in order", tab.user.username()).isEqualTo(stored);
            }
        }
        System.out.printf("cluster journey: Bob on %s, Alice on %s; primary %d killed; %d messages, %d acknowledged around the failover;"
                + " connections Alice %d, Bob %d%n", bobInstance, aliceInstance, victim, stored.size(), acknowledged.size(),
                aliceTab.connections.size(), bobTab.connections.size());
        aliceTab.socket.close();
        bobTab.socket.close();
    }

    /** A closed socket reconnects through the gateway and fetches what came after the last seq it held. */
    private static void recoverIfClosed(Client tab) throws Exception {
        if (tab.socket.isOpen()) {
            return;
        }
        long seenBefore = tab.heldSeqs().isEmpty() ? 0 : tab.heldSeqs().get(tab.heldSeqs().size() - 1);
        tab.connect();
        List<Long> missed = Chat.seqsAfter(tab.user, tab.conversation, seenBefore);
        synchronized (tab) {
            tab.held.addAll(missed);
        }
    }

    /** Alternating senders; each message retried with its clientMessageId until acknowledged (201, or 200 for a replay). */
    private static void send(User alice, User bob, String conversation, AtomicBoolean sending, List<Long> acknowledged) {
        for (int n = 0; sending.get(); n++) {
            User sender = n % 2 == 0 ? alice : bob;
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                Response posted = Chat.post(suite.gateway(), sender, conversation, "failover " + n, "failover-" + n);
                if (posted.statusCode() == 201 || posted.statusCode() == 200) {
                    assertThat(posted.jsonPath().getString("body")).isEqualTo("failover " + n);
                    acknowledged.add(posted.jsonPath().getLong("seq"));
                    break;
                }
                pause(250);
            }
            pause(100);
        }
    }

    private static User register(String prefix, java.util.function.Predicate<User> wanted) {
        for (int attempt = 0; attempt < 20; attempt++) {
            User user = Users.register(suite.auth(), suite.gateway(), prefix);
            if (wanted.test(user)) {
                return user;
            }
        }
        throw new AssertionError("no user whose channel is on another primary in 20 tries");
    }

    interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code probe} until it answers, for up to 45 s. */
    private static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.currentTimeMillis() + 45_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            pause(100);
        }
        throw new AssertionError(what + ": not within 45 s");
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        await(what, () -> check.holds() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
