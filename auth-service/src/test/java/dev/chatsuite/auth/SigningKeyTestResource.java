package dev.chatsuite.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The signing key file of the test application (target/test-keys/signing-key.pem), passed as
 * JWT_PRIVATE_KEY_FILE would be: the packaged jar of the integration tests runs in the prod
 * profile, which refuses to start without one.
 */
public class SigningKeyTestResource implements QuarkusTestResourceLifecycleManager {

    static final Path KEY = Path.of("target/test-keys/signing-key.pem").toAbsolutePath();

    @Override
    public Map<String, String> start() {
        try {
            if (!Files.exists(KEY)) {
                Files.createDirectories(KEY.getParent());
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                Files.writeString(KEY, pem, StandardCharsets.US_ASCII);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the test signing key", e);
        }
        return Map.of("auth.keys.private-key-file", KEY.toString(), "auth.keys.key-id", "test-key");
    }

    @Override
    public void stop() {
        // The key stays for the next run (LocalKey reads it to forge tokens).
    }
}
