package dev.chatsuite.messaging;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.chatsuite.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Users and the calls a chat client makes, for tests. */
public final class Chat {

    private Chat() {
    }

    public record User(UUID id, UUID tenant, String token) {

        /** A new user without a tenant, known to the auth stub. */
        public static User create() {
            return inTenant(null);
        }

        public static User inTenant(UUID tenant) {
            UUID id = UUID.randomUUID();
            ServiceStubs.registerUser(id, tenant);
            String name = "u" + id.toString().substring(0, 8);
            String token = tenant == null ? TestTokens.forUser(id, name) : TestTokens.forTenantUser(id, name, tenant, "t" + tenant.toString().substring(0, 6));
            return new User(id, tenant, token);
        }

        /** The same user with a token whose tenant has exactly {@code modules}. */
        public User withModules(List<String> modules) {
            String name = "u" + id.toString().substring(0, 8);
            return new User(id, tenant, TestTokens.forTenantUser(id, name, tenant, "t" + tenant.toString().substring(0, 6), modules));
        }

        public RequestSpecification request() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }

    public static Response direct(User caller, User other) {
        return caller.request().body(Map.of("type", "direct", "participantId", other.id().toString())).post("/api/conversations");
    }

    public static String directId(User caller, User other) {
        return direct(caller, other).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
    }

    public static String group(User caller, String title, User... others) {
        List<String> ids = java.util.Arrays.stream(others).map(u -> u.id().toString()).toList();
        return caller.request().body(Map.of("type", "group", "title", title, "participantIds", ids)).post("/api/conversations")
                .then().statusCode(201).extract().path("id");
    }

    public static Response post(User sender, String conversation, String body) {
        return sender.request().body(Map.of("body", body)).post("/api/conversations/" + conversation + "/messages");
    }

    public static JsonPath posted(User sender, String conversation, String body) {
        return post(sender, conversation, body).then().statusCode(201).extract().jsonPath();
    }
}
