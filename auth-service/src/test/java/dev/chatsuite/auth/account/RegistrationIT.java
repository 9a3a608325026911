package dev.chatsuite.auth.account;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RegistrationTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class RegistrationIT extends RegistrationTest {
}
