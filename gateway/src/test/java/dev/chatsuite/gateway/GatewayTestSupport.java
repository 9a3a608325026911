package dev.chatsuite.gateway;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** Test fixtures: a browser holding the gateway's cookies, and what the upstream stub saw. */
public final class GatewayTestSupport {

    private GatewayTestSupport() {
    }

    public record Browser(Response login, Map<String, String> cookies) {

        public static Browser signIn(String identifier) {
            Response response = given().contentType(ContentType.JSON)
                    .body(Map.of("identifier", identifier, "password", UpstreamStub.PASSWORD))
                    .post("/api/session");
            response.then().statusCode(200);
            return new Browser(response, new HashMap<>(response.getCookies()));
        }

        public RequestSpecification request() {
            return given().cookies(cookies);
        }

        /** A request from the SPA the gateway serves: its Origin is the gateway's own. */
        public RequestSpecification sameOrigin() {
            return request().header("Origin", ownOrigin());
        }
    }

    public static String ownOrigin() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    public static JsonPath lastSeen(String path) {
        JsonObject seen = UpstreamStub.LAST.get(path);
        if (seen == null) {
            throw new AssertionError("the upstream never saw " + path);
        }
        return new JsonPath(seen.encode());
    }

    public static void accessTtl(long seconds) {
        UpstreamStub.accessTtlSeconds = seconds;
    }

    public static void hugeAuthAnswers(boolean on) {
        UpstreamStub.hugeAnswers = on;
    }

    public static int refreshes() {
        return UpstreamStub.REFRESHES.get();
    }

    public static int logouts() {
        return UpstreamStub.LOGOUTS.get();
    }

    /**
     * Limits count in fixed one-minute windows: a test that must stay in one window starts when
     * at least {@code seconds} are left in the current one.
     */
    public static void withinOneWindow(int seconds) {
        while (java.time.Instant.now().getEpochSecond() % 60 > 60 - seconds) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public static String token(String subject) {
        return UpstreamStub.token(subject, 900);
    }

    /** A well-formed token whose signature does not verify. */
    public static String forgedToken(String subject) {
        return UpstreamStub.forged(subject);
    }

    public static int refreshReuses() {
        return UpstreamStub.REUSES.get();
    }

    public static int jwksFetches() {
        return UpstreamStub.JWKS_FETCHES.get();
    }
}
