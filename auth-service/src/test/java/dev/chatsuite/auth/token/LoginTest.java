package dev.chatsuite.auth.token;

import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.auth.AuthApi.login;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class LoginTest {

    @Test
    void shouldLogInWithEmailOrUsernameInAnyCase() {
        AuthApi.User user = AuthApi.newUser("login");
        for (String identifier : new String[] { user.email().toUpperCase(), user.username().toUpperCase() }) {
            Response response = login(identifier, PASSWORD);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.jsonPath().getString("tokenType")).isEqualTo("Bearer");
            assertThat(response.jsonPath().getLong("expiresIn")).isEqualTo(900);
            assertThat(response.jsonPath().getLong("refreshExpiresIn")).isEqualTo(30L * 24 * 3600);
            assertThat(response.jsonPath().getString("accessToken")).isNotBlank();
            assertThat(response.jsonPath().getString("refreshToken")).isNotBlank();
        }
    }

    @Test
    void shouldAnswerTheSame401ForAWrongPasswordAndAnUnknownUser() {
        AuthApi.User user = AuthApi.newUser("wrongpw");
        Response wrongPassword = login(user.username(), "definitely not it");
        Response unknownUser = login("nobody_" + user.username(), "definitely not it");
        assertProblem(wrongPassword, 401);
        assertProblem(unknownUser, 401);
        assertThat(wrongPassword.jsonPath().getString("detail")).isEqualTo(unknownUser.jsonPath().getString("detail"));
        assertThat(wrongPassword.jsonPath().getString("type")).isEqualTo(unknownUser.jsonPath().getString("type"));
    }

    @Test
    void shouldRefuseADisabledAccountWithAccountDisabled403() {
        AuthApi.User user = AuthApi.newUser("disabled");
        AuthApi.User admin = AuthApi.admin();
        admin.as().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/admin/users/" + user.id())
                .then().statusCode(200);
        assertProblem(login(user.username(), PASSWORD), 403, "account-disabled");
    }

    @Test
    void shouldAnswer401WithoutAToken() {
        assertProblem(given().get("/api/auth/me"), 401);
    }
}
