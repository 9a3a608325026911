package dev.chatsuite.auth.password;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.chatsuite.auth.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;

/**
 * Argon2id (Password4j) with the OWASP parameters by default (19 MiB, 2 passes, 1 lane),
 * always on a worker thread: a hash takes tens of milliseconds of CPU and must never run on
 * an event loop. Checks for unknown users run against a dummy hash of the same cost, so a
 * login costs the same whether or not the account exists. Hashes run on their own pool of one
 * thread per core: more at once only adds 19 MiB allocations and GC pauses that stall every
 * other request (measured: /me p50 went to ~0.9 s while logins ran on the shared pool).
 */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2Function argon2;
    private final WorkerExecutor hashers;
    private final String dummyHash;

    public PasswordHasher(AuthConfig config, Vertx vertx) {
        this.argon2 = Argon2Function.getInstance(config.hashing().memoryKib(), config.hashing().iterations(),
                config.hashing().parallelism(), 32, Argon2.ID);
        this.hashers = vertx.createSharedWorkerExecutor("argon2", Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.dummyHash = Password.hash("not-a-real-password-but-same-cost").addRandomSalt(16).with(argon2).getResult();
    }

    public Uni<String> hash(String password) {
        return hashers.executeBlocking(Uni.createFrom().item(() -> Password.hash(password).addRandomSalt(16).with(argon2).getResult()), false);
    }

    /** Checks a password; with {@code storedHash == null} it checks against the dummy hash and answers false. */
    public Uni<Boolean> matches(String password, String storedHash) {
        String hash = storedHash == null ? dummyHash : storedHash;
        return hashers.executeBlocking(Uni.createFrom().item(() -> {
            boolean matches = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
            return matches && storedHash != null;
        }), false);
    }
}
