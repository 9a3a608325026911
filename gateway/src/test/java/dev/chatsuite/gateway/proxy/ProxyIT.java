package dev.chatsuite.gateway.proxy;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ProxyTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class ProxyIT extends ProxyTest {
}
