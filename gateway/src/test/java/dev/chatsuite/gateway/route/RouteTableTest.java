package dev.chatsuite.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.route.Route.Body;
import dev.chatsuite.gateway.route.Route.Bucket;
import dev.chatsuite.gateway.route.Route.Credentials;
import dev.chatsuite.gateway.route.Route.CsrfRule;
import dev.chatsuite.gateway.route.Route.Service;
import dev.chatsuite.gateway.route.RouteTable.Destination;
import io.vertx.core.http.HttpMethod;

/** The route table: which requests are the API's, and each API route's policy. */
class RouteTableTest {

    private static final String JSON = "application/json";
    private static final String MULTIPART = "multipart/form-data; boundary=x";
    private final RouteTable table = new RouteTable(false);

    @Test
    void shouldLeaveTheProbeToTheApplicationsOwnResourcesOnlyWhenTestConfigurationTurnsItOn() {
        RouteTable tests = new RouteTable(true);
        assertThat(tests.destination("/api/__probe/echo", "/api/__probe/echo")).isEqualTo(Destination.APPLICATION);
        assertThat(tests.destination("/api/conversations", "/api/conversations")).isEqualTo(Destination.API);
        assertThat(tests.destination("/x/../api/__probe/echo", "/api/__probe/echo")).as("only its plain spelling").isEqualTo(Destination.API);
    }

    @Test
    void shouldTakeEverySpellingOfAnApiPathIncludingOnesThatNormaliseIntoIt() {
        for (String path : List.of("/api", "/api/", "/API/auth/login", "/api;x=1/auth", "/api%2Fauth", "/ws", "/ws/", "/.well-known/jwks.json")) {
            assertThat(table.destination(path, path)).as(path).isEqualTo(Destination.API);
        }
        assertThat(table.destination("/x/../api/auth/login", "/api/auth/login")).isEqualTo(Destination.API);
        for (String path : List.of("/", "/index.html", "/conversations/1", "/assets/app.js")) {
            assertThat(table.destination(path, path)).as(path).isEqualTo(Destination.SPA);
        }
        for (String path : List.of("/apiary", "/wsx")) {
            assertThat(table.destination(path, path)).as(path).isEqualTo(Destination.APPLICATION);
        }
    }

    @Test
    void shouldRefuseOperationsInEverySpellingRawOrNormalised() {
        for (String path : List.of("/q", "/q/metrics", "/Q/metrics", "/q;x/metrics", "/%71/metrics", "/q/../api/auth/login")) {
            assertThat(table.destination(path, path)).as(path).isEqualTo(Destination.OPERATIONS);
        }
        assertThat(table.destination("/x/../q/openapi", "/q/openapi")).isEqualTo(Destination.OPERATIONS);
        assertThat(table.destination("/api/../q/metrics", "/q/metrics")).as("an API spelling is the pipeline's (400)").isEqualTo(Destination.API);
    }

    @Test
    void shouldSendEachPrefixToItsService() {
        assertService("/api/session", Service.GATEWAY);
        for (String path : List.of("/api/auth/me", "/api/auth/sessions/1", "/api/users", "/api/users/u1/avatar", "/api/admin/users",
                "/.well-known/jwks.json")) {
            assertService(path, Service.AUTH);
        }
        for (String path : List.of("/api/conversations", "/api/conversations/c1/messages", "/api/messages/m1", "/api/search/messages", "/ws", "/ws/x")) {
            assertService(path, Service.MESSAGING);
        }
        assertService("/api/media", Service.MEDIA);
        assertService("/api/media/m1/thumbnail", Service.MEDIA);
        for (String path : List.of("/api/auth", "/api/admin", "/.well-known", "/api/session/x", "/api/usersx", "/api/nothing", "/wsx", "/")) {
            assertThat(table.match(HttpMethod.GET, null, CanonicalPath.of(path))).as(path).isEmpty();
        }
    }

