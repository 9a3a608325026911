package dev.chatsuite.system;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;

@ExtendWith(RunningSuite.class)
class SuiteBootTest {

    @Test
    void shouldBringUpFourServicesThatAreAllReady() {
        for (String service : new String[] { "auth-service", "messaging-service", "media-service", "gateway" }) {
            Response ready = given().baseUri(RunningSuite.operationsUrl(service)).get("/q/health/ready");
            assertThat(ready.statusCode()).as(service + ": " + ready.asString()).isEqualTo(200);
            assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
        }
    }

    @Test
    void shouldAnswerAnUnknownApiPathThroughTheGatewayWithProblem404() {
        assertProblem(given().baseUri(RunningSuite.gateway()).get("/api/no-such-thing"), 404);
    }
}
