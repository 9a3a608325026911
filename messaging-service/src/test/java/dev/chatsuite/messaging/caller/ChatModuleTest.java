package dev.chatsuite.messaging.caller;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import dev.chatsuite.messaging.realtime.TestSocket;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Tenant modules: a caller with a tenant needs {@code chat} in the token's modules for every
 * REST route and for /ws, and {@code media} to post files; a caller without a tenant needs neither.
 */
@QuarkusTest
class ChatModuleTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G' };

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldLetATenantUserWithChatPost() {
        User alice = User.inTenant(UUID.randomUUID()).withModules(List.of("chat"));
        User bob = User.inTenant(alice.tenant());
        String conversation = Chat.directId(alice, bob);
        assertThat(Chat.posted(alice, conversation, "hello").getString("body")).isEqualTo("hello");
    }

    @Test
    void shouldRefuseEveryRouteToATenantUserWithoutChatAndStoreNothing() {
        User alice = User.inTenant(UUID.randomUUID());
        User bob = User.inTenant(alice.tenant());
        String conversation = Chat.directId(alice, bob);
        String message = Chat.posted(alice, conversation, "before").getString("id");
        User refused = alice.withModules(List.of("media"));

        assertModuleDisabled(refused.request().get("/api/conversations"), "chat");
        assertModuleDisabled(Chat.direct(refused, bob), "chat");
        assertModuleDisabled(refused.request().get("/api/conversations/" + conversation), "chat");
        assertModuleDisabled(refused.request().get("/api/conversations/" + conversation + "/messages"), "chat");
        assertModuleDisabled(Chat.post(refused, conversation, "after"), "chat");
        assertModuleDisabled(given().auth().oauth2(refused.token()).multiPart("body", "after")
                .post("/api/conversations/" + conversation + "/messages"), "chat");
        assertModuleDisabled(refused.request().body(Map.of("body", "edited")).patch("/api/messages/" + message), "chat");
        assertModuleDisabled(refused.request().delete("/api/messages/" + message), "chat");
        assertModuleDisabled(refused.request().put("/api/messages/" + message + "/reactions/%F0%9F%91%8D"), "chat");
        assertModuleDisabled(refused.request().body(Map.of("seq", 1)).post("/api/conversations/" + conversation + "/read"), "chat");
        assertModuleDisabled(refused.request().get("/api/search/messages?q=before"), "chat");

        var history = alice.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.body")).containsExactly("before");
        assertThat(history.getString("items[0].editedAt")).isNull();
        assertThat(history.getList("items[0].reactions")).isEmpty();
    }

    @Test
    void shouldRefuseATenantTokenWithoutAModulesClaim() {
        UUID id = UUID.randomUUID();
        String token = TestTokens.sign(TestTokens.claimsFor(id, "nomodules").claim("tid", UUID.randomUUID().toString()).claim("tenant", "t"));
        assertModuleDisabled(given().auth().oauth2(token).get("/api/conversations"), "chat");
    }

    @Test
    void shouldCloseTheSocketOfATenantUserWithoutChatWith4003NamingTheModule() throws Exception {
        User refused = User.inTenant(UUID.randomUUID()).withModules(List.of());
        try (TestSocket socket = TestSocket.connect(root, "/ws", refused.token())) {
            assertThat(socket.closeCode()).isEqualTo((short) 4003);
            assertThat(socket.closeReason()).startsWith("module-disabled: ").contains("\"chat\"");
        }
        try (TestSocket socket = TestSocket.connect(root, "/ws?token=" + refused.token(), null)) {
            assertThat(socket.closeCode()).isEqualTo((short) 4003);
        }
        User allowed = User.inTenant(UUID.randomUUID()).withModules(List.of("chat"));
        try (TestSocket socket = TestSocket.connect(root, "/ws", allowed.token())) {
            assertThat(socket.next("ready").getString("userId")).isEqualTo(allowed.id().toString());
        }
    }

    @Test
    void shouldLeaveUsersWithoutATenantAlone() throws Exception {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        Chat.posted(alice, conversation, "no tenant, no modules");
        given().auth().oauth2(alice.token()).multiPart("body", "with a file").multiPart("files", "a.png", PNG, "image/png")
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201);
        try (TestSocket socket = TestSocket.connect(root, "/ws", alice.token())) {
            assertThat(socket.next("ready").getString("userId")).isEqualTo(alice.id().toString());
        }
    }

    @Test
    void shouldRefuseFilesButNotTextToATenantUserWithChatButNotMedia() {
        User alice = User.inTenant(UUID.randomUUID()).withModules(List.of("chat"));
        String conversation = Chat.directId(alice, User.inTenant(alice.tenant()));
        int uploads = ServiceStubs.uploads();

        Response withFile = given().auth().oauth2(alice.token()).multiPart("body", "look").multiPart("files", "a.png", PNG, "image/png")
                .post("/api/conversations/" + conversation + "/messages");
        assertModuleDisabled(withFile, "media");
        assertThat(ServiceStubs.uploads()).as("nothing sent to media-service").isEqualTo(uploads);

        given().auth().oauth2(alice.token()).multiPart("body", "text only").post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201);
        assertThat(alice.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract()
                .jsonPath().getList("items.body")).containsExactly("text only");
    }

    private static void assertModuleDisabled(Response response, String module) {
        assertProblem(response, 403, "module-disabled");
        assertThat(response.jsonPath().getString("detail")).contains("\"" + module + "\"");
    }
}
