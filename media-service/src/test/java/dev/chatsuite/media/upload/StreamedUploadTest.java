package dev.chatsuite.media.upload;

import static dev.chatsuite.media.MultipartBodies.body;
import static dev.chatsuite.media.MultipartBodies.field;
import static dev.chatsuite.media.MultipartBodies.fileHeaders;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.S3ProxyTestResource;
import dev.chatsuite.testsupport.TestImages;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * A file that is the last part of a body with a Content-Length (as browsers send FormData)
 * goes to the store while it arrives (EarlyPut); every other shape of body takes the spooled
 * path, and either way the stored bytes are the file's, whole. RestAssured's own multipart
 * bodies are chunked, so these tests build theirs.
 */
@QuarkusTest
class StreamedUploadTest {

    private static final String BUCKET = "chat-media-test";
    private static final int SIZE = 1024 * 1024 + 3;

    @Test
    void shouldStoreAFileSentLastWhileItArrives() {
        byte[] pdf = TestImages.pdf(SIZE);
        assertStoredThrough("streamed", multipart("last", "", pdf, "\r\n--last--\r\n"), pdf);
    }

    @Test
    void shouldStoreAFileThatEndsBeforeTheStoreRequestIsOpen() {
        // Only just past the type check's window: the rest arrives while the request opens.
        byte[] pdf = TestImages.pdf(70 * 1024);
        assertStoredThrough("streamed", multipart("short", "", pdf, "\r\n--short--\r\n"), pdf);
    }

    @Test
    void shouldStoreAFileFollowedByAnotherPartFromTheSpool() {
        byte[] pdf = TestImages.pdf(SIZE);
        int objectsBefore = S3ProxyTestResource.count(BUCKET);

        assertStoredThrough("spooled", multipart("first", "", pdf, "\r\n" + field("first", "purpose", "attachment") + "--first--\r\n"), pdf);

        assertThat(S3ProxyTestResource.count(BUCKET)).isEqualTo(objectsBefore + 1);
    }

    @Test
    void shouldStoreTheWholeFileWhenTheBodyEndsWithoutAFinalLineBreak() {
        byte[] pdf = TestImages.pdf(SIZE);
        assertStoredThrough("spooled", multipart("edge", "", pdf, "\r\n--edge--"), pdf);
    }

    @Test
    void shouldRefuseAPdfAvatarStoredAsItArrivedAndRemoveTheObject() {
        User owner = User.random();
        int objectsBefore = S3ProxyTestResource.count(BUCKET);

        Response response = post(owner, multipart("avatar", field("avatar", "purpose", "avatar"), TestImages.pdf(SIZE), "\r\n--avatar--\r\n"));

        assertProblem(response, 415, "unsupported-file-type");
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(S3ProxyTestResource.count(BUCKET)).isEqualTo(objectsBefore));
    }

    @Test
    void shouldRejectABodyThatEndsInsideTheFileAndKeepNoObject() {
        User owner = User.random();
        int objectsBefore = S3ProxyTestResource.count(BUCKET);
        byte[] whole = multipart("cut", "", TestImages.pdf(SIZE), "");

        Response response = post(owner, Arrays.copyOf(whole, whole.length - 10));

        assertProblem(response, 400, "malformed-multipart");
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(S3ProxyTestResource.count(BUCKET)).isEqualTo(objectsBefore));
    }

    @Test
    void shouldRejectTextFieldsOverTheirLimit() {
        String longField = field("long", "note", "x".repeat(MultipartReader.FIELDS_LIMIT + 1));

        Response response = post(User.random(), multipart("long", longField, TestImages.pdf(1024), "\r\n--long--\r\n"));

        assertProblem(response, 413, "fields-too-large");
    }

    @Test
    void shouldRejectAMultipartBodyWithoutABoundary() {
        Response response = given().auth().oauth2(User.random().token()).contentType("multipart/form-data")
                .body(multipart("none", "", TestImages.pdf(1024), "\r\n--none--\r\n")).post("/api/media");

        assertProblem(response, 400, "malformed-multipart");
    }

    @Test
    void shouldStoreTheFilePartAndDropAnotherFileSentBeforeIt() {
        byte[] pdf = TestImages.pdf(SIZE);
        String other = fileHeaders("other", "extra", "extra.bin") + "y".repeat(5000) + "\r\n";

        assertStoredThrough("streamed", multipart("other", other, pdf, "\r\n--other--\r\n"), pdf);
    }

    @Test
    void shouldStoreNothingOfAStreamedUploadWhoseTokenFails() {
        int objectsBefore = S3ProxyTestResource.count(BUCKET);
        byte[] body = multipart("forged", "", TestImages.pdf(SIZE), "\r\n--forged--\r\n");

        Response response = given().auth().oauth2(TestTokens.expiredFor(UUID.randomUUID(), "late"))
                .contentType("multipart/form-data; boundary=forged").body(body).post("/api/media");

        assertProblem(response, 401);
        assertThat(S3ProxyTestResource.count(BUCKET)).isEqualTo(objectsBefore);
    }

    @Test
    void shouldKeepNoObjectWhenTheClientLeavesMidUpload() throws Exception {
        User owner = User.random();
        int objectsBefore = S3ProxyTestResource.count(BUCKET);
        byte[] body = multipart("gone", "", TestImages.pdf(SIZE), "\r\n--gone--\r\n");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=gone\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(500);
        }
        Thread.sleep(1000);
        assertThat(S3ProxyTestResource.count(BUCKET)).isEqualTo(objectsBefore);
    }

    @Test
    void shouldAnswerContinueToAnAuthorisedUploadThatAsksForIt() throws Exception {
        User owner = User.random();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /api/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + owner.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=ask\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[25];
            int read = socket.getInputStream().readNBytes(answer, 0, answer.length);
            assertThat(new String(answer, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
        }
    }

    /** Posts the body, expects 201 through the given path (the counter moves by one) and the file served back whole. */
    private static void assertStoredThrough(String path, byte[] body, byte[] file) {
        User owner = User.random();
        double before = stored(path);

        Response response = post(owner, body);

        response.then().statusCode(201);
        assertThat(stored(path)).isEqualTo(before + 1);
        assertServed(owner, response.jsonPath().getString("id"), file);
    }

    private static void assertServed(User owner, String id, byte[] bytes) {
        Response served = given().auth().oauth2(owner.token()).get("/api/media/" + id);
        served.then().statusCode(200);
        assertThat(served.asByteArray()).isEqualTo(bytes);
    }

    private static Response post(User owner, byte[] body) {
        String boundary = new String(body, 2, new String(body, StandardCharsets.US_ASCII).indexOf("\r\n") - 2, StandardCharsets.US_ASCII);
        return given().auth().oauth2(owner.token()).contentType("multipart/form-data; boundary=" + boundary).body(body).post("/api/media");
    }

    /** A body with the fields {@code before}, the file part, then {@code closing} (the rest, as sent). */
    private static byte[] multipart(String boundary, String before, byte[] file, String closing) {
        return body(before + fileHeaders(boundary, "file", "edge.pdf"), file, closing);
    }

    /** Uploads recorded so far by the given path, from the service's own metrics. */
    private static double stored(String path) {
        String metrics = given().get("/q/metrics").asString();
        Matcher m = Pattern.compile("media_uploads_stored_total\\{[^}]*path=\"" + path + "\"[^}]*\\} ([0-9.E+]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
