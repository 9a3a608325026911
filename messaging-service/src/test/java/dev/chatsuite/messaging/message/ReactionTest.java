package dev.chatsuite.messaging.message;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.realtime.TestSocket;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class ReactionTest {

    @TestHTTPResource("/")
    URL root;

    private static Response put(User user, String message, String emoji) {
        return user.request().put("/api/messages/{id}/reactions/{emoji}", message, emoji);
    }

    private static Response remove(User user, String message, String emoji) {
        return user.request().delete("/api/messages/{id}/reactions/{emoji}", message, emoji);
    }

    /** The reactions of the conversation's only (or first) message, as {@code reader} sees them. */
    private static List<Map<String, Object>> reactions(User reader, String conversation) {
        JsonPath page = reader.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
        return page.getList("items[0].reactions");
    }

    @Test
    void shouldCountTwoUsersReactingConcurrentlyWithTheSameEmojiAsTwo() throws Exception {
        User alice = User.create();
        List<User> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(User.create());
        }
        String conversation = Chat.group(alice, "Party", others.toArray(User[]::new));
        String message = Chat.posted(alice, conversation, "cake?").getString("id");
        ExecutorService pool = Executors.newFixedThreadPool(others.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Integer>> puts = new ArrayList<>();
            for (User user : others) {
                puts.add(() -> {
                    start.await();
                    return put(user, message, "🎉").statusCode();
                });
            }
            List<Future<Integer>> results = new ArrayList<>();
            puts.forEach(p -> results.add(pool.submit(p)));
            start.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(reactions(alice, conversation)).containsExactly(Map.of("emoji", "🎉", "count", others.size(), "me", false));
        assertThat(reactions(others.get(0), conversation)).containsExactly(Map.of("emoji", "🎉", "count", others.size(), "me", true));
    }

    @Test
    void shouldCountTheSameUserTwiceAsOneAndSendOneEvent() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String message = Chat.posted(alice, conversation, "hello").getString("id");
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token())) {
            a.next("ready");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Integer>> twice = List.of(() -> put(bob, message, "👍").statusCode(), () -> put(bob, message, "👍").statusCode());
                for (Future<Integer> f : pool.invokeAll(twice)) {
                    assertThat(f.get()).isEqualTo(204);
                }
            } finally {
                pool.shutdownNow();
            }
            put(bob, message, "👍").then().statusCode(204);

            JsonObject event = a.next("reaction");
            assertThat(event.getMap()).containsEntry("conversationId", conversation).containsEntry("messageId", message)
                    .containsEntry("seq", 1).containsEntry("emoji", "👍").containsEntry("userId", bob.id().toString()).containsEntry("added", true);
            assertThat(a.silentFor("reaction", 500)).isTrue();
        }
        assertThat(reactions(bob, conversation)).containsExactly(Map.of("emoji", "👍", "count", 1, "me", true));
        JsonPath one = bob.request().get("/api/conversations/" + conversation).then().statusCode(200).extract().jsonPath();
        assertThat(one.getList("lastMessage.reactions")).containsExactly(Map.of("emoji", "👍", "count", 1, "me", true));
        JsonPath list = alice.request().get("/api/conversations").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items[0].lastMessage.reactions")).containsExactly(Map.of("emoji", "👍", "count", 1, "me", false));
    }

    @Test
    void shouldRemoveIdempotentlyAndTellParticipantsButNotOthers() throws Exception {
        User alice = User.create();
        User bob = User.create();
        User mallory = User.create();
        String conversation = Chat.directId(alice, bob);
        String message = Chat.posted(alice, conversation, "hello").getString("id");
        try (TestSocket b = TestSocket.connect(root, "/ws", bob.token()); TestSocket m = TestSocket.connect(root, "/ws", mallory.token())) {
            b.next("ready");
            m.next("ready");
            put(alice, message, "❤️").then().statusCode(204);
            assertThat(b.next("reaction").getString("emoji")).isEqualTo("❤️");

            remove(alice, message, "❤️").then().statusCode(204);
            JsonObject removed = b.next("reaction");
            assertThat(removed.getBoolean("added")).isFalse();
            assertThat(removed.getString("userId")).isEqualTo(alice.id().toString());
            remove(alice, message, "❤️").then().statusCode(204);
            assertThat(b.silentFor("reaction", 500)).isTrue();
            assertThat(m.silentFor("reaction", 10)).isTrue();
        }
        assertThat(reactions(alice, conversation)).isEmpty();
        assertProblem(put(mallory, message, "👍"), 404);
        assertProblem(remove(mallory, message, "👍"), 404);
        assertProblem(put(alice, java.util.UUID.randomUUID().toString(), "👍"), 404);
    }

    @Test
    void shouldAcceptExactlyOneEmojiGrapheme() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        String message = Chat.posted(alice, conversation, "react to me").getString("id");

        for (String one : List.of("👍", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "❤", "#️⃣", "🏴󠁧󠁢󠁥󠁮󠁧󠁿")) {
            put(alice, message, one).then().statusCode(204);
        }
        for (String notOne : List.of("a", "ok", "👍👍", "a👍", "👍a", "#", "1", "🇦", "\u200d", "👍\u0301\u0301", "<script>")) {
            Response refused = put(alice, message, notOne);
            assertProblem(refused, 400);
            assertFieldError(refused, "emoji");
        }
        assertThat(reactions(alice, conversation)).extracting(r -> r.get("emoji"))
                .containsExactly("👍", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "❤", "#️⃣", "🏴󠁧󠁢󠁥󠁮󠁧󠁿");
    }

    @Test
    void shouldAllowTwentyDistinctEmojiPerMessageAndKeepTheirOrderOfFirstUse() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String message = Chat.posted(alice, conversation, "vote").getString("id");
        List<String> emoji = new ArrayList<>();
        for (int cp = 0x1F614; cp > 0x1F614 - 21; cp--) {
            emoji.add(Character.toString(cp));
        }
        for (int i = 0; i < 20; i++) {
            put(i % 2 == 0 ? alice : bob, message, emoji.get(i)).then().statusCode(204);
        }

        Response refused = put(alice, message, emoji.get(20));
        assertProblem(refused, 400, "too-many-reactions");
        put(alice, message, emoji.get(1)).then().statusCode(204);
        remove(bob, message, emoji.get(3)).then().statusCode(204);
        put(alice, message, emoji.get(20)).then().statusCode(204);

        List<Map<String, Object>> seen = reactions(alice, conversation);
        List<String> expected = new ArrayList<>(emoji);
        expected.remove(3);
        assertThat(seen).extracting(r -> r.get("emoji")).containsExactlyElementsOf(expected);
        assertThat(seen.get(1)).isEqualTo(Map.of("emoji", emoji.get(1), "count", 2, "me", true));
    }

    @Test
    void shouldCarryEachReadersReactionsInEditsAndDropThemOnDelete() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String message = Chat.posted(alice, conversation, "typo").getString("id");
        put(bob, message, "😂").then().statusCode(204);
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token()); TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            a.next("ready");
            b.next("ready");
            JsonPath edited = alice.request().body(Map.of("body", "fixed")).patch("/api/messages/" + message).then().statusCode(200).extract().jsonPath();
            assertThat(edited.getList("reactions")).containsExactly(Map.of("emoji", "😂", "count", 1, "me", false));

            assertThat(a.next("message.updated").getJsonObject("message").getJsonArray("reactions").getJsonObject(0).getBoolean("me")).isFalse();
            assertThat(b.next("message.updated").getJsonObject("message").getJsonArray("reactions").getJsonObject(0).getBoolean("me")).isTrue();
        }
        alice.request().delete("/api/messages/" + message).then().statusCode(204);
        assertThat(reactions(bob, conversation)).isEmpty();
        assertProblem(put(bob, message, "😂"), 409, "message-deleted");
        remove(bob, message, "😂").then().statusCode(204);
    }
}
