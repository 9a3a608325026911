package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/** What a socket takes when it opens, it gives back when it closes, whenever that is. */
@QuarkusTest
class SocketLifecycleTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Sessions sessions;

    @Inject
    RedisDataSource redis;

    @Test
    void shouldLeaveNoSessionSubscriptionOrPresenceWhenClosedWhileAuthenticating() throws Exception {
        User alice = User.create();
        ServiceStubs.slowAccountCheck(alice.id(), 1500);
        TestSocket socket = TestSocket.connect(root, "/ws", alice.token());
        socket.close();
        Thread.sleep(3000);

        assertThat(sessions.users()).doesNotContain(alice.id());
        assertThat(subscribers("chat:user:" + alice.id())).as("broker subscription").isZero();
        assertThat(redis.key().exists("presence:" + alice.id())).as("presence").isFalse();
    }

    @Test
    void shouldLeaveNothingBehindAfterAnOrdinaryClose() throws Exception {
        User alice = User.create();
        try (TestSocket socket = TestSocket.connect(root, "/ws", alice.token())) {
            socket.next("ready");
            assertThat(sessions.users()).contains(alice.id());
            assertThat(subscribers("chat:user:" + alice.id())).isEqualTo(1);
        }
        Thread.sleep(1000);
        assertThat(sessions.users()).doesNotContain(alice.id());
        assertThat(subscribers("chat:user:" + alice.id())).isZero();
        assertThat(redis.key().exists("presence:" + alice.id())).isFalse();
    }

    @Test
    void shouldAnnounceOfflineOnceBothTabsOfAUserHaveClosed() throws Exception {
        User alice = User.create();
        User bob = User.create();
        dev.chatsuite.messaging.Chat.directId(alice, bob);
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token())) {
            a.next("ready");
            TestSocket b1 = TestSocket.connect(root, "/ws", bob.token());
            b1.next("ready");
            TestSocket b2 = TestSocket.connect(root, "/ws", bob.token());
            b2.next("ready");
            assertThat(a.next(f -> "presence".equals(f.getString("type")) && f.getBoolean("online"), 5000).getString("userId"))
                    .isEqualTo(bob.id().toString());
            b1.close();
            b2.close();
            JsonObject offline = a.next(f -> "presence".equals(f.getString("type")) && !f.getBoolean("online"), 5000);
            assertThat(offline.getString("userId")).isEqualTo(bob.id().toString());
        }
    }

    @Test
    void shouldAnswerAnUpgradeWithABadlyEncodedTokenWith400() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /ws?token=%zz HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readNBytes(12);
            assertThat(new String(answer, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
        }
    }

    @Test
    void shouldCloseWith4001ForAQueryTokenThatDecodesToNoToken() throws Exception {
        try (TestSocket socket = TestSocket.connect(root, "/ws?token=%25zz", null)) {
            assertThat(socket.closeCode()).isEqualTo((short) 4001);
        }
    }

    private long subscribers(String channel) {
        return redis.execute("PUBSUB", "NUMSUB", channel).get(1).toLong();
    }
}
