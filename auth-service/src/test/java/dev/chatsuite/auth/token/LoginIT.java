package dev.chatsuite.auth.token;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LoginTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class LoginIT extends LoginTest {
}
