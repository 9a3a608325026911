package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.link.LinkRecords;
import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The socket link: many client sockets as channels of one WebSocket, each living as on {@code /ws}. */
@QuarkusTest
class SocketLinkTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Sessions sessions;

    @Test
    void shouldAuthenticateEachChannelByItsOwnToken() throws Exception {
        User alice = User.create();
        User bob = User.create();
        try (TestLink link = TestLink.connect(root)) {
            link.open(1, "/ws", alice.token());
            link.open(2, "/ws?token=" + bob.token(), null);
            link.open(3, "/ws", null);
            link.open(4, "/ws?token=not.a.token", null);

            JsonObject first = link.next(1, "ready");
            JsonObject second = link.next(2, "ready");
            assertThat(first.getString("userId")).isEqualTo(alice.id().toString());
            assertThat(second.getString("userId")).isEqualTo(bob.id().toString());
            assertThat(first.getString("connectionId")).isNotEqualTo(second.getString("connectionId"));
            assertThat(link.next(3, "close")).isEqualTo(new JsonObject().put("close", 4001).put("reason", "An access token is required."));
            assertThat(link.next(4, "close")).isEqualTo(new JsonObject().put("close", 4001).put("reason", "The access token is not valid."));
        }
    }

    @Test
    void shouldDeliverToEachChannelInSeqOrderAndBatchTheRecords() throws Exception {
        User alice = User.create();
        List<User> others = List.of(User.create(), User.create(), User.create(), User.create());
        String conversation = Chat.group(alice, "linked", others.toArray(User[]::new));
        try (TestLink link = TestLink.connect(root)) {
            link.open(10, "/ws", alice.token());
            link.next(10, "ready");
            List<String> receivers = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                link.open(11 + i, "/ws", others.get(i).token());
                receivers.add(link.next(11 + i, "ready").getString("connectionId"));
            }
            int before = link.messages();
            int recordsBefore = link.records();
            for (int i = 0; i < 20; i++) {
                link.send(10, new JsonObject().put("type", "send").put("conversationId", conversation).put("body", "m" + i).put("clientMessageId", "c" + i));
            }
            List<Long> acked = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JsonObject ack = link.next(10, "ack");
                assertThat(ack.getString("clientMessageId")).isEqualTo("c" + i);
                acked.add(ack.getJsonObject("message").getLong("seq"));
            }
            assertThat(acked).isSorted().doesNotHaveDuplicates();
            for (int i = 0; i < others.size(); i++) {
                List<String> bodies = new ArrayList<>();
                List<Long> seqs = new ArrayList<>();
                for (int m = 0; m < 20; m++) {
                    JsonObject message = link.next(11 + i, "message.created").getJsonObject("message");
                    bodies.add(message.getString("body"));
                    seqs.add(message.getLong("seq"));
                }
                assertThat(bodies).containsExactly(java.util.stream.IntStream.range(0, 20).mapToObj(m -> "m" + m).toArray(String[]::new));
                assertThat(seqs).isEqualTo(acked);
            }
            // 20 acks and 80 deliveries (the sender's own copy counted too): fewer link messages than records.
            int records = link.records() - recordsBefore;
            int messages = link.messages() - before;
            assertThat(records).isGreaterThanOrEqualTo(100);
            assertThat(messages).isLessThan(records);
            // Each written batch completes its frames' writes, so no outbox keeps counting them.
            for (String receiver : receivers) {
                await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(receiver).writing() == 0);
            }
        }
    }

    @Test
    void shouldReleaseAChannelTheGatewayClosesAndEveryChannelOfALinkThatDrops() throws Exception {
        User alice = User.create();
        User bob = User.create();
        TestLink link = TestLink.connect(root);
        link.open(1, "/ws", alice.token());
        link.open(2, "/ws", bob.token());
        String aliceSocket = link.next(1, "ready").getString("connectionId");
        String bobSocket = link.next(2, "ready").getString("connectionId");
        assertThat(sessions.get(aliceSocket)).isNotNull();

        link.closeChannel(1, (short) 1001);
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(aliceSocket) == null);
        assertThat(sessions.get(bobSocket)).isNotNull();

        link.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.get(bobSocket) == null);
    }

    @Test
    void shouldCloseAChannelThatSendsTooFastWith4008AndKeepTheOthers() throws Exception {
        User alice = User.create();
        User bob = User.create();
        try (TestLink link = TestLink.connect(root)) {
            link.open(1, "/ws", alice.token());
            link.open(2, "/ws", bob.token());
            link.next(1, "ready");
            link.next(2, "ready");
            Buffer flood = Buffer.buffer();
            for (int i = 0; i < 200; i++) {
                LinkRecords.text(flood, 1, "{\"type\":\"ping\"}");
            }
            link.write(flood);
            JsonObject closed = link.next(1, "close");
            assertThat(closed.getInteger("close")).isEqualTo(4008);
            assertThat(closed.getString("reason")).isEqualTo("Too many frames; slow down.");
            link.send(2, new JsonObject().put("type", "ping"));
            assertThat(link.next(2, "pong")).isEqualTo(new JsonObject().put("type", "pong"));
        }
    }

    @Test
    void shouldCloseALinkThatSendsAMalformedRecord() throws Exception {
        try (TestLink link = TestLink.connect(root)) {
            link.write(Buffer.buffer().appendByte((byte) 7).appendInt(1).appendInt(0));
            assertThat(link.closeCode()).isEqualTo((short) 1002);
        }
    }
}
