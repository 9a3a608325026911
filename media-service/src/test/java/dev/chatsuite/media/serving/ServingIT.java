package dev.chatsuite.media.serving;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ServingTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class ServingIT extends ServingTest {
}
