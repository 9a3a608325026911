package dev.chatsuite.messaging;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.PostgresTestResource;
import dev.chatsuite.testsupport.Readiness;
import dev.chatsuite.testsupport.RedisTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    @Test
    void shouldTurnNotReadyWhilePostgresIsUnreachableAndRecoverWithoutRestart() {
        Readiness.assertGoesDownAndRecovers(PostgresTestResource.proxy(), "postgres");
    }

    @Test
    void shouldTurnNotReadyWhileRedisIsUnreachableAndRecoverWithoutRestart() {
        Readiness.assertGoesDownAndRecovers(RedisTestResource.proxy(), "redis");
    }
}
