package dev.chatsuite.gateway.session;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import dev.chatsuite.gateway.UpstreamStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class SessionTest {

    @AfterEach
    void restoreTokenLifetime() {
        GatewayTestSupport.accessTtl(900);
    }

    @Test
    void shouldSignInWithHttpOnlyStrictCookiesAndNoTokenInTheBody() {
        Browser browser = Browser.signIn("alice");

        JsonPath body = browser.login().jsonPath();
        assertThat(body.getString("user.username")).isEqualTo("alice");
        assertThat(body.getLong("expiresIn")).isBetween(800L, 900L);
        assertThat(browser.login().asString()).doesNotContain("accessToken", "refreshToken");
        List<String> setCookies = browser.login().headers().getValues("Set-Cookie");
        assertThat(setCookies).hasSize(2).allSatisfy(cookie -> assertThat(cookie)
                .containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/").doesNotContainIgnoringCase("Secure"));
        assertThat(browser.cookies()).containsKeys("chat_access", "chat_refresh");
    }

    @Test
    void shouldPassOnAWrongPasswordAsTheAuthServiceAnswered() {
        Response response = given().contentType(ContentType.JSON).body(Map.of("identifier", "alice", "password", "wrong"))
                .post("/api/session");
        assertProblem(response, 401, "invalid-credentials");
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
    }

    @Test
    void shouldTellWhoIsSignedIn() {
        Browser browser = Browser.signIn("bob");
        browser.request().get("/api/session").then().statusCode(200);
        assertProblem(given().get("/api/session"), 401);
    }

    @Test
    void shouldInjectTheAccessTokenFromTheCookieOnProxiedCalls() {
        Browser browser = Browser.signIn("carol");

        browser.request().get("/api/conversations").then().statusCode(200);

        String injected = GatewayTestSupport.lastSeen("/api/conversations").getString("authorization");
        assertThat(injected).isEqualTo("Bearer " + browser.cookies().get("chat_access"));
    }

    @Test
    void shouldLeaveAClientsOwnAuthorizationHeaderUntouched() {
        Browser browser = Browser.signIn("dan");
        browser.request().header("Authorization", "Bearer my-own").get("/api/conversations").then().statusCode(200);
        assertThat(GatewayTestSupport.lastSeen("/api/conversations").getString("authorization")).isEqualTo("Bearer my-own");
    }

    @Test
    void shouldRefreshAnExpiredSessionOnceForConcurrentRequests() throws Exception {
        GatewayTestSupport.accessTtl(5);
        Browser browser = Browser.signIn("erin");
        int before = GatewayTestSupport.refreshes();

        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> browser.request().get("/api/conversations/one"));
        CompletableFuture<Response> second = CompletableFuture.supplyAsync(() -> browser.request().get("/api/conversations/two"));
        Response a = first.get(10, TimeUnit.SECONDS);
        Response b = second.get(10, TimeUnit.SECONDS);

        a.then().statusCode(200);
        b.then().statusCode(200);
        assertThat(GatewayTestSupport.refreshes() - before).isEqualTo(1);
        assertThat(a.getCookie("chat_access")).isNotNull().isNotEqualTo(browser.cookies().get("chat_access"));
        assertThat(GatewayTestSupport.lastSeen("/api/conversations/one").getString("authorization")).isEqualTo("Bearer " + a.getCookie("chat_access"));
    }

    @Test
    void shouldRefuseAnOversizedAnswerFromAuthWithoutReadingItWhole() {
        GatewayTestSupport.hugeAuthAnswers(true);
        try {
            Response response = given().contentType(ContentType.JSON).body(Map.of("identifier", "huge", "password", UpstreamStub.PASSWORD))
                    .post("/api/session");
            assertProblem(response, 502, "bad-gateway");
            assertThat(response.asString()).contains("oversized");
        } finally {
            GatewayTestSupport.hugeAuthAnswers(false);
        }
    }

    @Test
    void shouldSignOutRevokingTheRefreshTokenAndClearingBothCookies() {
        Browser browser = Browser.signIn("fay");
        int before = GatewayTestSupport.logouts();

        Response response = browser.sameOrigin().delete("/api/session");

        response.then().statusCode(204);
        assertThat(GatewayTestSupport.logouts()).isEqualTo(before + 1);
        assertThat(response.headers().getValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("Max-Age=0"));
    }
}