    @Test
    void shouldGiveLoginsTheirBucketAndBodyCapOnPostOnly() {
        for (String path : List.of("/api/session", "/api/auth/login", "/API/Auth/Login/")) {
            Route login = route(HttpMethod.POST, JSON, path);
            assertThat(login.bucket()).as(path).isEqualTo(Bucket.LOGIN);
            assertThat(login.body()).as(path).isEqualTo(Body.LOGIN);
            assertThat(login.credentials()).as(path).isEqualTo(Credentials.AS_SENT);
            assertThat(login.csrf()).as(path).isEqualTo(CsrfRule.EXEMPT);
        }
        Route session = route(HttpMethod.DELETE, null, "/api/session");
        assertThat(session.bucket()).isEqualTo(Bucket.DEFAULT);
        assertThat(session.credentials()).isEqualTo(Credentials.COOKIES);
        assertThat(session.csrf()).isEqualTo(CsrfRule.ORIGIN);
        assertThat(route(HttpMethod.GET, null, "/api/auth/login").bucket()).isEqualTo(Bucket.DEFAULT);
    }

    @Test
    void shouldLimitRegistrationAndForgottenPasswordsPerIp() {
        assertThat(route(HttpMethod.POST, JSON, "/api/auth/register").bucket()).isEqualTo(Bucket.REGISTER);
        assertThat(route(HttpMethod.POST, JSON, "/api/auth/password/forgot").bucket()).isEqualTo(Bucket.FORGOT);
        assertThat(Bucket.REGISTER.per()).isEqualTo(Route.Per.IP);
        assertThat(Bucket.FORGOT.per()).isEqualTo(Route.Per.IP);
        assertThat(route(HttpMethod.GET, null, "/api/auth/register").bucket()).isEqualTo(Bucket.DEFAULT);
    }

    @Test
    void shouldNeverUseTheSessionCookiesOnTheTokenEndpoints() {
        for (String path : List.of("/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/auth/register", "/api/auth/password/forgot",
                "/api/auth/password/reset")) {
            assertThat(route(HttpMethod.POST, JSON, path).credentials()).as(path).isEqualTo(Credentials.AS_SENT);
        }
        for (String path : List.of("/api/auth/me", "/api/auth/login/x", "/api/users/u1", "/api/conversations", "/ws")) {
            assertThat(route(HttpMethod.GET, null, path).credentials()).as(path).isEqualTo(Credentials.COOKIES);
            assertThat(route(HttpMethod.GET, null, path).csrf()).as(path).isEqualTo(CsrfRule.ORIGIN);
        }
    }

    @Test
    void shouldCountUploadsAndMultipartMessagePostsAsUploads() {
        Route upload = route(HttpMethod.POST, MULTIPART, "/api/media");
        assertThat(upload.bucket()).isEqualTo(Bucket.UPLOAD);
        assertThat(upload.body()).isEqualTo(Body.UPLOAD);
        Route files = route(HttpMethod.POST, MULTIPART, "/api/conversations/c1/messages/");
        assertThat(files.bucket()).isEqualTo(Bucket.UPLOAD);
        assertThat(files.body()).isEqualTo(Body.MULTIPART);
        Route json = route(HttpMethod.POST, JSON, "/api/conversations/c1/messages");
        assertThat(json.bucket()).isEqualTo(Bucket.DEFAULT);
        assertThat(json.body()).isEqualTo(Body.DEFAULT);
        assertThat(route(HttpMethod.POST, MULTIPART, "/api/media/m1").bucket()).isEqualTo(Bucket.DEFAULT);
        assertThat(route(HttpMethod.POST, MULTIPART, "/api/conversations/c1/messages/m1").body()).isEqualTo(Body.DEFAULT);
    }

    private void assertService(String path, Service service) {
        assertThat(route(HttpMethod.GET, null, path).service()).as(path).isEqualTo(service);
    }

    private Route route(HttpMethod method, String contentType, String path) {
        return table.match(method, contentType, CanonicalPath.of(path)).orElseThrow(() -> new AssertionError("no route for " + path));
    }
}
