package dev.chatsuite.media.upload;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.media.catalog.Media;
import dev.chatsuite.media.storage.LocalCopies;
import dev.chatsuite.testsupport.Readiness;
import dev.chatsuite.testsupport.S3ProxyTestResource;
import dev.chatsuite.testsupport.TestImages;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageOutageTest {

    @Inject
    LocalCopies copies;

    @Test
    @Order(3)
    void shouldTurnNotReadyWhileS3IsUnreachableAndRecover() {
        Readiness.assertGoesDownAndRecovers(S3ProxyTestResource.proxy(), "s3");
    }

    @Test
    @Order(1)
    void shouldAnswerServiceUnavailableAndLeaveNothingBehindWhenS3IsDown() {
        User owner = User.random();
        int objectsBefore = S3ProxyTestResource.count("chat-media-test");
        S3ProxyTestResource.proxy().disconnect();
        try {
            var response = MediaApi.upload(owner, "outage-marker.png", "image/png", TestImages.png(30, 30), null);
            assertProblem(response, 503, "storage-unavailable");
            assertThat(response.header("Retry-After")).matches("\\d+");
            assertThat(response.asString()).doesNotContain("software.amazon", "Exception");
        } finally {
            S3ProxyTestResource.proxy().reconnect();
        }
        assertThat(S3ProxyTestResource.count("chat-media-test")).isEqualTo(objectsBefore);
        given().auth().oauth2(owner.token()).get("/api/media/" + "00000000-0000-0000-0000-000000000000").then().statusCode(404);
        // Recovered: the same upload is stored and served.
        String id = MediaApi.stored(owner, "after-outage.png", "image/png", TestImages.png(30, 30), null).getString("id");
        given().auth().oauth2(owner.token()).get("/api/media/" + id).then().statusCode(200);
        assertThat(S3ProxyTestResource.count("chat-media-test")).isGreaterThan(objectsBefore);
    }

    @Test
    @Order(2)
    void shouldAnswerServiceUnavailableForAReadWhileS3IsDown() {
        User owner = User.random();
        byte[] pdf = TestImages.pdf();
        String id = MediaApi.stored(owner, "stored-before.pdf", "application/pdf", pdf, null).getString("id");
        // Without this instance's copy of the file, which would be served with the store down.
        copies.clear();
        S3ProxyTestResource.proxy().disconnect();
        try {
            var response = given().auth().oauth2(owner.token()).get("/api/media/" + id);
            assertProblem(response, 503, "storage-unavailable");
            assertThat(response.header("Retry-After")).matches("\\d+");
        } finally {
            S3ProxyTestResource.proxy().reconnect();
        }
        // What was acknowledged before the outage is intact after it.
        byte[] served = given().auth().oauth2(owner.token()).get("/api/media/" + id).then().statusCode(200).extract().asByteArray();
        assertThat(served).isEqualTo(pdf);
    }

    @Test
    @Order(2)
    @RunOnVertxContext
    void shouldKeepNoRowForAFailedUpload(UniAsserter asserter) {
        asserter.assertThat(() -> Panache.withSession(() -> Media.count("filename", "outage-marker.png")), count -> assertThat(count).isZero());
    }
}
