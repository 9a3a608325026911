package dev.chatsuite.auth.password;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.chatsuite.auth.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Argon2id (Password4j) with the OWASP parameters by default (19 MiB, 2 passes, 1 lane),
 * always on a worker thread: a hash takes tens of milliseconds of CPU and must never run on
 * an event loop. Checks for unknown users run against a dummy hash of the same cost, so a
 * login costs the same whether or not the account exists.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2Function argon2;
    private final Vertx vertx;
    private final String dummyHash;

    public PasswordHasher(AuthConfig config, Vertx vertx) {
        this.argon2 = Argon2Function.getInstance(config.hashing().memoryKib(), config.hashing().iterations(),
                config.hashing().parallelism(), 32, Argon2.ID);
        this.vertx = vertx;
        this.dummyHash = Password.hash("not-a-real-password-but-same-cost").addRandomSalt(16).with(argon2).getResult();
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> Password.hash(password).addRandomSalt(16).with(argon2).getResult()), false);
    }

    /** Checks a password; with {@code storedHash == null} it checks against the dummy hash and answers false. */
    public Uni<Boolean> matches(String password, String storedHash) {
        String hash = storedHash == null ? dummyHash : storedHash;
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean matches = Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
            return matches && storedHash != null;
        }), false);
    }
}
