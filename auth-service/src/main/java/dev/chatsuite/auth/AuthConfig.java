package dev.chatsuite.auth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** auth-service settings; each is documented with its environment variable in the module README. */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** The {@code iss} of access tokens (JWT_ISSUER). */
    @WithDefault("https://auth.chat-suite.local")
    String issuer();

    /** Access-token lifetime (ACCESS_TOKEN_TTL). */
    @WithName("access-token-ttl")
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** Refresh-token lifetime; each use rotates it and restarts this clock (REFRESH_TOKEN_TTL). */
    @WithName("refresh-token-ttl")
    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /** Password-reset link lifetime. */
    @WithName("reset-token-ttl")
    @WithDefault("PT30M")
    Duration resetTokenTtl();

    /** The first administrator, made at start-up from a secret (see AdminBootstrap). */
    @WithName("admin-bootstrap")
    AdminBootstrap adminBootstrap();

    /** The gateway's public origin, for reset links and avatar URLs (PUBLIC_URL). */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** media-service base URL for avatar checks (MEDIA_URL). */
    @WithName("media-url")
    @WithDefault("http://127.0.0.1:8083")
    String mediaUrl();

    Keys keys();

    Mail mail();

    Hashing hashing();

    interface Keys {
        /** PEM (PKCS#8) private signing key file (JWT_PRIVATE_KEY_FILE); absent: a local key under DATA_DIR/keys. */
        @WithName("private-key-file")
        Optional<String> privateKeyFile();

        /** The kid of the configured private key (JWT_KEY_ID). */
        @WithName("key-id")
        Optional<String> keyId();

        /** Extra public keys still published in the JWKS during a rotation: PEM files named <kid>.pem (JWT_EXTRA_PUBLIC_KEYS_DIR). */
        @WithName("extra-public-keys-dir")
        Optional<String> extraPublicKeysDir();

        /** Where a local key pair is generated when none is configured (DATA_DIR/keys). */
        @WithName("local-dir")
        @WithDefault("data/keys")
        String localDir();
    }

    interface AdminBootstrap {
        /** The administrator's password until changed; unset: no bootstrap (AUTH_ADMIN_BOOTSTRAP_SECRET). */
        Optional<String> secret();

        /** Its username (AUTH_ADMIN_BOOTSTRAP_USERNAME). */
        @WithDefault("admin")
        String username();

        /** Its email (AUTH_ADMIN_BOOTSTRAP_EMAIL). */
        @WithDefault("admin@chat-suite.local")
        String email();
    }

    interface Mail {
        /** {@code smtp} sends through quarkus-mailer; {@code log} writes the reset link to the log instead (local runs only) (MAIL_MODE). */
        @WithDefault("smtp")
        String mode();

        /** Sender address (MAIL_FROM). */
        @WithDefault("no-reply@chat-suite.local")
        String from();
    }

    interface Hashing {
        /** Argon2id memory in KiB (OWASP minimum: 19 MiB) (ARGON2_MEMORY_KIB). */
        @WithName("memory-kib")
        @WithDefault("19456")
        int memoryKib();

        /** Argon2id passes (ARGON2_ITERATIONS). */
        @WithDefault("2")
        int iterations();

        /** Argon2id lanes (ARGON2_PARALLELISM). */
        @WithDefault("1")
        int parallelism();

        /**
         * Threads that hash at once (ARGON2_THREADS); absent: one per core but one, at least one, so
         * a login storm always leaves a core to the event loops.
         */
        Optional<Integer> threads();
    }
}
