package dev.chatsuite.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Shared steps of the auth tests: register and log in users with unique names. */
public final class AuthApi {

    public static final String PASSWORD = "a long enough passphrase";

    public record User(String id, String username, String email, String accessToken, String refreshToken) {
        public RequestSpecification as() {
            return given().header("Authorization", "Bearer " + accessToken);
        }
    }

    private AuthApi() {
    }

    public static String unique(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)).toLowerCase();
    }

    public static Response register(String email, String username, String password, String tenant) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("username", username);
        body.put("password", password);
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/register");
    }

    public static Response login(String identifier, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("identifier", identifier, "password", password))
                .post("/api/auth/login");
    }

    public static User newUser(String prefix) {
        return newUser(prefix, null);
    }

    public static User newUser(String prefix, String tenant) {
        String username = unique(prefix);
        String email = username + "@example.test";
        Response registered = register(email, username, PASSWORD, tenant);
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(201);
        return loggedIn(registered.jsonPath().getString("user.id"), username, email);
    }

    public static User loggedIn(String id, String username, String email) {
        Response login = login(username, PASSWORD);
        assertThat(login.statusCode()).as(login.asString()).isEqualTo(200);
        return new User(id, username, email, login.jsonPath().getString("accessToken"), login.jsonPath().getString("refreshToken"));
    }

    /** The bootstrap secret of the test profile (auth.admin-bootstrap.secret): root_admin's password. */
    public static final String ADMIN_SECRET = "test-only admin bootstrap secret";

    /** The administrator made at start-up from the bootstrap secret (root_admin in tests), logged in. */
    public static User admin() {
        Response login = login("root_admin", ADMIN_SECRET);
        assertThat(login.statusCode()).as(login.asString()).isEqualTo(200);
        User user = new User(null, "root_admin", "root_admin@example.test", login.jsonPath().getString("accessToken"),
                login.jsonPath().getString("refreshToken"));
        return new User(user.as().get("/api/auth/me").jsonPath().getString("id"), user.username(), user.email(),
                user.accessToken(), user.refreshToken());
    }

    public static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/auth/refresh");
    }
}
