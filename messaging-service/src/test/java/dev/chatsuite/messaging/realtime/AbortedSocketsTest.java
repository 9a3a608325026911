package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Many sockets of one user opened at once and closed at every moment of their opening (while
 * authenticating, right after the upgrade, right after {@code ready}): afterwards the user is
 * offline as a contact's new socket is told, and nothing of theirs is left registered or
 * subscribed. The same when their sockets closed while Redis could not be reached.
 */
@QuarkusTest
class AbortedSocketsTest {

    private static final int SOCKETS = 120;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Sessions sessions;

    @Inject
    Presence presence;

    @Inject
    RedisDataSource redis;

    @Test
    void shouldShowAUserOfflineAfterManySocketsClosedWhileOpening() throws Exception {
        User alice = User.create();
        User bob = User.create();
        Chat.directId(alice, bob);
        // The account check answers after a while, so closes land while the socket authenticates.
        ServiceStubs.slowAccountCheck(alice.id(), 150);
        long startedBefore = sessions.openingsStarted();

        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<Future<?>> closed = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            int n = i;
            closed.add(clients.submit(() -> {
                TestSocket socket = TestSocket.connect(root, "/ws", alice.token());
                switch (n % 4) {
                    case 0 -> socket.close();
                    case 1 -> {
                        Thread.sleep(n * 7 % 300);
                        socket.close();
                    }
                    case 2 -> {
                        socket.next(f -> "ready".equals(f.getString("type")), 10_000);
                        socket.close();
                    }
                    default -> {
                        Thread.sleep(n % 20);
                        socket.close();
                    }
                }
                return null;
            }));
        }
        for (Future<?> each : closed) {
            each.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        // Every upgrade that was answered began an opening: wait until all have ended and presence is written.
        awaitSettled(() -> sessions.openingsStarted() - startedBefore >= SOCKETS && sessions.opening() == 0 && presence.idle()
                && !sessions.users().contains(alice.id()));

        assertThat(sessions.users()).as("registered sessions").doesNotContain(alice.id());
        assertThat(redis.execute("PUBSUB", "NUMSUB", "chat:user:" + alice.id()).get(1).toLong()).as("broker subscriptions").isZero();
        assertThat(redis.key().exists("presence:" + alice.id())).as("alice's presence record").isFalse();
        assertThat(greeting(bob)).as("what bob's new socket is told").noneMatch(f -> isOnline(f, alice));
    }

    @Test
    void shouldShowAUserOfflineWhenTheirSocketsClosedWhileRedisWasDown() throws Exception {
        User alice = User.create();
        User bob = User.create();
        Chat.directId(alice, bob);
        List<TestSocket> tabs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestSocket tab = TestSocket.connect(root, "/ws", alice.token());
            tab.next("ready");
            tabs.add(tab);
        }
        awaitSettled(() -> sessions.opening() == 0 && presence.idle());
        assertThat(redis.key().exists("presence:" + alice.id())).as("alice online while her tabs are open").isTrue();

        RedisTestResource.proxy().disconnect();
        try {
            tabs.forEach(TestSocket::close);
            awaitSettled(() -> !sessions.users().contains(alice.id()));
        } finally {
            RedisTestResource.proxy().reconnect();
        }
        // What could not be written while Redis was away is written once it is back.
        awaitSettled(() -> presence.idle());

        assertThat(redis.key().exists("presence:" + alice.id())).as("alice's presence record").isFalse();
        assertThat(greeting(bob)).as("what bob's new socket is told").noneMatch(f -> isOnline(f, alice));
    }

    /** The frames a new socket of {@code user} gets before its first pong: its greeting included. */
    private List<JsonObject> greeting(User user) throws Exception {
        try (TestSocket socket = TestSocket.connect(root, "/ws", user.token())) {
            socket.next("ready");
            List<JsonObject> frames = new ArrayList<>();
            // Frames are handled after the opening (greeting included) has finished: the pong comes after it.
            socket.send(new JsonObject().put("type", "ping"));
            socket.next(f -> {
                frames.add(f);
                return "pong".equals(f.getString("type"));
            }, 10_000);
            return frames;
        }
    }

    private static boolean isOnline(JsonObject frame, User user) {
        return "presence".equals(frame.getString("type")) && user.id().toString().equals(frame.getString("userId")) && frame.getBoolean("online");
    }

    /** Waits for the server to finish what the closed sockets started (no timing is asserted: only the end state). */
    private static void awaitSettled(BooleanSupplier settled) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!settled.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
