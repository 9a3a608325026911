package dev.chatsuite.gateway;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.Readiness;
import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    @Test
    void shouldTurnNotReadyWhileRedisIsUnreachableAndRecoverWithoutRestart() {
        Readiness.assertGoesDownAndRecovers(RedisTestResource.proxy(), "redis");
    }
}
