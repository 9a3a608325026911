package dev.chatsuite.media.caller;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.session.EndedSessions;
import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.CapturedLog;
import dev.chatsuite.testsupport.RedisTestResource;
import dev.chatsuite.testsupport.TestImages;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SessionEndedTest {

    @Inject
    RedisDataSource redis;

    @Test
    void shouldRefuseATokenOnceItsSessionHasEnded() {
        String sid = UUID.randomUUID().toString();
        User user = userInSession(sid);
        String avatar = MediaApi.stored(user, "me.png", "image/png", TestImages.png(8, 8), "avatar").getString("id");
        String attachment = MediaApi.stored(user, "a.pdf", "application/pdf", TestImages.pdf(), null).getString("id");
        given().auth().oauth2(user.token()).get("/api/media/" + attachment + "/metadata").then().statusCode(200);

        endSession(sid);

        assertSessionEnded(MediaApi.upload(user, "b.pdf", "application/pdf", TestImages.pdf(), null));
        assertSessionEnded(given().auth().oauth2(user.token()).get("/api/media/" + attachment + "/metadata"));
        assertSessionEnded(given().auth().oauth2(user.token()).get("/api/media/" + avatar + "/metadata"));
        assertSessionEnded(given().auth().oauth2(user.token()).get("/api/media/" + attachment));
        assertSessionEnded(given().auth().oauth2(user.token()).delete("/api/media/" + attachment));
        // Nothing was deleted, and a token of another session of the same user still works.
        User sameUserElsewhere = new User(user.id(), TestTokens.forUser(user.id(), "user"));
        given().auth().oauth2(sameUserElsewhere.token()).get("/api/media/" + attachment + "/metadata").then().statusCode(200);
        MediaApi.stored(sameUserElsewhere, "c.pdf", "application/pdf", TestImages.pdf(), null);
    }

    @Test
    void shouldAcceptATokenOfAnEndedSessionWhileRedisIsUnreachableAndWarnOnce() {
        String sid = UUID.randomUUID().toString();
        User user = userInSession(sid);
        endSession(sid);
        assertSessionEnded(MediaApi.upload(user, "a.pdf", "application/pdf", TestImages.pdf(), null));

        try (CapturedLog log = CapturedLog.of(EndedSessionCheck.class.getName())) {
            RedisTestResource.proxy().disconnect();
            try {
                String id = MediaApi.stored(user, "a.pdf", "application/pdf", TestImages.pdf(), null).getString("id");
                given().auth().oauth2(user.token()).get("/api/media/" + id + "/metadata").then().statusCode(200);
            } finally {
                RedisTestResource.proxy().reconnect();
            }
            assertThat(log.messages().stream().filter(m -> m.contains("Redis unreachable"))).hasSize(1);
        }
    }

    @Test
    void shouldCountAnExpiredTokenAsNoneOnReadsUnlikeAnEndedSession() {
        String avatar = MediaApi.stored(User.random(), "me.png", "image/png", TestImages.png(8, 8), "avatar").getString("id");
        String expired = TestTokens.expiredFor(UUID.randomUUID(), "late");

        given().auth().oauth2(expired).get("/api/media/" + avatar + "/metadata").then().statusCode(200);
        given().auth().oauth2(expired).get("/api/media/" + avatar).then().statusCode(200);
    }

    private static User userInSession(String sid) {
        UUID id = UUID.randomUUID();
        return new User(id, TestTokens.sign(TestTokens.claimsFor(id, "user").claim("sid", sid)));
    }

    private void endSession(String sid) {
        redis.value(String.class).setex(EndedSessions.key(sid), Duration.ofMinutes(20).toSeconds(), "1");
    }

    private static void assertSessionEnded(Response response) {
        assertProblem(response, 401, "session-ended");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.jsonPath().getString("detail")).isEqualTo("This session has ended; sign in again.");
    }
}
