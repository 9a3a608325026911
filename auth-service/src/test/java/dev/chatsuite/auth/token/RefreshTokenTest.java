package dev.chatsuite.auth.token;

import static dev.chatsuite.auth.AuthApi.refresh;
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
class RefreshTokenTest {

    @Test
    void shouldRotateTheRefreshTokenOnEveryUse() {
        AuthApi.User user = AuthApi.newUser("rotate");
        Response rotated = refresh(user.refreshToken());
        assertThat(rotated.statusCode()).isEqualTo(200);
        String next = rotated.jsonPath().getString("refreshToken");
        assertThat(next).isNotEqualTo(user.refreshToken());
        assertThat(rotated.jsonPath().getString("accessToken")).isNotBlank();
        assertThat(refresh(next).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRevokeTheWholeFamilyWhenARotatedTokenIsPresentedAgain() {
        AuthApi.User user = AuthApi.newUser("reuse");
        String next = refresh(user.refreshToken()).jsonPath().getString("refreshToken");
        assertProblem(refresh(user.refreshToken()), 401);
        assertProblem(refresh(next), 401);
    }

    @Test
    void shouldRevokeTheFamilyOnLogout() {
        AuthApi.User user = AuthApi.newUser("logout");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", user.refreshToken())).post("/api/auth/logout")
                .then().statusCode(204);
        assertProblem(refresh(user.refreshToken()), 401);
    }

    @Test
    void shouldRefuseAnUnknownRefreshToken() {
        assertProblem(refresh("not-a-token-we-issued"), 401);
    }
}
