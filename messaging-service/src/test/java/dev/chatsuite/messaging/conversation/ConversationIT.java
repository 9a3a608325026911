package dev.chatsuite.messaging.conversation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ConversationTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class ConversationIT extends ConversationTest {
}
