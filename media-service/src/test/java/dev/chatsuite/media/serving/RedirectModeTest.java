package dev.chatsuite.media.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedirectModeTest.Redirecting.class)
class RedirectModeTest {

    public static class Redirecting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("media.redirect.enabled", "true");
        }
    }

    @Test
    void shouldRedirectAnAuthorisedReadToAShortLivedPresignedUrl() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf();
        String id = MediaApi.stored(owner, "r.pdf", "application/pdf", pdf, null).getString("id");

        String location = given().auth().oauth2(owner.token()).redirects().follow(false).get("/api/media/" + id)
                .then().statusCode(307).extract().header("Location");

        assertThat(location).contains("objects/" + id).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
        byte[] direct = given().urlEncodingEnabled(false).get(location).then().statusCode(200).extract().asByteArray();
        assertThat(direct).isEqualTo(pdf);
    }

    @Test
    void shouldHandReadersOfOneFileTheSameUrlWhileItIsFresh() {
        User owner = User.random();
        String id = MediaApi.stored(owner, "me.png", "image/png", TestImages.png(30, 30), "avatar").getString("id");

        String first = given().redirects().follow(false).get("/api/media/" + id).then().statusCode(307).extract().header("Location");
        String second = given().auth().oauth2(owner.token()).redirects().follow(false).get("/api/media/" + id)
                .then().statusCode(307).extract().header("Location");
        String thumbnail = given().redirects().follow(false).get("/api/media/" + id + "/thumbnail")
                .then().statusCode(307).extract().header("Location");

        assertThat(second).isEqualTo(first);
        assertThat(thumbnail).contains("thumbnails/" + id).isNotEqualTo(first);
    }

    @Test
    void shouldStillRefuseAReaderWithoutRights() {
        String id = MediaApi.stored(User.random(), "r.pdf", "application/pdf", TestImages.pdf(), null).getString("id");
        given().redirects().follow(false).get("/api/media/" + id).then().statusCode(404);
    }
}
