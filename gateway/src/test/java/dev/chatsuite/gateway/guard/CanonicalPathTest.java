package dev.chatsuite.gateway.guard;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.RawHttp;
import dev.chatsuite.gateway.RawHttp.ChunkedOutcome;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Limits classify a request by the route the service will match: once a limited route is
 * spent, no other spelling of its path (trailing slash, matrix parameters, encoded or doubled
 * slashes, dot segments, encoded letters, case) reaches the service.
 */
@QuarkusTest
class CanonicalPathTest {

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    @AfterEach
    void resetCounters() {
        redis.execute("FLUSHDB");
    }

    @Test
    void shouldKeepEverySpellingOfLoginUnderTheLoginLimit() throws Exception {
        String body = "{\"identifier\":\"speller-" + UUID.randomUUID() + "\",\"password\":\"wrong\"}";
        assertNoSpellingPasses("/api/auth/login", "", body, 3, Set.of(401));
    }

    @Test
    void shouldKeepEverySpellingOfTheSessionLoginUnderTheLoginLimit() throws Exception {
        String body = "{\"identifier\":\"speller-" + UUID.randomUUID() + "\",\"password\":\"wrong\"}";
        assertNoSpellingPasses("/api/session", "", body, 3, Set.of(401));
    }

    @Test
    void shouldKeepEverySpellingOfRegisterUnderTheRegisterLimit() throws Exception {
        assertNoSpellingPasses("/api/auth/register", "", "{}", 2, Set.of(201, 200));
    }

    @Test
    void shouldKeepEverySpellingOfForgotPasswordUnderItsLimit() throws Exception {
        assertNoSpellingPasses("/api/auth/password/forgot", "", "{}", 2, Set.of(200));
    }

    @Test
    void shouldKeepEverySpellingOfUploadsUnderTheUploadLimit() throws Exception {
        String auth = "Authorization: Bearer " + GatewayTestSupport.token("upload-speller-" + UUID.randomUUID());
        // media is down in these tests: a request that reached it is answered 502 or 503.
        assertNoSpellingPasses("/api/media", auth, "{}", 2, Set.of(502, 503));
    }

    @Test
    void shouldForwardThePathItClassifiedWithoutTheTrailingSlash() {
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(GatewayTestSupport.token("slash")).get("/api/conversations/" + id + "/?limit=5").then().statusCode(200);

        assertThat(GatewayTestSupport.lastSeen("/api/conversations/" + id).getString("uri")).isEqualTo("/api/conversations/" + id + "?limit=5");
    }

    @Test
    void shouldRefuseANonCanonicalPathWithAProblem() throws Exception {
        ChunkedOutcome outcome = RawHttp.exchange(root, "GET", "/api/conversations;jsessionid=1", "", null);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.response()).containsIgnoringCase("application/problem+json").contains("non-canonical-path");
    }

    @Test
    void shouldAcceptAnEncodedEmojiInAReactionPath() {
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(GatewayTestSupport.token("emoji")).urlEncodingEnabled(false)
                .put("/api/messages/" + id + "/reactions/%F0%9F%91%8D").then().statusCode(200);
        assertThat(GatewayTestSupport.lastSeen("/api/messages/" + id + "/reactions/%F0%9F%91%8D").getString("method")).isEqualTo("PUT");
    }

    private void assertNoSpellingPasses(String path, String headers, String body, int limit, Set<Integer> upstreamAnswers) throws Exception {
        GatewayTestSupport.withinOneWindow(10);
        for (int i = 0; i < limit; i++) {
            ChunkedOutcome outcome = RawHttp.exchange(root, "POST", path, headers, body);
            assertThat(outcome.status()).as(outcome.response()).isIn(upstreamAnswers);
        }
        assertThat(RawHttp.exchange(root, "POST", path, headers, body).status()).isEqualTo(429);
        List<String> passed = new ArrayList<>();
        for (String spelling : spellings(path)) {
            ChunkedOutcome outcome = RawHttp.exchange(root, "POST", spelling, headers, body);
            if (!Set.of(400, 404, 405, 429).contains(outcome.status())) {
                passed.add(spelling + " -> " + outcome.status());
            }
        }
        assertThat(passed).as("spellings that got past the limit of " + path).isEmpty();
    }

    static List<String> spellings(String path) {
        int cut = path.lastIndexOf('/');
        String parent = path.substring(0, cut);
        String last = path.substring(cut + 1);
        List<String> spellings = new ArrayList<>(List.of(
                path + "/",
                path + "//",
                path + ";x=1",
                path + "/;x=1",
                parent + ";x=1/" + last,
                "/" + path,
                path.replaceFirst("/api/", "/api//"),
                parent + "/./" + last,
                parent + "/x/../" + last,
                "/api/../" + path.substring(1),
                parent + "/%" + Integer.toHexString(last.charAt(0)).toUpperCase() + last.substring(1),
                parent + "/%" + Integer.toHexString(last.charAt(0)) + last.substring(1),
                parent + "%2F" + last,
                parent + "%2f" + last,
                parent + "/" + last + "%2F",
                parent + "/" + last + "%3Bx",
                parent + "/" + last + "%00",
                parent + "\\" + last,
                parent + "/" + last.toUpperCase(),
                parent + "/" + Character.toUpperCase(last.charAt(0)) + last.substring(1),
                path.toUpperCase(),
                path + "?x=1",
                path + "#frag"));
        return spellings;
    }

    @Test
    void shouldAnswerAnUnknownApiPathStill404() {
        assertProblem(given().get("/api/nothing-here/"), 404);
    }
}
