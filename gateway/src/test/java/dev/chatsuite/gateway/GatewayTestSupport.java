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

    public static int refreshes() {
        return UpstreamStub.REFRESHES.get();
    }

    public static int logouts() {
        return UpstreamStub.LOGOUTS.get();
    }

    public static String token(String subject) {
        return UpstreamStub.token(subject, 900);
    }
}
