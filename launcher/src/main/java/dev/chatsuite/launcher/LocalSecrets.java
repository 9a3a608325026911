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
