package dev.chatsuite.testsupport;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The failure paths every service answers with problem+json. Each service's test suite has
 * a {@code @QuarkusTest} subclass of this, so all four are held to the same contract.
 */
public abstract class ProblemContractTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldAnswerUnknownRouteWithProblem404() {
        assertProblem(given().get("/api/definitely-not-here"), 404);
    }

    @Test
    void shouldAnswerWrongMethodWithProblem405() {
        assertProblem(given().delete("/api/__probe/echo"), 405);
    }

    @Test
    void shouldAnswerUnsupportedMediaTypeWithProblem415() {
        assertProblem(given().contentType(ContentType.TEXT).body("name=x").post("/api/__probe/echo"), 415);
    }

    @Test
    void shouldAnswerMalformedJsonWithProblem400() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/__probe/echo"), 400);
    }

    @Test
    void shouldListEachInvalidFieldInProblem400() {
        Response response = given().contentType(ContentType.JSON).body("{\"name\": \"\", \"count\": 0}")
                .post("/api/__probe/echo");
        assertProblem(response, 400, "validation");
        assertFieldError(response, "name");
        assertFieldError(response, "count");
    }

    @Test
    void shouldHideInternalsInProblem500() {
        Response response = given().get("/api/__probe/boom");
        assertProblem(response, 500);
        assertThat(response.asString()).doesNotContain("password_hash").doesNotContain("IllegalStateException");
    }

    @Test
    void shouldEchoAValidRequestId() {
        Response response = given().header("X-Request-Id", "abc.DEF_123-x").get("/api/definitely-not-here");
        assertThat(response.header("X-Request-Id")).isEqualTo("abc.DEF_123-x");
        assertThat(response.jsonPath().getString("requestId")).isEqualTo("abc.DEF_123-x");
    }

    @Test
    void shouldReplaceAnInvalidRequestId() {
        Response response = given().header("X-Request-Id", "no spaces/allowed").get("/api/definitely-not-here");
        assertThat(response.header("X-Request-Id")).isNotBlank().isNotEqualTo("no spaces/allowed")
                .matches("[A-Za-z0-9._-]{1,64}");
    }

    @Test
    void shouldRefuseAnOversizedBodyWithProblem413() throws Exception {
        // A raw request declaring 2 GB: the service must refuse it from the header alone.
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/__probe/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2000000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = HttpResponses.read(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413 ")
                    .containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"status\":413");
        }
    }

    /** Where the operations endpoints are served: the main port, unless a service moved them to a management port. */
    protected RequestSpecification operations() {
        return given();
    }

    @Test
    void shouldServeHealthOpenApiAndMetrics() {
        operations().get("/q/health/live").then().statusCode(200);
        Response openapi = operations().accept("application/json").get("/q/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.asString()).contains("bearer");
        Response metrics = operations().get("/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.asString()).contains("jvm_memory_used_bytes");
    }
}
