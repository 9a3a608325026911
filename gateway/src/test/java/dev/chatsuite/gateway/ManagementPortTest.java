package dev.chatsuite.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Health, metrics and OpenAPI live on the management port; the public port has none of them, however spelled. */
@QuarkusTest
class ManagementPortTest {

    @TestHTTPResource("/")
    URL root;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void shouldServeOperationsOnTheManagementPort() {
        given().baseUri(base(management)).get("/q/health/ready").then().statusCode(200);
        given().baseUri(base(management)).get("/q/health/live").then().statusCode(200);
        assertThat(given().baseUri(base(management)).get("/q/metrics").asString()).contains("jvm_memory_used_bytes");
        given().baseUri(base(management)).accept("application/json").get("/q/openapi").then().statusCode(200);
    }

    @Test
    void shouldAnswer404ForOperationsOnThePublicPort() throws Exception {
        for (String path : new String[] { "/q/metrics", "/q/openapi", "/q/health", "/q/health/ready", "/q/swagger-ui/", "/q" }) {
            Response response = given().get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.asString()).doesNotContain("jvm_memory", "openapi:", "\"checks\"");
        }
        for (String path : new String[] { "/q;x/metrics", "/Q/metrics", "/api/../q/metrics", "/api/%2e%2e/q/metrics", "/ws/../q/health", "/x/../q/openapi" }) {
            RawHttp.ChunkedOutcome outcome = RawHttp.exchange(root, "GET", path, "", null);
            assertThat(outcome.status()).as(path).isIn(400, 404);
            assertThat(outcome.response()).as(path).doesNotContain("jvm_memory", "openapi:", "\"checks\"");
        }
    }

    private static String base(URL url) {
        return "http://" + url.getHost() + ":" + url.getPort();
    }
}
