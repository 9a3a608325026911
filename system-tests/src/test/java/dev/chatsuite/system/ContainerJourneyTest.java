package dev.chatsuite.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;

/** The short journey of the containers issue, through the containerised gateway only. */
@ExtendWith(RunningContainers.class)
class ContainerJourneyTest {

    @Test
    void shouldServeReadyServicesFromTheirImages() {
        for (String service : new String[] { "auth-service", "messaging-service", "media-service", "gateway" }) {
            given().baseUri(RunningContainers.operationsUrl(service)).get("/q/health/ready").then().statusCode(200);
        }
    }

    @Test
    void shouldRegisterLogInPostAndReceiveOverTheSocketThroughTheContainerisedGateway() throws Exception {
        User alice = Users.register(RunningContainers.url("auth-service"), RunningContainers.gateway(), "alice");
        User bob = Users.register(RunningContainers.url("auth-service"), RunningContainers.gateway(), "bob");
        String conversation = alice.json().body(Map.of("type", "direct", "participantId", bob.id())).post("/api/conversations")
                .then().statusCode(201).extract().path("id");

        try (Sockets bobs = Sockets.open(RunningContainers.gateway(), "/ws?token=" + bob.accessToken(), null, null)) {
            assertThat(bobs.next("ready", 10_000).getString("userId")).isEqualTo(bob.id());
            String id = alice.json().body(Map.of("body", "hello from a container", "clientMessageId", "c1"))
                    .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().path("id");

            var created = bobs.next("message.created", 10_000);
            assertThat(created.getString("message.id")).isEqualTo(id);
            assertThat(created.getString("message.body")).isEqualTo("hello from a container");
        }
        assertThat(bob.api().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract()
                .jsonPath().getList("items.body")).containsExactly("hello from a container");
    }
}
