package dev.chatsuite.messaging.message;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link MessageTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class MessageIT extends MessageTest {
}
