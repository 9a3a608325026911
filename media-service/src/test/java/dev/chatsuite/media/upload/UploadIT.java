package dev.chatsuite.media.upload;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link UploadTest} against the packaged application (the JVM jar here, the native binary with -Dnative). */
@QuarkusIntegrationTest
class UploadIT extends UploadTest {
}
