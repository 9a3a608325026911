package dev.chatsuite.auth;

import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.auth.AuthApi.refresh;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.credential.EndedSessionMarks;
import dev.chatsuite.common.session.EndedSessions;
import dev.chatsuite.testsupport.CapturedLog;
import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Every way a session ends marks it in Redis (EndedSessions) for the access-token lifetime plus
 * the skew, so that messaging and media refuse its tokens at once; without Redis the session
 * still ends and the call still succeeds.
 */
@QuarkusTest
class EndedSessionsPublishedTest {

    @Inject
    RedisDataSource redis;

    @Inject
    AuthConfig config;

    @Inject
    MockMailbox mailbox;

    @Test
    void shouldMarkTheSessionOfALogout() {
        AuthApi.User user = AuthApi.newUser("marklogout");
        assertNotMarked(user);
        logout(user).then().statusCode(204);
        assertMarked(user);
    }

    @Test
    void shouldMarkASessionEndedByItsId() {
        AuthApi.User first = AuthApi.newUser("markone");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        second.as().delete("/api/auth/sessions/" + sid(first)).then().statusCode(204);
        assertMarked(first);
        assertNotMarked(second);
    }

    @Test
    void shouldMarkEveryOtherSessionButNotTheCurrentOne() {
        AuthApi.User first = AuthApi.newUser("markothers");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        AuthApi.User third = AuthApi.loggedIn(first.id(), first.username(), first.email());
        third.as().delete("/api/auth/sessions").then().statusCode(204);
        assertMarked(first);
        assertMarked(second);
        assertNotMarked(third);
    }

    @Test
    void shouldMarkEverySessionOnAPasswordChange() {
        AuthApi.User first = AuthApi.newUser("markchange");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        first.as().contentType(ContentType.JSON).body(Map.of("currentPassword", PASSWORD, "newPassword", "another long passphrase"))
                .post("/api/auth/me/password").then().statusCode(204);
        assertMarked(first);
        assertMarked(second);
    }

    @Test
    void shouldMarkEverySessionOnAPasswordReset() {
        AuthApi.User user = AuthApi.newUser("markreset");
        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/auth/password/forgot").then().statusCode(202);
        Matcher link = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mailbox.getMailsSentTo(user.email()).get(0).getText());
        assertThat(link.find()).isTrue();
        given().contentType(ContentType.JSON).body(Map.of("token", link.group(1), "newPassword", "another long passphrase"))
                .post("/api/auth/password/reset").then().statusCode(204);
        assertMarked(user);
    }

    @Test
    void shouldMarkEverySessionOfAnAccountAnAdminDisables() {
        AuthApi.User user = AuthApi.newUser("markdisable");
        AuthApi.User again = AuthApi.loggedIn(user.id(), user.username(), user.email());
        AuthApi.admin().as().contentType(ContentType.JSON).body(Map.of("active", false)).patch("/api/admin/users/" + user.id())
                .then().statusCode(200);
        assertMarked(user);
        assertMarked(again);
    }

    @Test
    void shouldMarkTheSessionARefreshTokenReuseRevokes() {
        AuthApi.User user = AuthApi.newUser("markreuse");
        assertThat(refresh(user.refreshToken()).statusCode()).isEqualTo(200);
        assertNotMarked(user);
        assertProblem(refresh(user.refreshToken()), 401);
        assertMarked(user);
    }

    @Test
    void shouldStillEndTheSessionAndAnswerWhileRedisIsDownWarningOnce() {
        AuthApi.User up = AuthApi.newUser("redisup");
        logout(up).then().statusCode(204);
        assertMarked(up);
        AuthApi.User first = AuthApi.newUser("redisdown");
        AuthApi.User second = AuthApi.loggedIn(first.id(), first.username(), first.email());
        try (CapturedLog log = CapturedLog.of(EndedSessionMarks.class.getName())) {
            RedisTestResource.proxy().disconnect();
            try {
                logout(first).then().statusCode(204);
                logout(second).then().statusCode(204);
                assertProblem(refresh(first.refreshToken()), 401);
                assertProblem(first.as().get("/api/auth/me"), 401, "session-ended");
                assertProblem(second.as().get("/api/auth/me"), 401, "session-ended");
            } finally {
                RedisTestResource.proxy().reconnect();
            }
            assertThat(log.messages()).filteredOn(message -> message.contains("Redis is unreachable")).hasSize(1);
        }
        AuthApi.User after = AuthApi.newUser("redisback");
        logout(after).then().statusCode(204);
        assertMarked(after);
    }

    private static Response logout(AuthApi.User user) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", user.refreshToken())).post("/api/auth/logout");
    }

    private void assertMarked(AuthApi.User user) {
        long ttl = config.accessTokenTtl().plus(EndedSessions.SKEW).toMillis();
        long remaining = redis.key().pttl(EndedSessions.key(sid(user)));
        assertThat(remaining).as("TTL of the ended-session mark of %s", user.username()).isBetween(ttl - 60_000, ttl);
    }

    private void assertNotMarked(AuthApi.User user) {
        assertThat(redis.key().exists(EndedSessions.key(sid(user)))).as("%s is marked ended", user.username()).isFalse();
    }

    private static String sid(AuthApi.User user) {
        String payload = user.accessToken().split("\\.")[1];
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sid");
    }
}
