package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import dev.chatsuite.testsupport.RedisTestResource;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class SocketTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldCloseWith4001WithoutAToken() throws Exception {
        try (TestSocket socket = TestSocket.connect(root, "/ws", null)) {
            assertThat(socket.closeCode()).isEqualTo((short) 4001);
        }
    }

    @Test
    void shouldCloseWith4001ForABadToken() throws Exception {
        try (TestSocket socket = TestSocket.connect(root, "/ws?token=not.a.token", null)) {
            assertThat(socket.closeCode()).isEqualTo((short) 4001);
        }
    }

    @Test
    void shouldCloseWith4001WhenTheTokenExpiresDuringTheConnection() throws Exception {
        User alice = User.create();
        String shortLived = TestTokens.sign(TestTokens.claimsFor(alice.id(), "alice").expiresAt(Instant.now().plusSeconds(2)));
        try (TestSocket socket = TestSocket.connect(root, "/ws", shortLived)) {
            socket.next("ready");
            assertThat(socket.closeCode()).isEqualTo((short) 4001);
        }
    }

    @Test
    void shouldCloseWith4003ForADisabledAccount() throws Exception {
        User alice = User.create();
        ServiceStubs.disable(alice.id());
        try (TestSocket socket = TestSocket.connect(root, "/ws", alice.token())) {
            assertThat(socket.closeCode()).isEqualTo((short) 4003);
        }
    }

    @Test
    void shouldAcceptTheTokenAsAQueryParameterAndSayReady() throws Exception {
        User alice = User.create();
        try (TestSocket socket = TestSocket.connect(root, "/ws?token=" + alice.token(), null)) {
            JsonObject ready = socket.next("ready");
            assertThat(ready.getString("userId")).isEqualTo(alice.id().toString());
            assertThat(ready.getString("connectionId")).isNotBlank();
        }
    }

    @Test
    void shouldAnswerBadFramesWithErrorsAndKeepAnsweringPing() throws Exception {
        User alice = User.create();
        try (TestSocket socket = TestSocket.connect(root, "/ws", alice.token())) {
            socket.next("ready");
            socket.sendRaw("not json");
            assertThat(socket.next("error").getString("code")).isEqualTo("bad-frame");
            socket.send(new JsonObject().put("type", "dance"));
            assertThat(socket.next("error").getString("code")).isEqualTo("unknown-type");
            socket.send(new JsonObject().put("type", "send").put("conversationId", UUID.randomUUID().toString()).put("body", "x")
                    .put("clientMessageId", "c1"));
            JsonObject notMine = socket.next("error");
            assertThat(notMine.getString("code")).isEqualTo("not-found");
            assertThat(notMine.getString("ref")).isEqualTo("c1");
            socket.send(new JsonObject().put("type", "ping"));
            socket.next("pong");
        }
    }

    @Test
    void shouldStoreASentMessageAckItAndDeliverItToTheOtherParticipantOnly() throws Exception {
        User alice = User.create();
        User bob = User.create();
        User mallory = User.create();
        String conversation = Chat.directId(alice, bob);
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token());
                TestSocket b = TestSocket.connect(root, "/ws", bob.token());
                TestSocket m = TestSocket.connect(root, "/ws", mallory.token())) {
            a.next("ready");
            b.next("ready");
            m.next("ready");
            a.send(new JsonObject().put("type", "send").put("conversationId", conversation).put("body", "hi bob").put("clientMessageId", "k1"));

            JsonObject ack = a.next("ack");
            assertThat(ack.getString("clientMessageId")).isEqualTo("k1");
            assertThat(ack.getJsonObject("message").getLong("seq")).isEqualTo(1);
            JsonObject created = b.next("message.created");
            assertThat(created.getJsonObject("message").getString("body")).isEqualTo("hi bob");
            assertThat(m.silentFor("message.created", 700)).isTrue();
        }
        var history = bob.request().get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath();
        assertThat(history.getList("items.body", String.class)).containsExactly("hi bob");
    }

    @Test
    void shouldDeliverTheConversationsOfAGroupJoinedWhileConnectedAndNothingAfterLeavingIt() throws Exception {
        User carol = User.create();
        User bob = User.create();
        User erin = User.create();
        String conversation = Chat.group(carol, "joined later", erin);
        Chat.posted(carol, conversation, "before bob");
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            // Bob's is the only socket here, and it knew no conversation of this group: nothing follows it yet.
            carol.request().body(java.util.Map.of("userId", bob.id().toString())).post("/api/conversations/" + conversation + "/members")
                    .then().statusCode(201);
            long first = Chat.posted(carol, conversation, "right after the join").getLong("seq");
            long second = Chat.posted(carol, conversation, "a little later").getLong("seq");

            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JsonObject created = b.next(f -> "message.created".equals(f.getString("type")), 10_000);
                assertThat(created).as("message.created %d after joining", i + 1).isNotNull();
                bodies.add(created.getJsonObject("message").getString("body"));
            }
            assertThat(bodies).as("from the join on, in seq order, nothing before it").containsExactly("right after the join", "a little later");
            assertThat(second).isEqualTo(first + 1);
            assertThat(b.silentFor("message.created", 500)).as("nothing twice").isTrue();

            TestSocket e = TestSocket.connect(root, "/ws", erin.token());
            e.next("ready");
            bob.request().delete("/api/conversations/" + conversation + "/members/" + bob.id()).then().statusCode(204);
            Chat.posted(carol, conversation, "after bob left");
            assertThat(e.next(f -> "message.created".equals(f.getString("type")) && "after bob left".equals(f.getJsonObject("message").getString("body")), 5000))
                    .as("erin, still a member, gets it").isNotNull();
            assertThat(b.silentFor("message.created", 700)).as("bob, who left, does not").isTrue();
            e.close();
        }
    }

    @Test
    void shouldDeliverFiftyRapidSendsInSeqOrder() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token());
                TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            a.next("ready");
            b.next("ready");
            for (int i = 1; i <= 50; i++) {
                a.send(new JsonObject().put("type", "send").put("conversationId", conversation).put("body", "m" + i).put("clientMessageId", "r" + i));
            }
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                seqs.add(b.next(f -> "message.created".equals(f.getString("type")), 10_000).getJsonObject("message").getLong("seq"));
            }
            assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        }
    }

    @Test
    void shouldRelayTypingAndLocationToOtherParticipantsOnly() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token());
                TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            a.next("ready");
            b.next("ready");
            a.send(new JsonObject().put("type", "typing").put("conversationId", conversation));
            assertThat(b.next("typing").getString("userId")).isEqualTo(alice.id().toString());
            a.send(new JsonObject().put("type", "location").put("conversationId", conversation).put("lat", 48.85).put("lng", 2.35).put("accuracy", 12));
            JsonObject location = b.next("location");
            assertThat(location.getDouble("lat")).isEqualTo(48.85);
            assertThat(location.getString("at")).isNotBlank();
            assertThat(a.silentFor("location", 300)).isTrue();
            a.send(new JsonObject().put("type", "location").put("conversationId", conversation).put("lat", 123).put("lng", 0));
            assertThat(a.next("error").getString("code")).isEqualTo("bad-frame");
        }
    }

    @Test
    void shouldAnnouncePresenceToContactsAndTellANewSocketWhoIsOnline() throws Exception {
        User alice = User.create();
        User bob = User.create();
        Chat.directId(alice, bob);
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token())) {
            a.next("ready");
            try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
                b.next("ready");
                JsonObject aliceOnline = b.next(f -> "presence".equals(f.getString("type")) && alice.id().toString().equals(f.getString("userId")), 5000);
                assertThat(aliceOnline.getBoolean("online")).isTrue();
                JsonObject bobOnline = a.next("presence");
                assertThat(bobOnline.getString("userId")).isEqualTo(bob.id().toString());
                assertThat(bobOnline.getBoolean("online")).isTrue();
            }
            // Alice's own greeting may also say Bob is online when it runs after he connected:
            // what must come is his going offline.
            JsonObject bobOffline = a.next(f -> "presence".equals(f.getString("type")) && !f.getBoolean("online"), 5000);
            assertThat(bobOffline.getString("userId")).isEqualTo(bob.id().toString());
        }
    }

    @Test
    void shouldLetAReconnectedClientCatchUpOverRest() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        long lastSeen;
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            Chat.posted(alice, conversation, "while online");
            lastSeen = b.next("message.created").getJsonObject("message").getLong("seq");
        }
        Chat.posted(alice, conversation, "missed one");
        Chat.posted(alice, conversation, "missed two");

        var missed = bob.request().queryParam("after", lastSeen).get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath();
        assertThat(missed.getList("items.body", String.class)).containsExactly("missed one", "missed two");
    }

    @Test
    void shouldResumeDeliveryAfterRedisComesBack() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            b.next("ready");
            RedisTestResource.proxy().disconnect();
            try {
                Chat.posted(alice, conversation, "stored while redis is down");
            } finally {
                RedisTestResource.proxy().reconnect();
            }
            long deadline = System.currentTimeMillis() + Duration.ofSeconds(20).toMillis();
            JsonObject delivered = null;
            int attempt = 0;
            while (delivered == null && System.currentTimeMillis() < deadline) {
                Chat.posted(alice, conversation, "after " + attempt++);
                try {
                    delivered = b.next(f -> "message.created".equals(f.getString("type")), 1000);
                } catch (AssertionError notYet) {
                    // The broker is still reconnecting.
                }
            }
            assertThat(delivered).as("delivery resumes after Redis returns").isNotNull();
        }
        var history = alice.request().get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath();
        assertThat(history.getList("items.body", String.class)).contains("stored while redis is down");
    }

    @Test
    void shouldEchoOnTheUnauthenticatedEchoEndpoint() throws Exception {
        try (TestSocket echo = TestSocket.connect(root, "/ws/echo", null)) {
            echo.sendRaw("{\"type\":\"hello\"}");
            assertThat(echo.next("hello").getString("type")).isEqualTo("hello");
        }
    }
}
