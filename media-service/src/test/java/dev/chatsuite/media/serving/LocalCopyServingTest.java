package dev.chatsuite.media.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.storage.LocalCopies;
import dev.chatsuite.testsupport.S3ProxyTestResource;
import dev.chatsuite.testsupport.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Reads served from this instance's copies of stored files (MEDIA_CACHE_DIR), and how copies come and go. */
@QuarkusTest
class LocalCopyServingTest {

    @Inject
    LocalCopies copies;

    @Test
    void shouldServeAStreamedUploadFromItsCopyWhileTheStoreIsDown() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf(300 * 1024 + 3);
        String id = storedWithCopy(owner, "copied.pdf", pdf);

        Response response = whileStoreIsDown(() -> given().auth().oauth2(owner.token()).get("/api/media/" + id));

        response.then().statusCode(200);
        assertThat(response.asByteArray()).isEqualTo(pdf);
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(pdf.length));
        assertThat(response.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(response.header("ETag")).matches("\"[^\"]+\"");
    }

    @Test
    void shouldServeACleanedImageFromACopyHoldingTheStoredBytes() {
        User owner = User.random();
        JsonPath media = MediaApi.stored(owner, "photo.jpg", "image/jpeg", TestImages.jpegWithGps(), "avatar");
        String id = media.getString("id");
        awaitCopy(id, media.getLong("size"));

        byte[] fromCopy = whileStoreIsDown(() -> given().get("/api/media/" + id)).then().statusCode(200).extract().asByteArray();
        copies.clear();
        byte[] fromStore = given().get("/api/media/" + id).then().statusCode(200).extract().asByteArray();

        assertThat(fromCopy).isEqualTo(fromStore);
        assertThat(TestImages.contains(fromCopy, "Exif")).isFalse();
    }

    @Test
    void shouldKeepACopyOfAWholeFileReadFromTheStore() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf(200 * 1024 + 9);
        String id = storedWithCopy(owner, "read.pdf", pdf);
        copies.clear();

        assertThat(given().auth().oauth2(owner.token()).get("/api/media/" + id).then().statusCode(200).extract().asByteArray()).isEqualTo(pdf);
        awaitCopy(id, pdf.length);
        Response range = whileStoreIsDown(() -> given().auth().oauth2(owner.token()).header("Range", "bytes=1000-1999").get("/api/media/" + id));

        range.then().statusCode(206);
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(pdf, 1000, 2000));
        assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/" + pdf.length);
        assertThat(range.header("Content-Length")).isEqualTo("1000");
    }

    @Test
    void shouldNotKeepACopyOfAPartOfAFile() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf(100 * 1024);
        String id = storedWithCopy(owner, "part.pdf", pdf);
        copies.clear();

        given().auth().oauth2(owner.token()).header("Range", "bytes=0-99").get("/api/media/" + id).then().statusCode(206);
        Response whole = whileStoreIsDown(() -> given().auth().oauth2(owner.token()).get("/api/media/" + id));

        assertThat(copies.find(Media.objectKey(UUID.fromString(id)), pdf.length)).isNull();
        whole.then().statusCode(503);
    }

    @Test
    void shouldDropTheCopyOfADeletedFile() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf();
        String id = storedWithCopy(owner, "gone.pdf", pdf);

        given().auth().oauth2(owner.token()).delete("/api/media/" + id).then().statusCode(204);

        assertThat(copies.find(Media.objectKey(UUID.fromString(id)), pdf.length)).isNull();
        given().auth().oauth2(owner.token()).get("/api/media/" + id).then().statusCode(404);
    }

    /** Uploads a PDF and waits until this instance holds its copy. */
    private String storedWithCopy(User owner, String fileName, byte[] pdf) {
        String id = MediaApi.stored(owner, fileName, "application/pdf", pdf, null).getString("id");
        awaitCopy(id, pdf.length);
        return id;
    }

    private void awaitCopy(String id, long size) {
        await().atMost(Duration.ofSeconds(10)).until(() -> copies.find(Media.objectKey(UUID.fromString(id)), size) != null);
    }

    private static <T> T whileStoreIsDown(java.util.function.Supplier<T> read) {
        S3ProxyTestResource.proxy().disconnect();
        try {
            return read.get();
        } finally {
            S3ProxyTestResource.proxy().reconnect();
        }
    }
}
