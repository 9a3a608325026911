package dev.chatsuite.media.serving;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.media.MediaUrlSigner;
import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.TestImages;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ServingTest {

    private static final MediaUrlSigner SIGNER = new MediaUrlSigner("test-only-media-signing-secret-0123456789");

    @Test
    void shouldServeTheOwnerTheBytesWithCachingAndSafetyHeaders() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf();
        String id = MediaApi.stored(owner, "notes.pdf", "application/pdf", pdf, null).getString("id");

        Response response = given().auth().oauth2(owner.token()).get("/api/media/" + id);

        response.then().statusCode(200);
        assertThat(response.asByteArray()).isEqualTo(pdf);
        assertThat(response.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(pdf.length));
        assertThat(response.header("ETag")).matches("\"[^\"]+\"");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename*=UTF-8''notes.pdf");
        assertThat(response.header("Cache-Control")).startsWith("private");
    }

    @Test
    void shouldStoreAndServeAFileOfSeveralMegabytesByteForByte() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf(6 * 1024 * 1024 + 17);
        String id = MediaApi.stored(owner, "large.pdf", "application/pdf", pdf, null).getString("id");

        Response response = given().auth().oauth2(owner.token()).get("/api/media/" + id);

        response.then().statusCode(200);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(pdf.length));
        assertThat(response.asByteArray()).isEqualTo(pdf);
    }

    @Test
    void shouldAnswerARangeWithPartialContent() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf();
        String id = MediaApi.stored(owner, "notes.pdf", "application/pdf", pdf, null).getString("id");

        Response response = given().auth().oauth2(owner.token()).header("Range", "bytes=5-14").get("/api/media/" + id);

        response.then().statusCode(206);
        assertThat(response.asByteArray()).isEqualTo(Arrays.copyOfRange(pdf, 5, 15));
        assertThat(response.header("Content-Range")).isEqualTo("bytes 5-14/" + pdf.length);
        assertThat(response.header("Content-Length")).isEqualTo("10");
    }

    @Test
    void shouldAnswerASuffixRangeAndRefuseOnePastTheEnd() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf();
        String id = MediaApi.stored(owner, "notes.pdf", "application/pdf", pdf, null).getString("id");

        byte[] tail = given().auth().oauth2(owner.token()).header("Range", "bytes=-6").get("/api/media/" + id)
                .then().statusCode(206).extract().asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(pdf, pdf.length - 6, pdf.length));

        Response past = given().auth().oauth2(owner.token()).header("Range", "bytes=" + pdf.length + "-").get("/api/media/" + id);
        assertProblem(past, 416);
        assertThat(past.header("Content-Range")).isEqualTo("bytes */" + pdf.length);
    }

    @Test
    void shouldAnswerNotModifiedForTheCurrentEtag() {
        User owner = User.random();
        String id = MediaApi.stored(owner, "a.png", "image/png", TestImages.png(20, 20), null).getString("id");
        String etag = given().auth().oauth2(owner.token()).get("/api/media/" + id).then().statusCode(200).extract().header("ETag");

        Response response = given().auth().oauth2(owner.token()).header("If-None-Match", etag).get("/api/media/" + id);

        response.then().statusCode(304);
        assertThat(response.asByteArray()).isEmpty();
        assertThat(response.header("ETag")).isEqualTo(etag);
        given().auth().oauth2(owner.token()).header("If-None-Match", "\"other\"").get("/api/media/" + id).then().statusCode(200);
    }

    @Test
    void shouldServeAnAttachmentToAHolderOfAValidSignedLink() {
        String url = MediaApi.stored(User.random(), "a.png", "image/png", TestImages.png(20, 20), null).getString("url");

        Response response = given().get(MediaApi.local(url));

        response.then().statusCode(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header("Content-Disposition")).startsWith("inline");
    }

    @Test
    void shouldRefuseATamperedSignature() {
        String id = MediaApi.stored(User.random(), "a.png", "image/png", TestImages.png(20, 20), null).getString("id");
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String sig = SIGNER.signature(UUID.fromString(id), exp);
        String tampered = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);

        assertProblem(given().get("/api/media/" + id + "?exp=" + exp + "&sig=" + tampered), 403, "bad-signature");
        assertProblem(given().get("/api/media/" + id + "?exp=" + (exp + 1) + "&sig=" + sig), 403, "bad-signature");
        given().get("/api/media/" + id + "?exp=" + exp + "&sig=" + sig).then().statusCode(200);
    }

    @Test
    void shouldRefuseAnExpiredSignature() {
        String id = MediaApi.stored(User.random(), "a.png", "image/png", TestImages.png(20, 20), null).getString("id");
        long exp = Instant.now().minusSeconds(5).getEpochSecond();

        assertProblem(given().get("/api/media/" + id + "?exp=" + exp + "&sig=" + SIGNER.signature(UUID.fromString(id), exp)), 403);
    }

    @Test
    void shouldRefuseAnAttachmentToOthersWithoutALink() {
        String id = MediaApi.stored(User.random(), "a.png", "image/png", TestImages.png(20, 20), null).getString("id");

        assertProblem(given().get("/api/media/" + id), 404);
        assertProblem(given().auth().oauth2(User.random().token()).get("/api/media/" + id), 404);
        assertProblem(given().auth().oauth2(User.random().token()).get("/api/media/" + id + "/metadata"), 404);
    }

    @Test
    void shouldServeAvatarsToAnyoneWithLongImmutableCaching() {
        User owner = User.random();
        var media = MediaApi.stored(owner, "me.jpg", "image/jpeg", TestImages.jpeg(640, 640), "avatar");
        String id = media.getString("id");
        assertThat(media.getString("url")).isEqualTo("http://gateway.test/api/media/" + id);

        Response anonymous = given().get("/api/media/" + id);
        anonymous.then().statusCode(200);
        assertThat(anonymous.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        given().auth().oauth2(User.random().token()).get("/api/media/" + id + "/thumbnail").then().statusCode(200);
        given().get("/api/media/" + id + "/metadata").then().statusCode(200);
    }

    @Test
    void shouldServeAnAvatarToAReaderWhoseTokenHasExpired() {
        String id = MediaApi.stored(User.random(), "me.png", "image/png", TestImages.png(40, 40), "avatar").getString("id");
        String expired = TestTokens.expiredFor(UUID.randomUUID(), "late");

        given().auth().oauth2(expired).get("/api/media/" + id).then().statusCode(200).contentType("image/png");
        given().auth().oauth2(expired).get("/api/media/" + id + "/thumbnail").then().statusCode(200);
    }

    @Test
    void shouldNotServeAnAttachmentToItsOwnerOnAnExpiredToken() {
        User owner = User.random();
        String id = MediaApi.stored(owner, "a.pdf", "application/pdf", TestImages.pdf(), null).getString("id");

        assertProblem(given().auth().oauth2(TestTokens.expiredFor(owner.id(), "owner")).get("/api/media/" + id), 404);
        given().auth().oauth2(owner.token()).get("/api/media/" + id).then().statusCode(200);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownOrMalformedId() {
        assertProblem(given().get("/api/media/" + UUID.randomUUID()), 404);
        assertProblem(given().get("/api/media/not-a-uuid"), 404);
        String pdf = MediaApi.stored(User.random(), "a.pdf", "application/pdf", TestImages.pdf(), "attachment").getString("url");
        assertProblem(given().get(MediaApi.local(pdf).replace("?", "/thumbnail?")), 404);
    }

    @Test
    void shouldAnswerTheOwnerTheMetadata() {
        User owner = User.random();
        String id = MediaApi.stored(owner, "a.png", "image/png", TestImages.png(20, 10), null).getString("id");

        var metadata = given().auth().oauth2(owner.token()).get("/api/media/" + id + "/metadata").then().statusCode(200).extract().jsonPath();
        assertThat(metadata.getString("ownerId")).isEqualTo(owner.id().toString());
        assertThat(metadata.getInt("width")).isEqualTo(20);
    }
}
