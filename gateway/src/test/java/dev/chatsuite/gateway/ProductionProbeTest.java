package dev.chatsuite.gateway;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Without the test configuration that turns it on, test-support's probe (present on this test
 * classpath) is not reachable: the route table has no such API, so the gateway answers 404.
 */
@QuarkusTest
@TestProfile(ProductionProbeTest.ProductionRoutes.class)
class ProductionProbeTest {

    public static class ProductionRoutes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.problem-probe", "false");
        }
    }

    @Test
    void shouldAnswer404AtTheProbe() {
        assertProblem(given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"count\": 1}").post("/api/__probe/echo"), 404, "not-found");
        assertProblem(given().get("/api/__probe/boom"), 404, "not-found");
    }
}
