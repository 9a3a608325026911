package dev.chatsuite.system;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Real accounts: registered at auth-service directly (test setup; the gateway allows 5
 * registrations per IP a minute), then logged in and used through the gateway like any client.
 */
final class Users {

    static final String PASSWORD = "a long system-test password";

    private Users() {
    }

    record User(String gateway, String id, String username, String accessToken, String refreshToken) {

        RequestSpecification api() {
            return given().baseUri(gateway).auth().oauth2(accessToken);
        }

        RequestSpecification json() {
            return api().contentType(ContentType.JSON);
        }
    }

    static User register(String prefix) {
        return register(RunningSuite.url("auth-service"), RunningSuite.gateway(), prefix);
    }

    static User register(String auth, String gateway, String prefix) {
        String username = (prefix + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        String id = given().baseUri(auth).contentType(ContentType.JSON)
                .body(Map.of("email", username + "@example.test", "username", username, "password", PASSWORD, "displayName", prefix))
                .post("/api/auth/register").then().statusCode(201).extract().path("user.id");
        JsonPath tokens = given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("identifier", username, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath();
        return new User(gateway, id, username, tokens.getString("accessToken"), tokens.getString("refreshToken"));
    }
}
