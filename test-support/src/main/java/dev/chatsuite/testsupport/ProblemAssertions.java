package dev.chatsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;

/** Checks that a response is an RFC 9457 problem as the contract shapes it. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as("status field").isEqualTo(status);
        assertThat(response.jsonPath().getString("type")).as("type").isNotBlank();
        assertThat(response.jsonPath().getString("title")).as("title").isNotBlank();
        assertThat(response.jsonPath().getString("detail")).as("detail").isNotBlank();
        assertThat(response.jsonPath().getString("requestId")).as("requestId")
                .isNotBlank()
                .isEqualTo(response.header("X-Request-Id"));
        String body = response.asString();
        assertThat(body).as("no internals leak")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContainIgnoringCase("select ")
                .doesNotContain("dev.chatsuite.");
    }

    public static void assertProblem(Response response, int status, String typeSuffix) {
        assertProblem(response, status);
        assertThat(response.jsonPath().getString("type")).as("type").endsWith(typeSuffix);
    }

    /** Asserts the problem lists an error for {@code field} (the contract's {@code errors[]}). */
    public static void assertFieldError(Response response, String field) {
        assertThat(response.jsonPath().getList("errors.field", String.class)).as("error fields").contains(field);
    }
}
