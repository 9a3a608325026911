package dev.chatsuite.messaging.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * With DB_READ_HOST set, history and conversation lists come from the replica, except what the
 * reader has just written: the replica here is a second database holding an older copy of the
 * primary, with message bodies marked "(replica)", so every answer shows which pool served it.
 */
@QuarkusTest
@TestProfile(StaleReplica.class)
class ReadReplicaTest {

    @Test
    void shouldServeOthersFromTheReplicaAndTheSenderTheirOwnPostFromThePrimaryUntilTheReplicaHasIt() throws Exception {
        User alice = User.create();
        User bob = User.create();
        // Carol creates it: creating is a write that would keep its author on the primary for the
        // fence, and this test is about the post fence alone.
        String conversation = Chat.group(User.create(), "replica", alice, bob);
        Chat.posted(alice, conversation, "one");
        Chat.posted(alice, conversation, "two");
        StaleReplica.copyFromPrimary();
        markOnReplica(conversation, 1);

        Chat.posted(alice, conversation, "three");

        // Bob has written nothing: the replica answers, stale as it is.
        assertThat(bodies(bob, conversation)).containsExactly("one (replica)", "two");
        JsonPath bobsList = list(bob);
        assertThat(bobsList.getString("items[0].lastMessage.body")).isEqualTo("two");
        assertThat(bobsList.getLong("items[0].lastSeq")).isEqualTo(2);
        // Alice posted seq 3, which the replica has not: she reads the primary.
        assertThat(bodies(alice, conversation)).containsExactly("one", "two", "three");
        JsonPath alicesList = list(alice);
        assertThat(alicesList.getString("items[0].lastMessage.body")).isEqualTo("three");
        assertThat(alicesList.getLong("items[0].lastSeq")).isEqualTo(3);
        assertThat(alicesList.getLong("items[0].unreadCount")).isZero();

        // Once the replica has seq 3, Alice reads the replica again.
        StaleReplica.copyFromPrimary();
        markOnReplica(conversation, 3);
        assertThat(bodies(alice, conversation)).containsExactly("one", "two", "three (replica)");
        assertThat(list(alice).getString("items[0].lastMessage.body")).isEqualTo("three (replica)");
        assertThat(bodies(bob, conversation)).containsExactly("one", "two", "three (replica)");
    }

    @Test
    void shouldKeepTheWriterOnThePrimaryForTheFenceAfterAnEditOrANewConversation() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String id = Chat.posted(alice, conversation, "draft").getString("id");
        StaleReplica.copyFromPrimary();

        alice.request().body(Map.of("body", "final")).patch("/api/messages/" + id).then().statusCode(200);
        String group = Chat.group(alice, "new group", bob);

        assertThat(bodies(alice, conversation)).containsExactly("final");
        assertThat(list(alice).getList("items.id", String.class)).containsExactly(group, conversation);
        assertThat(bodies(bob, conversation)).containsExactly("draft");
        assertThat(list(bob).getList("items.id", String.class)).containsExactly(conversation);

        // DB_READ_FENCE (2 s here) later, edits and memberships rely on the replica having caught up.
        Thread.sleep(2_100);
        assertThat(bodies(alice, conversation)).containsExactly("draft");
        assertThat(list(alice).getList("items.id", String.class)).containsExactly(conversation);
    }

    @Test
    void shouldReadThePrimaryWhileTheReplicaIsDown() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        Chat.posted(alice, conversation, "one");
        StaleReplica.copyFromPrimary();
        markOnReplica(conversation, 1);
        assertThat(bodies(bob, conversation)).containsExactly("one (replica)");

        StaleReplica.proxy().disconnect();
        try {
            assertThat(bodies(bob, conversation)).containsExactly("one");
            assertThat(list(bob).getString("items[0].lastMessage.body")).isEqualTo("one");
        } finally {
            StaleReplica.proxy().reconnect();
        }
        assertThat(bodies(bob, conversation)).containsExactly("one (replica)");
    }

    @Test
    void shouldStillCheckMembershipOnThePrimary() throws Exception {
        User alice = User.create();
        User bob = User.create();
        User carol = User.create();
        String group = Chat.group(alice, "members", bob);
        Chat.posted(alice, group, "hello");
        StaleReplica.copyFromPrimary();

        // Carol is added on the primary only; Bob leaves on the primary only.
        alice.request().body(Map.of("userId", carol.id().toString())).post("/api/conversations/" + group + "/members").then().statusCode(201);
        bob.request().delete("/api/conversations/" + group + "/members/" + bob.id()).then().statusCode(204);

        carol.request().get("/api/conversations/" + group + "/messages").then().statusCode(200);
        bob.request().get("/api/conversations/" + group + "/messages").then().statusCode(404);
        assertThat(bodies(carol, group)).containsExactly("hello");
    }

    private static void markOnReplica(String conversation, long seq) throws Exception {
        assertThat(StaleReplica.onReplica("UPDATE message SET body = body || ' (replica)' WHERE conversation_id = ? AND seq = ?",
                UUID.fromString(conversation), seq)).isEqualTo(1);
    }

    private static List<String> bodies(User reader, String conversation) {
        return reader.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .extract().jsonPath().getList("items.body", String.class);
    }

    private static JsonPath list(User reader) {
        return reader.request().get("/api/conversations").then().statusCode(200).extract().jsonPath();
    }
}
