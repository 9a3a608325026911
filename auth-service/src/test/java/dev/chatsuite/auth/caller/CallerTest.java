package dev.chatsuite.auth.caller;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** How every endpoint that needs a caller answers one it refuses: type, detail and the Bearer challenge. */
@QuarkusTest
class CallerTest {

    @Test
    void shouldAnswerAMissingOrForeignCredentialWithTheBearerChallenge() {
        assertRefused(given().get("/api/auth/sessions"), 401, "unauthorized", "A valid bearer access token is required.");
        assertRefused(given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/auth/me"), 401, "unauthorized",
                "A valid bearer access token is required.");
        assertRefused(given().header("Authorization", "Bearer not.a.token").get("/api/users"), 401, "unauthorized",
                "A valid bearer access token is required.");
    }

    @Test
    void shouldAnswerTheTokenOfAnEndedSessionWithSessionEnded() {
        AuthApi.User user = AuthApi.newUser("callerended");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", user.refreshToken())).post("/api/auth/logout")
                .then().statusCode(204);
        assertRefused(user.as().get("/api/auth/me"), 401, "session-ended", "This session has ended; sign in again.");
        assertRefused(user.as().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/admin/users/" + user.id()),
                401, "session-ended", "This session has ended; sign in again.");
    }

    @Test
    void shouldAnswerTheTokenOfADisabledAccountWith401AccountDisabled() {
        AuthApi.User user = AuthApi.newUser("callerdisabled");
        AuthApi.admin().as().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/admin/users/" + user.id())
                .then().statusCode(200);
        assertRefused(user.as().get("/api/users/" + user.id()), 401, "account-disabled", "This account is disabled.");
    }

    @Test
    void shouldAnswerANonAdminOnAnAdminEndpointWith403() {
        AuthApi.User user = AuthApi.newUser("callernotadmin");
        Response refused = user.as().contentType(ContentType.JSON).body(Map.of("slug", "nope", "name", "Nope"))
                .post("/api/admin/tenants");
        assertProblem(refused, 403, "forbidden");
        assertThat(refused.jsonPath().getString("detail")).isEqualTo("Only administrators may do this.");
    }

    private static void assertRefused(Response response, int status, String type, String detail) {
        assertProblem(response, status, type);
        assertThat(response.jsonPath().getString("detail")).isEqualTo(detail);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
