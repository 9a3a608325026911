package dev.chatsuite.system;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.Users.User;
import dev.chatsuite.testsupport.TestImages;
import io.restassured.path.json.JsonPath;

/** The journey of the gateway issue, through the gateway only, against the four real services. */
@ExtendWith(RunningSuite.class)
class UserJourneyTest {

    @Test
    void shouldLetAnotherUserAndAnonymousVisitorsSeeAnAvatar() {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        String mediaId = alice.api().multiPart("file", "me.png", TestImages.png(400, 300), "image/png").multiPart("purpose", "avatar")
                .post("/api/media").then().statusCode(201).extract().path("id");

        JsonPath me = alice.json().body(Map.of("avatarMediaId", mediaId)).patch("/api/auth/me").then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("avatar.id")).isEqualTo(mediaId);

        JsonPath seenByBob = bob.api().get("/api/users/" + alice.id()).then().statusCode(200).extract().jsonPath();
        String url = seenByBob.getString("avatar.url");
        assertThat(url).startsWith(RunningSuite.publicUrl() + "/api/media/" + mediaId);
        byte[] picture = given().get(url).then().statusCode(200).header("Cache-Control", "public, max-age=31536000, immutable")
                .extract().asByteArray();
        assertThat(TestImages.decode(picture).getWidth()).isEqualTo(400);
        byte[] thumbnail = given().get(seenByBob.getString("avatar.thumbnailUrl")).then().statusCode(200).extract().asByteArray();
        assertThat(TestImages.decode(thumbnail).getWidth()).isEqualTo(320);
    }

    @Test
    void shouldRefuseAnAvatarThatIsSomeoneElsesUpload() {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        String bobsMedia = bob.api().multiPart("file", "b.png", TestImages.png(10, 10), "image/png").multiPart("purpose", "avatar")
                .post("/api/media").then().statusCode(201).extract().path("id");
        assertProblem(alice.json().body(Map.of("avatarMediaId", bobsMedia)).patch("/api/auth/me"), 400);
    }

    @Test
    void shouldExchangeMessagesInRealTimeAndShareAnAttachment() throws Exception {
        User alice = Users.register("alice");
        User bob = Users.register("bob");
        User carol = Users.register("carol");
        String conversation = alice.json().body(Map.of("type", "direct", "participantId", bob.id())).post("/api/conversations")
                .then().statusCode(201).extract().path("id");

        try (Sockets bobs = Sockets.open(RunningSuite.gateway(), "/ws?token=" + bob.accessToken(), null, null);
                Sockets alices = Sockets.open(RunningSuite.gateway(), "/ws?token=" + alice.accessToken(), null, null)) {
            bobs.next("ready", 10_000);
            alices.next("ready", 10_000);

            alices.send("{\"type\":\"send\",\"conversationId\":\"" + conversation + "\",\"body\":\"hello bob\",\"clientMessageId\":\"j1\"}");
            assertThat(alices.next("ack", 10_000).getLong("message.seq")).isEqualTo(1);
            assertThat(bobs.next("message.created", 10_000).getString("message.body")).isEqualTo("hello bob");

            byte[] pdf = TestImages.pdf();
            JsonPath posted = alice.api().multiPart("body", "the report").multiPart("files", "report.pdf", pdf, "application/pdf")
                    .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().jsonPath();
            JsonPath live = bobs.next("message.created", 10_000);
            assertThat(live.getString("message.id")).isEqualTo(posted.getString("id"));
            String attachmentUrl = live.getString("message.attachments[0].url");

            byte[] downloaded = given().get(attachmentUrl).then().statusCode(200)
                    .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")).extract().asByteArray();
            assertThat(downloaded).isEqualTo(pdf);
            String unsigned = attachmentUrl.substring(0, attachmentUrl.indexOf('?'));
            assertProblem(carol.api().get(unsigned), 404);
            assertProblem(given().get(attachmentUrl.replaceAll("sig=[^&]+", "sig=AAAA")), 403);
            assertProblem(carol.api().get("/api/conversations/" + conversation + "/messages"), 404);
        }
    }
}
