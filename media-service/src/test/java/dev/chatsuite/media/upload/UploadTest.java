package dev.chatsuite.media.upload;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.S3ProxyTestResource;
import dev.chatsuite.testsupport.TestImages;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class UploadTest {

    private static final String BUCKET = "chat-media-test";

    @Test
    void shouldStoreAnImageWithItsMetadataAndAThumbnail() {
        User alice = User.random();
        JsonPath media = MediaApi.stored(alice, "holiday.png", "image/png", TestImages.png(800, 400), null);

        String id = media.getString("id");
        assertThat(media.getString("ownerId")).isEqualTo(alice.id().toString());
        assertThat(media.getString("purpose")).isEqualTo("attachment");
        assertThat(media.getString("filename")).isEqualTo("holiday.png");
        assertThat(media.getString("contentType")).isEqualTo("image/png");
        assertThat(media.getInt("width")).isEqualTo(800);
        assertThat(media.getInt("height")).isEqualTo(400);
        assertThat(media.getLong("size")).isPositive();
        assertThat(media.getString("url")).startsWith("http://gateway.test/api/media/" + id + "?exp=");
        assertThat(media.getString("thumbnailUrl")).startsWith("http://gateway.test/api/media/" + id + "/thumbnail?exp=");
        assertThat(media.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(S3ProxyTestResource.exists(BUCKET, "objects/" + id)).isTrue();
        assertThat(S3ProxyTestResource.exists(BUCKET, "thumbnails/" + id)).isTrue();

        byte[] thumbnail = given().auth().oauth2(alice.token()).get("/api/media/" + id + "/thumbnail")
                .then().statusCode(200).extract().asByteArray();
        assertThat(TestImages.decode(thumbnail).getWidth()).isEqualTo(320);
        assertThat(TestImages.decode(thumbnail).getHeight()).isEqualTo(160);
    }

    @Test
    void shouldRejectTextNamedAsPngWhateverItDeclares() {
        byte[] text = "just some text, not a picture at all".getBytes();
        assertProblem(MediaApi.upload(User.random(), "x.png", "image/png", text, null), 415, "unsupported-file-type");
    }

    @Test
    void shouldRejectAnAvatarThatIsNotAnImage() {
        assertProblem(MediaApi.upload(User.random(), "cv.pdf", "application/pdf", TestImages.pdf(), "avatar"), 415);
    }

    @Test
    void shouldStoreAPdfAsAnAttachmentWithoutThumbnail() {
        JsonPath media = MediaApi.stored(User.random(), "report.pdf", "application/octet-stream", TestImages.pdf(), null);
        assertThat(media.getString("contentType")).isEqualTo("application/pdf");
        assertThat(media.getString("thumbnailUrl")).isNull();
        assertThat(media.getString("width")).isNull();
    }

    @Test
    void shouldRefuseABodyOverTheLimitAndKeepServing() {
        byte[] big = new byte[11 * 1024 * 1024];
        assertProblem(MediaApi.upload(User.random(), "big.pdf", "application/pdf", big, null), 413);
        MediaApi.stored(User.random(), "small.pdf", "application/pdf", TestImages.pdf(), null);
    }

    @Test
    void shouldRefuseAFileJustOverTheLimitInsideAnAcceptedBody() {
        byte[] justOver = new byte[10 * 1024 * 1024 + 1];
        byte[] pdf = TestImages.pdf();
        System.arraycopy(pdf, 0, justOver, 0, pdf.length);
        assertProblem(MediaApi.upload(User.random(), "big.pdf", "application/pdf", justOver, null), 413, "file-too-large");
    }

    @Test
    void shouldRejectADecompressionBombBeforeDecodingIt() {
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(200);
        assertProblem(MediaApi.upload(User.random(), "bomb.png", "image/png", bomb, null), 422, "image-too-large");
    }

    @Test
    void shouldRejectAnImageThatCannotBeDecoded() {
        byte[] broken = TestImages.png(40, 40);
        byte[] truncated = java.util.Arrays.copyOf(broken, 60);
        assertProblem(MediaApi.upload(User.random(), "broken.png", "image/png", truncated, null), 422);
    }

    @Test
    void shouldStripExifAndGpsFromJpegs() {
        byte[] original = TestImages.jpegWithGps();
        assertThat(TestImages.contains(original, "Exif")).isTrue();
        assertThat(TestImages.contains(original, "GPSSECRETXYZ")).isTrue();
        User bob = User.random();
        String id = MediaApi.stored(bob, "IMG_0001.jpg", "image/jpeg", original, null).getString("id");

        byte[] stored = given().auth().oauth2(bob.token()).get("/api/media/" + id).then().statusCode(200).extract().asByteArray();
        assertThat(TestImages.contains(stored, "Exif")).isFalse();
        assertThat(TestImages.contains(stored, "GPSSECRETXYZ")).isFalse();
        assertThat(TestImages.decode(stored).getWidth()).isEqualTo(64);
    }

    @Test
    void shouldRequireAnAccessTokenToUpload() {
        assertProblem(given().multiPart("file", "a.pdf", TestImages.pdf(), "application/pdf").post("/api/media"), 401);
    }

    @Test
    void shouldAnswerUnauthorizedForAnExpiredToken() {
        var response = given().auth().oauth2(TestTokens.expiredFor(UUID.randomUUID(), "late"))
                .multiPart("file", "a.pdf", TestImages.pdf(), "application/pdf").post("/api/media");

        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void shouldRefuseAnUploadThatIsNotMultipart() {
        var response = given().auth().oauth2(User.random().token()).contentType("application/pdf").body(TestImages.pdf()).post("/api/media");
        assertProblem(response, 415, "unsupported-media-type");
    }

    @Test
    void shouldExplainAMissingFilePart() {
        var response = given().auth().oauth2(User.random().token()).multiPart("purpose", "avatar").post("/api/media");
        assertProblem(response, 400);
        assertFieldError(response, "file");
    }

    @Test
    void shouldRejectAnUnknownPurpose() {
        var response = MediaApi.upload(User.random(), "a.png", "image/png", TestImages.png(4, 4), "wallpaper");
        assertProblem(response, 400);
        assertFieldError(response, "purpose");
    }

    @Test
    void shouldLetOnlyTheOwnerDelete() {
        User owner = User.random();
        String id = MediaApi.stored(owner, "a.png", "image/png", TestImages.png(10, 10), null).getString("id");

        assertProblem(given().auth().oauth2(User.random().token()).delete("/api/media/" + id), 403);
        given().auth().oauth2(owner.token()).delete("/api/media/" + id).then().statusCode(204);

        assertProblem(given().auth().oauth2(owner.token()).get("/api/media/" + id), 404);
        assertThat(S3ProxyTestResource.exists(BUCKET, "objects/" + id)).isFalse();
        assertThat(S3ProxyTestResource.exists(BUCKET, "thumbnails/" + id)).isFalse();
        assertProblem(given().auth().oauth2(owner.token()).delete("/api/media/" + UUID.randomUUID()), 404);
    }
}
