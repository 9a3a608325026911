package dev.chatsuite.gateway.edge;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.RawHttp;
import dev.chatsuite.gateway.RawHttp.ChunkedOutcome;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every body the gateway reads or forwards has a bound enforced while it streams, whatever the framing. */
@QuarkusTest
class BodyLimitTest {

    private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;
    /** What socket buffers on both sides can hold before the client notices the answer. */
    private static final long IN_FLIGHT = 32L * 1024 * 1024;

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldRefuseAChunkedSessionLoginOverItsCapAtOnceAndClose() throws Exception {
        ChunkedOutcome outcome = RawHttp.sendChunked(root, "POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json",
                TWO_HUNDRED_MB);

        assertRefusedEarly(outcome);
    }

    @Test
    void shouldRefuseAChunkedTokenLoginOverItsCapAtOnceAndClose() throws Exception {
        ChunkedOutcome outcome = RawHttp.sendChunked(root,
                "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json", TWO_HUNDRED_MB);

        assertRefusedEarly(outcome);
    }

    @Test
    void shouldRefuseADeclaredOversizedLoginFromItsLength() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"identifier\":\"" + "x".repeat(20_000) + "\"}").post("/api/session"), 413);
    }

    @Test
    void shouldStopAChunkedJsonBodyToAServiceAtTheGatewaysCap() throws Exception {
        String path = "/api/conversations/" + UUID.randomUUID();
        ChunkedOutcome outcome = RawHttp.sendChunked(root, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + GatewayTestSupport.token("big-json"), TWO_HUNDRED_MB);

        assertRefusedEarly(outcome);
        assertThat(UpstreamSeen.of(path)).as("the service never saw a complete request").isNull();
    }

    @Test
    void shouldStopAChunkedMultipartMessageAtTheMultipartCap() throws Exception {
        String path = "/api/conversations/" + UUID.randomUUID() + "/messages";
        ChunkedOutcome outcome = RawHttp.sendChunked(root, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nAuthorization: Bearer " + GatewayTestSupport.token("big-multipart"),
                TWO_HUNDRED_MB);

        assertRefusedEarly(outcome);
        assertThat(UpstreamSeen.of(path)).isNull();
    }

    @Test
    void shouldRefuseAnUploadDeclaredOverTheUploadCapBeforeConnecting() throws Exception {
        // media is down in these tests: only a refusal made before connecting can be a 413.
        String response = RawHttp.headOnly(root, "POST /api/media HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                + "Authorization: Bearer " + GatewayTestSupport.token("big-upload") + "\r\nContent-Length: " + (12 * 1024 * 1024));
        assertThat(response).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json").contains("11 MiB");
    }

    @Test
    void shouldBoundTheHeaderBlockAndTheRequestLine() throws Exception {
        assertThat(given().header("X-Big", "a".repeat(40 * 1024)).get("/api/conversations").statusCode()).isEqualTo(431);
        assertThat(given().get("/api/conversations/" + "a".repeat(9 * 1024)).statusCode()).isEqualTo(414);
    }

    private static void assertRefusedEarly(ChunkedOutcome outcome) {
        assertThat(outcome.status()).as(outcome.response()).isEqualTo(413);
        assertThat(outcome.response()).containsIgnoringCase("content-type: application/problem+json").contains("\"status\":413");
        assertThat(outcome.bytesWritten()).as("bytes the client wrote before the answer").isLessThan(IN_FLIGHT);
        assertThat(outcome.closedByServer()).as("the gateway closes the connection after a 413").isTrue();
    }

    /** What the upstream stub recorded for a path, or null. */
    static final class UpstreamSeen {
        static Object of(String path) {
            try {
                return GatewayTestSupport.lastSeen(path);
            } catch (AssertionError never) {
                return null;
            }
        }
    }
}
