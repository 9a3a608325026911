package dev.chatsuite.auth.account;

import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.auth.AuthApi.register;
import static dev.chatsuite.auth.AuthApi.unique;
import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.PostgresDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class RegistrationTest {

    @Test
    void shouldCreateTheAccountAndItsProfileAndAnswerMe() throws Exception {
        String username = unique("new");
        Response response = register(username + "@Example.test", username, PASSWORD, null);
        assertThat(response.statusCode()).isEqualTo(201);
        Map<String, Object> user = response.jsonPath().getMap("user");
        assertThat(user).containsKeys("id", "email", "username", "displayName", "bio", "location", "links", "avatar",
                "tenant", "roles", "createdAt");
        assertThat(user.get("username")).isEqualTo(username);
        assertThat(user.get("tenant")).isNull();
        assertThat(response.jsonPath().getList("user.roles")).containsExactly("user");
        assertThat(response.jsonPath().getString("user.createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        UUID id = UUID.fromString(response.jsonPath().getString("user.id"));
        assertThat(count("SELECT count(*) FROM account WHERE id = ?", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM profile WHERE account_id = ?", id)).isEqualTo(1);
        assertThat(passwordHashOf(id)).startsWith("$argon2id$").doesNotContain(PASSWORD);
    }

    @Test
    void shouldRejectDuplicateEmailWhateverItsCase() {
        String username = unique("dup");
        assertThat(register(username + "@example.test", username, PASSWORD, null).statusCode()).isEqualTo(201);
        Response duplicate = register(username.toUpperCase() + "@EXAMPLE.test", unique("other"), PASSWORD, null);
        assertProblem(duplicate, 409);
        assertThat(duplicate.jsonPath().getList("errors", Map.class))
                .containsExactly(Map.of("field", "email", "message", "Email already registered."));
    }

    @Test
    void shouldRejectDuplicateUsernameWhateverItsCase() {
        String username = unique("dupname");
        assertThat(register(username + "@example.test", username, PASSWORD, null).statusCode()).isEqualTo(201);
        Response duplicate = register(unique("x") + "@example.test", username.toUpperCase(), PASSWORD, null);
        assertProblem(duplicate, 409);
        assertThat(duplicate.jsonPath().getList("errors", Map.class))
                .containsExactly(Map.of("field", "username", "message", "Username already taken."));
    }

    @Test
    void shouldListEachInvalidFieldAndStoreNothing() throws Exception {
        Response response = register("not-an-email", "x!", "short", null);
        assertProblem(response, 400, "validation");
        assertFieldError(response, "email");
        assertFieldError(response, "username");
        assertFieldError(response, "password");
        assertThat(count("SELECT count(*) FROM account WHERE email = ?", "not-an-email")).isZero();
    }

    @Test
    void shouldRejectACommonlyBreachedPassword() {
        String username = unique("breach");
        Response response = register(username + "@example.test", username, "Password123", null);
        assertProblem(response, 400, "validation");
        assertFieldError(response, "password");
    }

    @Test
    void shouldRejectAnUnknownTenant() {
        String username = unique("tenantless");
        Response response = register(username + "@example.test", username, PASSWORD, "no-such-tenant");
        assertProblem(response, 400, "validation");
        assertFieldError(response, "tenant");
    }

    @Test
    void shouldAnswerProblem400ForABodyThatIsNotJson() {
        Response response = io.restassured.RestAssured.given().contentType("application/json").body("{nope").post("/api/auth/register");
        assertProblem(response, 400, "malformed-json");
    }

    @Test
    void shouldAnswerProblem400ForJsonOfTheWrongShape() {
        for (String body : new String[] { "[]", "\"text\"", "7", "null", "{\"email\": 7, \"username\": [], \"password\": {}}" }) {
            Response response = io.restassured.RestAssured.given().contentType("application/json").body(body).post("/api/auth/register");
            assertThat(response.contentType()).as(body).startsWith("application/problem+json");
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertProblem(response, 400);
        }
        Response wrongTypes = io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"email\": \"x@example.test\", \"username\": [], \"password\": {}}").post("/api/auth/register");
        assertProblem(wrongTypes, 400, "malformed-json");
        assertFieldError(wrongTypes, "username");
        assertThat(wrongTypes.jsonPath().getString("detail")).contains("wrong type");
        for (String scalar : new String[] { "7", "7.5", "true" }) {
            Response coerced = io.restassured.RestAssured.given().contentType("application/json")
                    .body("{\"refreshToken\": " + scalar + "}").post("/api/auth/refresh");
            assertProblem(coerced, 400, "malformed-json");
            assertFieldError(coerced, "refreshToken");
        }
        Response array = io.restassured.RestAssured.given().contentType("application/json").body("[]").post("/api/auth/register");
        assertProblem(array, 400, "malformed-json");
        assertThat(array.jsonPath().getString("detail")).contains("JSON object");
    }

    @Test
    void shouldAnswerOneEntryPerFieldWithTheFirstRuleBroken() {
        String longInvalid = "x".repeat(260) + "@@example.test";
        Response response = register(longInvalid, "x!", "", null);
        assertProblem(response, 400, "validation");
        assertThat(response.jsonPath().getList("errors.field", String.class)).containsExactly("email", "password", "username");
        assertThat(response.jsonPath().getString("errors.find { it.field == 'password' }.message")).isEqualTo("Password is required.");
    }

    static long count(String sql, Object param) throws Exception {
        try (Connection db = PostgresDatabases.connect(PostgresDatabases.forCheckout("auth_test")); PreparedStatement st = db.prepareStatement(sql)) {
            st.setObject(1, param);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String passwordHashOf(UUID id) throws Exception {
        try (Connection db = PostgresDatabases.connect(PostgresDatabases.forCheckout("auth_test"));
                PreparedStatement st = db.prepareStatement("SELECT password_hash FROM account WHERE id = ?")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
