package dev.chatsuite.auth.credential;

import jakarta.enterprise.context.ApplicationScoped;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import dev.chatsuite.auth.AuthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;

/**
 * Argon2id (Spring Security Crypto's encoder over Bouncy Castle, PHC strings such as
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) with the OWASP parameters by default (19 MiB, 2 passes, 1 lane),
 * always on a worker thread: a hash takes tens of milliseconds of CPU and must never run on
 * an event loop. Checks for unknown users run against a dummy hash of the same cost, so a
 * login costs the same whether or not the account exists. Hashes run on their own small pool,
 * one thread fewer than the cores by default, so a login storm always leaves a core to the
 * event loops (docs/decisions.md, "Why the code is as it is").
 * Built at start-up ({@code @Startup}): the dummy hash must not be computed on an event loop.
 */
@Startup
@ApplicationScoped
public class PasswordHasher {

    /** Counts new hashes (registrations, changes, resets); the verification of a login is not one. */
    public static final String HASHES_METRIC = "auth.password.hashes";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private final Argon2PasswordEncoder argon2;
    private final WorkerExecutor hashers;
    private final String dummyHash;
    private final Counter hashes;

    public PasswordHasher(AuthConfig config, Vertx vertx, MeterRegistry meters) {
        this.argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, config.hashing().parallelism(), config.hashing().memoryKib(),
                config.hashing().iterations());
        int threads = config.hashing().threads().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        this.hashers = vertx.createSharedWorkerExecutor("argon2", threads);
        this.dummyHash = argon2.encode("not-a-real-password-but-same-cost");
        this.hashes = meters.counter(HASHES_METRIC);
    }

    public Uni<String> hash(String password) {
        return hashers.executeBlocking(Uni.createFrom().item(() -> {
            hashes.increment();
            return argon2.encode(password);
        }), false);
    }

    /** Checks a password; with {@code storedHash == null} it checks against the dummy hash and answers false. */
    public Uni<Boolean> matches(String password, String storedHash) {
        String hash = storedHash == null ? dummyHash : storedHash;
        return hashers.executeBlocking(Uni.createFrom().item(() -> {
            // The cost parameters come from the stored string, so hashes made under older settings still verify.
            boolean matches = argon2.matches(password, hash);
            return matches && storedHash != null;
        }), false);
    }
}
