package dev.chatsuite.gateway;

import static io.restassured.RestAssured.given;

import java.net.URL;

import dev.chatsuite.testsupport.ProblemContractTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class GatewayProblemContractTest extends ProblemContractTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** The gateway serves its operations endpoints on the management port only. */
    @Override
    protected RequestSpecification operations() {
        return given().baseUri("http://" + management.getHost()).port(management.getPort());
    }
}
