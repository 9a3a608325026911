package dev.chatsuite.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets for the local run, made once under data/secrets (owner-only files) and reused, so
 * that signed URLs and S3 keys stay valid across restarts. They never leave the data folder
 * and are never printed.
 */
final class LocalSecrets {

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    LocalSecrets(Path dataDir) throws IOException {
        this.dir = Files.createDirectories(dataDir.resolve("secrets"));
    }

    /**
     * An RSA private key (PKCS#8 PEM) for auth-service's JWT signing, made once like the other
     * secrets: auth-service refuses to start in production without JWT_PRIVATE_KEY_FILE.
     */
    Path signingKey(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            try {
                java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n";
                Files.writeString(file, pem, StandardCharsets.US_ASCII);
                restrict(file);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("Cannot generate the local JWT signing key", e);
            }
        }
        return file;
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
    }

    String get(String name) throws IOException {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, value, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply.
        }
        return value;
    }
}
