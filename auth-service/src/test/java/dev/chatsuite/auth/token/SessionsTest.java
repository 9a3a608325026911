package dev.chatsuite.auth.token;

import static dev.chatsuite.auth.AuthApi.refresh;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SessionsTest {

    @Test
    void shouldListLiveSessionsMarkingTheCurrentOne() {
        AuthApi.User first = AuthApi.newUser("sessions");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        JsonPath page = second.as().header("User-Agent", "TestAgent/1.0").get("/api/auth/sessions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        assertThat(items).hasSize(2);
        assertThat(items).allSatisfy(item -> assertThat(item).containsKeys("id", "createdAt", "lastUsedAt", "userAgent", "ip", "current"));
        assertThat(items.stream().filter(i -> Boolean.TRUE.equals(i.get("current"))).count()).isEqualTo(1);
        assertThat(page.getString("nextCursor")).isNull();
    }

    @Test
    void shouldEndOneSessionAndItsRefreshToken() {
        AuthApi.User first = AuthApi.newUser("endone");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        String other = second.as().get("/api/auth/sessions").jsonPath().getList("items", Map.class).stream()
                .filter(i -> !Boolean.TRUE.equals(i.get("current"))).map(i -> (String) i.get("id")).findFirst().orElseThrow();
        second.as().delete("/api/auth/sessions/" + other).then().statusCode(204);
        assertProblem(refresh(first.refreshToken()), 401);
        assertThat(refresh(second.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldEndAllOtherSessionsButTheCurrent() {
        AuthApi.User first = AuthApi.newUser("endothers");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        AuthApi.User third = AuthApi.loggedIn(first.id(), first.username(), first.email());
        third.as().delete("/api/auth/sessions").then().statusCode(204);
        assertProblem(refresh(first.refreshToken()), 401);
        assertProblem(refresh(second.refreshToken()), 401);
        assertThat(refresh(third.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseTheAccessTokenOfAnEndedSessionAtOnce() {
        AuthApi.User first = AuthApi.newUser("revokedat");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        first.as().get("/api/auth/me").then().statusCode(200);
        second.as().delete("/api/auth/sessions").then().statusCode(204);
        var refused = first.as().get("/api/auth/me");
        assertProblem(refused, 401, "session-ended");
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(first.as().get("/api/auth/sessions"), 401, "session-ended");
        second.as().get("/api/auth/me").then().statusCode(200);
    }

    @Test
    void shouldRefuseTheAccessTokenOfASessionEndedByItsOwnLogout() {
        AuthApi.User user = AuthApi.newUser("ownlogout");
        String sid = user.as().get("/api/auth/sessions").jsonPath().getString("items.find { it.current }.id");
        user.as().delete("/api/auth/sessions/" + sid).then().statusCode(204);
        assertProblem(user.as().get("/api/auth/me"), 401, "session-ended");
    }

    @Test
    void shouldAnswer404ForASessionThatIsNotTheCallers() {
        AuthApi.User user = AuthApi.newUser("notmine");
        assertProblem(user.as().delete("/api/auth/sessions/" + UUID.randomUUID()), 404);
    }
}
