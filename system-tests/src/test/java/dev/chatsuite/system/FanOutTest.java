package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Two messaging processes on one PostgreSQL and Redis behave as one. */
@ExtendWith(RunningSuite.class)
class FanOutTest {

    @Test
    void shouldDeliverAMessagePostedOnOneInstanceToAParticipantOnTheOther() throws Exception {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        User mallory = Users.register("mallory");
        String conversation = alice.json().body(Map.of("type", "direct", "participantId", bob.id())).post("/api/conversations")
                .then().statusCode(201).extract().path("id");
        String first = RunningSuite.url("messaging-service");
        String second = RunningSuite.url("messaging-service-2");

        try (Sockets bobOnFirst = Sockets.open(first, "/ws?token=" + bob.accessToken(), null, null);
                Sockets malloryOnFirst = Sockets.open(first, "/ws?token=" + mallory.accessToken(), null, null);
                Sockets malloryOnSecond = Sockets.open(second, "/ws?token=" + mallory.accessToken(), null, null)) {
            bobOnFirst.next("ready", 10_000);
            malloryOnFirst.next("ready", 10_000);
            malloryOnSecond.next("ready", 10_000);

            RestAssured.given().baseUri(second).auth().oauth2(alice.accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("body", "across instances")).post("/api/conversations/" + conversation + "/messages").then().statusCode(201);

            assertThat(bobOnFirst.next("message.created", 10_000).getString("message.body")).isEqualTo("across instances");
            assertThat(malloryOnFirst.quietFor("message.created", 1000)).isTrue();
            assertThat(malloryOnSecond.quietFor("message.created", 200)).isTrue();
        }
    }
}
