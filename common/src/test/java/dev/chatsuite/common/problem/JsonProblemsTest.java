package dev.chatsuite.common.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonProblemsTest {

    record Body(String email, String username, int count, UUID id, List<String> tags) {
    }

    private final ObjectMapper json = new ObjectMapper();

    private Problem problemFor(String body) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> json.readValue(body, Body.class));
        assertThat(e).as(body).isNotNull();
        return JsonProblems.describe(e, "/api/x");
    }

    @Test
    void shouldSayTheBodyMustBeAnObjectWhenItIsAnArrayOrAScalar() {
        for (String body : List.of("[]", "\"text\"", "7", "true")) {
            Problem problem = problemFor(body);
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.type()).isEqualTo(ProblemType.of("malformed-json"));
            assertThat(problem.detail()).as(body).isEqualTo("The request body must be a JSON object.");
            assertThat(problem.errors()).isNull();
            assertThat(problem.instance()).isEqualTo("/api/x");
        }
    }

    @Test
    void shouldNameTheFieldOfTheWrongTypeAndTheTypeExpected() {
        Problem problem = problemFor("{\"email\": \"a@b.c\", \"username\": [], \"password\": {}}");
        assertThat(problem.detail()).contains("wrong type");
        assertThat(problem.errors()).containsExactly(new FieldError("username", "Must be a string."));

        assertThat(problemFor("{\"count\": {}}").errors()).containsExactly(new FieldError("count", "Must be a number."));
        assertThat(problemFor("{\"tags\": {}}").errors()).containsExactly(new FieldError("tags", "Must be a JSON array."));
        assertThat(problemFor("{\"tags\": [\"a\", []]}").errors()).containsExactly(new FieldError("tags[1]", "Must be a string."));
    }

    @Test
    void shouldSayAFieldHasTheWrongFormat() {
        assertThat(problemFor("{\"count\": \"many\"}").errors()).containsExactly(new FieldError("count", "Has the wrong format."));
        assertThat(problemFor("{\"id\": \"not-a-uuid\"}").errors()).containsExactly(new FieldError("id", "Has the wrong format."));
    }

    @Test
    void shouldLocateBrokenSyntaxWithoutNamingJavaTypes() {
        Problem problem = problemFor("{\"email\": ");
        assertThat(problem.detail()).startsWith("The request body is not valid JSON");
        Problem garbage = problemFor("{nope");
        assertThat(garbage.detail()).isEqualTo("The request body is not valid JSON (line 1, column 2).");
        assertThat(garbage.errors()).isNull();
        for (String body : List.of("[]", "{\"count\": {}}", "{\"id\": \"x\"}", "{nope")) {
            assertThat(problemFor(body).toString()).doesNotContain("java.", "dev.chatsuite", "Exception");
        }
    }
}
