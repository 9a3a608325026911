package dev.chatsuite.media;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.ProblemContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class MediaProblemContractTest extends ProblemContractTest {

    @Test
    void shouldAnswerProblem400ForJsonOfTheWrongShape() {
        for (String body : List.of("[]", "\"text\"", "7")) {
            Response response = given().contentType(ContentType.JSON).body(body).post("/api/__probe/echo");
            assertProblem(response, 400, "malformed-json");
            assertThat(response.jsonPath().getString("detail")).as(body).isEqualTo("The request body must be a JSON object.");
        }
        Response wrongTypes = given().contentType(ContentType.JSON).body("{\"name\": [], \"count\": {}}").post("/api/__probe/echo");
        assertProblem(wrongTypes, 400, "malformed-json");
        assertThat(wrongTypes.jsonPath().getList("errors", Map.class))
                .containsExactly(Map.of("field", "name", "message", "Must be a string."));
    }
}
