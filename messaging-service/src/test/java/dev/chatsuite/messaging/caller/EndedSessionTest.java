package dev.chatsuite.messaging.caller;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.session.EndedSessions;
import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.realtime.TestSocket;
import dev.chatsuite.testsupport.RedisTestResource;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** An access token whose session auth-service has ended is refused at once, on REST and on /ws. */
@QuarkusTest
class EndedSessionTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    RedisDataSource redis;

    @Test
    void shouldRefuseATokenOfAnEndedSessionWith401SessionEnded() {
        User alice = User.create();
        String sid = UUID.randomUUID().toString();
        String ended = token(alice, sid);
        String other = token(alice, UUID.randomUUID().toString());
        assertThat(conversations(ended).statusCode()).as("before the session ends").isEqualTo(200);

        end(sid);

        Response refused = conversations(ended);
        assertProblem(refused, 401, "session-ended");
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(conversations(other).statusCode()).as("another session of the same user").isEqualTo(200);
    }

    @Test
    void shouldRefuseAMultipartPostOfAnEndedSessionBeforeItsFiles() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        String sid = UUID.randomUUID().toString();
        String ended = token(alice, sid);
        end(sid);
        Response refused = given().auth().oauth2(ended).multiPart("body", "hi").multiPart("files", "a.png", new byte[] { 1 }, "image/png")
                .post("/api/conversations/" + conversation + "/messages");
        assertProblem(refused, 401, "session-ended");
    }

    @Test
    void shouldCloseASocketOfAnEndedSessionWith4001() throws Exception {
        User alice = User.create();
        String sid = UUID.randomUUID().toString();
        String ended = token(alice, sid);
        end(sid);
        try (TestSocket socket = TestSocket.connect(root, "/ws?token=" + ended, null)) {
            assertThat(socket.closeCode()).isEqualTo((short) 4001);
        }
        try (TestSocket socket = TestSocket.connect(root, "/ws", token(alice, UUID.randomUUID().toString()))) {
            assertThat(socket.next("ready").getString("userId")).isEqualTo(alice.id().toString());
        }
    }

    @Test
    void shouldAcceptTheTokenWhileRedisCannotBeAsked() {
        User alice = User.create();
        String sid = UUID.randomUUID().toString();
        String ended = token(alice, sid);
        end(sid);
        RedisTestResource.proxy().disconnect();
        try {
            assertThat(conversations(ended).statusCode()).as("Redis down: the valid token is let in").isEqualTo(200);
        } finally {
            RedisTestResource.proxy().reconnect();
        }
    }

    private void end(String sid) {
        redis.value(String.class).setex(EndedSessions.key(sid), 120, "1");
    }

    private static String token(User user, String sid) {
        return TestTokens.sign(TestTokens.claimsFor(user.id(), "u" + user.id().toString().substring(0, 8)).claim("sid", sid));
    }

    private static Response conversations(String token) {
        return given().auth().oauth2(token).get("/api/conversations");
    }
}
