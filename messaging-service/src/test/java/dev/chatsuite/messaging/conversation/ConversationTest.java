package dev.chatsuite.messaging.conversation;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ConversationTest {

    @Test
    void shouldCreateADirectConversationOnceAndReturnItAfterwards() {
        User alice = User.create();
        User bob = User.create();

        JsonPath created = Chat.direct(alice, bob).then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("type")).isEqualTo("direct");
        assertThat(created.getList("participantIds", String.class)).containsExactlyInAnyOrder(alice.id().toString(), bob.id().toString());
        assertThat(created.getLong("lastSeq")).isZero();
        assertThat(created.getLong("unreadCount")).isZero();
        assertThat(created.getString("lastMessage")).isNull();

        String again = Chat.direct(bob, alice).then().statusCode(200).extract().path("id");
        assertThat(again).isEqualTo(created.getString("id"));
    }

    @Test
    void shouldGiveTwentyRacingGetOrCreateCallsOneConversation() throws Exception {
        User alice = User.create();
        User bob = User.create();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                User caller = i % 2 == 0 ? alice : bob;
                User other = i % 2 == 0 ? bob : alice;
                calls.add(() -> Chat.directId(caller, other));
            }
            Set<String> ids = new java.util.HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(alice.request().get("/api/conversations").then().statusCode(200).extract().jsonPath().getList("items")).hasSize(1);
    }

    @Test
    void shouldRefuseADirectConversationWithYourself() {
        User alice = User.create();
        var response = Chat.direct(alice, alice);
        assertProblem(response, 400);
        assertFieldError(response, "participantId");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownUser() {
        User alice = User.create();
        var response = alice.request().body(Map.of("type", "direct", "participantId", UUID.randomUUID().toString())).post("/api/conversations");
        assertProblem(response, 404);
    }

    @Test
    void shouldAnswerNotFoundForAUserOfAnotherTenant() {
        User acme = User.inTenant(UUID.randomUUID());
        User globex = User.inTenant(UUID.randomUUID());
        assertProblem(Chat.direct(acme, globex), 404);
        User colleague = User.inTenant(acme.tenant());
        Chat.direct(acme, colleague).then().statusCode(201);
    }

    @Test
    void shouldCreateAGroupWithTheCreatorAsParticipant() {
        User alice = User.create();
        User bob = User.create();
        User carol = User.create();

        String id = Chat.group(alice, "Trip", bob, carol);

        JsonPath group = bob.request().get("/api/conversations/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(group.getString("type")).isEqualTo("group");
        assertThat(group.getString("title")).isEqualTo("Trip");
        assertThat(group.getList("participantIds", String.class))
                .containsExactlyInAnyOrder(alice.id().toString(), bob.id().toString(), carol.id().toString());
        assertThat(group.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void shouldRequireAGroupTitle() {
        User alice = User.create();
        var response = alice.request().body(Map.of("type", "group", "participantIds", List.of())).post("/api/conversations");
        assertProblem(response, 400);
        assertFieldError(response, "title");
    }

    @Test
    void shouldRejectAnUnknownType() {
        var response = User.create().request().body(Map.of("type", "channel")).post("/api/conversations");
        assertProblem(response, 400);
        assertFieldError(response, "type");
    }

    @Test
    void shouldHideAConversationFromNonParticipants() {
        User alice = User.create();
        User bob = User.create();
        String id = Chat.directId(alice, bob);

        assertProblem(User.create().request().get("/api/conversations/" + id), 404);
        assertProblem(alice.request().get("/api/conversations/" + UUID.randomUUID()), 404);
    }

    @Test
    void shouldListConversationsByMostRecentActivityWithLastMessageAndUnreadCount() {
        User alice = User.create();
        User bob = User.create();
        User carol = User.create();
        String withBob = Chat.directId(alice, bob);
        String withCarol = Chat.directId(alice, carol);
        Chat.posted(carol, withCarol, "hi alice");
        Chat.posted(bob, withBob, "first");
        Chat.posted(bob, withBob, "second");

        JsonPath page = alice.request().get("/api/conversations").then().statusCode(200).extract().jsonPath();

        assertThat(page.getList("items.id", String.class)).containsExactly(withBob, withCarol);
        assertThat(page.getString("items[0].lastMessage.body")).isEqualTo("second");
        assertThat(page.getLong("items[0].unreadCount")).isEqualTo(2);
        assertThat(page.getLong("items[0].lastSeq")).isEqualTo(2);
        assertThat(page.getLong("items[1].unreadCount")).isEqualTo(1);
        assertThat(page.getString("nextCursor")).isNull();
        JsonPath bobsView = bob.request().get("/api/conversations").then().extract().jsonPath();
        assertThat(bobsView.getLong("items[0].unreadCount")).as("your own messages are read").isZero();
    }

    @Test
    void shouldPageTheConversationListWithACursor() {
        User alice = User.create();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, Chat.directId(alice, User.create()));
        }
        JsonPath first = alice.request().queryParam("limit", 2).get("/api/conversations").then().statusCode(200).extract().jsonPath();
        JsonPath second = alice.request().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/conversations").then().statusCode(200).extract().jsonPath();
        JsonPath third = alice.request().queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .get("/api/conversations").then().statusCode(200).extract().jsonPath();

        List<String> seen = new ArrayList<>(first.getList("items.id", String.class));
        seen.addAll(second.getList("items.id", String.class));
        seen.addAll(third.getList("items.id", String.class));
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(third.getString("nextCursor")).isNull();
    }

    @Test
    void shouldRejectALimitOutsideOneToAHundred() {
        User alice = User.create();
        assertFieldError(alice.request().queryParam("limit", 0).get("/api/conversations"), "limit");
        assertFieldError(alice.request().queryParam("limit", 101).get("/api/conversations"), "limit");
        assertProblem(alice.request().queryParam("cursor", "!!!").get("/api/conversations"), 400);
    }

    @Test
    void shouldLetAParticipantAddAMemberToAGroup() {
        User alice = User.create();
        User bob = User.create();
        User dave = User.create();
        String id = Chat.group(alice, "Team", bob);

        JsonPath added = bob.request().body(Map.of("userId", dave.id().toString())).post("/api/conversations/" + id + "/members")
                .then().statusCode(201).extract().jsonPath();
        assertThat(added.getList("participantIds", String.class)).contains(dave.id().toString());
        dave.request().get("/api/conversations/" + id).then().statusCode(200);
        bob.request().body(Map.of("userId", dave.id().toString())).post("/api/conversations/" + id + "/members").then().statusCode(200);
    }

    @Test
    void shouldRefuseAddingMembersToADirectConversation() {
        User alice = User.create();
        String id = Chat.directId(alice, User.create());
        assertProblem(alice.request().body(Map.of("userId", User.create().id().toString())).post("/api/conversations/" + id + "/members"), 403);
    }

    @Test
    void shouldLetAMemberRemoveOnlyThemselves() {
        User alice = User.create();
        User bob = User.create();
        String id = Chat.group(alice, "Team", bob);

        assertProblem(alice.request().delete("/api/conversations/" + id + "/members/" + bob.id()), 403);
        bob.request().delete("/api/conversations/" + id + "/members/" + bob.id()).then().statusCode(204);
        assertProblem(bob.request().get("/api/conversations/" + id), 404);
        assertProblem(User.create().request().delete("/api/conversations/" + id + "/members/" + alice.id()), 404);
    }
}
