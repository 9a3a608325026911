package dev.chatsuite.auth;

import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.PostgresTestResource;
import dev.chatsuite.testsupport.Readiness;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReadinessTest {

    @Test
    void shouldTurnNotReadyWhilePostgresIsUnreachableAndRecoverWithoutRestart() {
        Readiness.assertGoesDownAndRecovers(PostgresTestResource.proxy(), "postgres");
    }
}
