package dev.chatsuite.system;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An ended session's access token stops working at once at every service, through the
 * gateway, not when the token expires (issue 21).
 */
@ExtendWith(RunningSuite.class)
class SessionEndTest {

    @Test
    void shouldRefuseTheAccessTokenOfALoggedOutSessionAtEveryService() throws Exception {
        User alice = Users.register("ended");
        String unknownMedia = "/api/media/" + UUID.randomUUID() + "/metadata";
        alice.api().get("/api/auth/me").then().statusCode(200);
        alice.api().get("/api/conversations").then().statusCode(200);
        assertProblem(alice.api().get(unknownMedia), 404);

        given().baseUri(RunningSuite.gateway()).contentType(ContentType.JSON).body(Map.of("refreshToken", alice.refreshToken()))
                .post("/api/auth/logout").then().statusCode(204);

        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("auth", type(alice.api().get("/api/auth/me")));
        answers.put("messaging", type(alice.api().get("/api/conversations")));
        answers.put("media", type(alice.api().get(unknownMedia)));
        try (Sockets socket = Sockets.open(RunningSuite.gateway(), "/ws?token=" + alice.accessToken(), null, null)) {
            answers.put("/ws", "close " + socket.closeCode());
        }
        SecurityReport.row("access token of a logged-out session, at every service", "401 session-ended; /ws close 4001", answers.toString());
        assertThat(answers).containsExactly(entry("auth", "401 session-ended"), entry("messaging", "401 session-ended"),
                entry("media", "401 session-ended"), entry("/ws", "close 4001"));
    }

    private static String type(Response response) {
        assertProblem(response, response.statusCode());
        String type = response.jsonPath().getString("type");
        return response.statusCode() + " " + type.substring(type.lastIndexOf('/') + 1);
    }

    @Test
    void shouldRefuseTheOtherSessionsAfterEndingAllButTheCurrentOne() throws Exception {
        User first = Users.register("endedall");
        String second = given().baseUri(RunningSuite.gateway()).contentType(ContentType.JSON)
                .body(Map.of("identifier", first.username(), "password", Users.PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("accessToken");

        given().baseUri(RunningSuite.gateway()).auth().oauth2(second).delete("/api/auth/sessions").then().statusCode(204);

        assertProblem(first.api().get("/api/conversations"), 401, "session-ended");
        given().baseUri(RunningSuite.gateway()).auth().oauth2(second).get("/api/conversations").then().statusCode(200);
    }
}
