package dev.chatsuite.gateway;

import static io.restassured.RestAssured.given;

import java.net.URL;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.Readiness;
import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void shouldTurnNotReadyWhileRedisIsUnreachableAndRecoverWithoutRestart() {
        Readiness.assertGoesDownAndRecovers(RedisTestResource.proxy(), "redis",
                () -> given().baseUri("http://" + management.getHost()).port(management.getPort()));
    }
}
