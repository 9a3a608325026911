package dev.chatsuite.messaging.message;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

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
class ReplyTest {

    @TestHTTPResource("/")
    URL root;

    private static Response reply(User sender, String conversation, String body, String replyToId) {
        return sender.request().body(Map.of("body", body, "replyToId", replyToId)).post("/api/conversations/" + conversation + "/messages");
    }

    private static JsonPath history(User reader, String conversation) {
        return reader.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldStoreTheOriginalAndAnExcerptOfItsFirstHundredCharactersAtReplyTime() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String text = "😀".repeat(30) + "x".repeat(100);
        JsonPath original = Chat.posted(alice, conversation, text);
        assertThat(original.getMap("$")).containsEntry("replyTo", null);
        assertThat(original.getList("reactions")).isEmpty();

        JsonPath answer = reply(bob, conversation, "sure", original.getString("id")).then().statusCode(201).extract().jsonPath();

        String excerpt = "😀".repeat(30) + "x".repeat(70);
        assertThat(answer.getString("replyTo.id")).isEqualTo(original.getString("id"));
        assertThat(answer.getLong("replyTo.seq")).isEqualTo(1);
        assertThat(answer.getString("replyTo.senderId")).isEqualTo(alice.id().toString());
        assertThat(answer.getString("replyTo.excerpt")).isEqualTo(excerpt);
        alice.request().body(Map.of("body", "edited later")).patch("/api/messages/" + original.getString("id")).then().statusCode(200);
        JsonPath page = history(alice, conversation);
        assertThat(page.getString("items[1].replyTo.excerpt")).isEqualTo(excerpt);
        assertThat(page.getString("items[1].replyTo.id")).isEqualTo(original.getString("id"));
        assertThat(page.getMap("items[0]")).containsEntry("replyTo", null);
    }

    @Test
    void shouldRefuseAReplyToAMessageOfAnotherConversationWithoutTakingASeq() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String elsewhere = Chat.posted(alice, Chat.directId(alice, User.create()), "elsewhere").getString("id");

        Response refused = reply(alice, conversation, "answer", elsewhere);
        assertProblem(refused, 400);
        assertFieldError(refused, "replyToId");
        assertProblem(reply(alice, conversation, "answer", java.util.UUID.randomUUID().toString()), 400);
        assertProblem(reply(User.create(), conversation, "answer", elsewhere), 404);

        assertThat(Chat.posted(alice, conversation, "first").getLong("seq")).isEqualTo(1);
    }

    @Test
    void shouldEmptyTheExcerptsOfRepliesWhenTheOriginalIsDeleted() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String original = Chat.posted(alice, conversation, "soon gone").getString("id");
        reply(bob, conversation, "one", original).then().statusCode(201);
        reply(alice, conversation, "two", original).then().statusCode(201);

        alice.request().delete("/api/messages/" + original).then().statusCode(204);

        JsonPath page = history(bob, conversation);
        assertThat(page.getMap("items[0]")).containsEntry("replyTo", null);
        assertThat(page.getList("items.replyTo.excerpt")).containsExactly("", "");
        assertThat(page.getList("items.replyTo.id")).containsExactly(original, original);
        JsonPath late = reply(bob, conversation, "too late", original).then().statusCode(201).extract().jsonPath();
        assertThat(late.getString("replyTo.excerpt")).isEmpty();
    }

    @Test
    void shouldTakeReplyToIdAsAMultipartPart() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        String original = Chat.posted(alice, conversation, "pictures please").getString("id");

        JsonPath answer = given().auth().oauth2(alice.token())
                .multiPart("body", "here")
                .multiPart("replyToId", original)
                .multiPart("files", "a.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png")
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().jsonPath();
        assertThat(answer.getString("replyTo.id")).isEqualTo(original);
        assertThat(answer.getString("replyTo.excerpt")).isEqualTo("pictures please");

        Response bad = given().auth().oauth2(alice.token()).multiPart("body", "x").multiPart("replyToId", "nope")
                .post("/api/conversations/" + conversation + "/messages");
        assertProblem(bad, 400);
        assertFieldError(bad, "replyToId");
    }

    @Test
    void shouldTakeReplyToIdInTheSocketsSendFrame() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String original = Chat.posted(bob, conversation, "ping me").getString("id");
        String elsewhere = Chat.posted(alice, Chat.directId(alice, User.create()), "elsewhere").getString("id");
        try (TestSocket a = TestSocket.connect(root, "/ws", alice.token()); TestSocket b = TestSocket.connect(root, "/ws", bob.token())) {
            a.next("ready");
            b.next("ready");
            a.send(new JsonObject().put("type", "send").put("conversationId", conversation).put("body", "pong").put("clientMessageId", "r1")
                    .put("replyToId", original));

            JsonObject ack = a.next("ack").getJsonObject("message");
            assertThat(ack.getJsonObject("replyTo").getString("id")).isEqualTo(original);
            assertThat(ack.getJsonObject("replyTo").getString("excerpt")).isEqualTo("ping me");
            JsonObject created = b.next("message.created").getJsonObject("message");
            assertThat(created.getJsonObject("replyTo").getString("senderId")).isEqualTo(bob.id().toString());

            a.send(new JsonObject().put("type", "send").put("conversationId", conversation).put("body", "x").put("clientMessageId", "r2")
                    .put("replyToId", elsewhere));
            JsonObject error = a.next("error");
            assertThat(error.getString("ref")).isEqualTo("r2");
            assertThat(error.getString("code")).isEqualTo("validation");
            a.send(new JsonObject().put("type", "send").put("conversationId", conversation).put("body", "x").put("clientMessageId", "r3")
                    .put("replyToId", 42));
            assertThat(a.next("error").getString("code")).isEqualTo("bad-frame");
        }
    }
}
