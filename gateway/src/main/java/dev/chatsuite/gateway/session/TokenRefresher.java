package dev.chatsuite.gateway.session;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.gateway.backend.AuthCalls;
import dev.chatsuite.gateway.caller.Tokens;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Refreshes a browser session's tokens once, however many requests (on however many gateway
 * replicas) find the access token expired at the same moment, because auth-service treats a
 * rotated refresh token presented again as theft and revokes the session.
 * <ul>
 * <li>In this process, concurrent requests share one refresh, remembered {@value #KEEP_SECONDS} s.</li>
 * <li>Across replicas, through Redis: the first takes a short lock named by a hash of the
 * refresh token, calls auth and leaves the outcome there, encrypted under a key only the old
 * cookie gives ({@link RefreshResults}); the others wait for it and reuse it.</li>
 * <li>Redis unreachable: the refresh is single-flight per process only (logged once per outage).</li>
 * </ul>
 */
@ApplicationScoped
public class TokenRefresher {

    private static final Logger LOG = Logger.getLogger(TokenRefresher.class);
    private static final long KEEP_SECONDS = 30;
    private static final Duration LOCK = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    private final AuthCalls auth;
    private final Vertx vertx;
    private final ReactiveRedisDataSource commands;
    private final ReactiveValueCommands<String, String> redis;
    private final Map<String, Uni<Tokens>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean outage = new AtomicBoolean();

    public TokenRefresher(AuthCalls auth, Vertx vertx, ReactiveRedisDataSource redis) {
        this.auth = auth;
        this.vertx = vertx;
        this.commands = redis;
        this.redis = redis.value(String.class);
    }

    /** New tokens, or a failure (the session is over) when auth-service refuses the refresh token. */
    public Uni<Tokens> refresh(String refreshToken) {
        return inFlight.computeIfAbsent(refreshToken, token -> acrossReplicas(token)
                .onTermination().invoke(() -> vertx.setTimer(KEEP_SECONDS * 1000, id -> inFlight.remove(token)))
                .memoize().indefinitely());
    }

    private Uni<Tokens> acrossReplicas(String token) {
        String id = RefreshResults.id(token);
        String lock = "gw:refresh:lock:" + id;
        String result = "gw:refresh:result:" + id;
        long deadline = System.currentTimeMillis() + LOCK.toMillis();
        return attempt(token, lock, result, deadline)
                .onFailure(RedisUnavailable.class).recoverWithUni(() -> callAuth(token));
    }

    /** Reuse a stored outcome; else take the lock and refresh; else wait for the holder's outcome. */
    private Uni<Tokens> attempt(String token, String lock, String result, long deadline) {
        return redisCall(redis.get(result)).chain(stored -> {
            if (stored != null) {
                RefreshResults.Outcome outcome = RefreshResults.open(token, stored);
                if (outcome != null) {
                    return outcome.tokens() == null ? Uni.createFrom().failure(new SessionEndedException()) : Uni.createFrom().item(outcome.tokens());
                }
            }
            Uni<Boolean> take = commands.execute("SET", lock, "1", "NX", "PX", Long.toString(LOCK.toMillis())).map(reply -> reply != null);
            return redisCall(take)
                    .chain(taken -> {
                        if (taken) {
                            return refreshAndShare(token, lock, result);
                        }
                        if (System.currentTimeMillis() > deadline) {
                            // The holder never left an outcome (it died, or auth failed for it): refresh here.
                            return callAuth(token);
                        }
                        return pause().chain(() -> attempt(token, lock, result, deadline));
                    });
        });
    }

    private Uni<Tokens> refreshAndShare(String token, String lock, String result) {
        return callAuth(token)
                .call(tokens -> store(result, RefreshResults.seal(token, tokens)))
                .onFailure(SessionEndedException.class).call(ended -> store(result, RefreshResults.seal(token, null)))
                // auth could not be asked (down, slow): free the lock so a waiting replica tries at once.
                .onFailure(failure -> !(failure instanceof SessionEndedException)).call(failure -> commands.key().del(lock)
                        .ifNoItem().after(REDIS_TIMEOUT).fail().onFailure().recoverWithNull());
    }

    private Uni<Void> store(String result, String sealed) {
        return redis.set(result, sealed, new SetArgs().px(Duration.ofSeconds(KEEP_SECONDS)))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Tokens> callAuth(String token) {
        return auth.refresh(token).map(reply -> {
            if (!reply.ok()) {
                throw new SessionEndedException();
            }
            return Tokens.from(reply.body());
        });
    }

    private <T> Uni<T> redisCall(Uni<T> call) {
        return call.ifNoItem().after(REDIS_TIMEOUT).fail()
                .onItem().invoke(ok -> {
                    if (outage.compareAndSet(true, false)) {
                        LOG.info("Redis is reachable again: session refreshes are single-flight across gateway replicas again.");
                    }
                })
                .onFailure().transform(failure -> {
                    if (outage.compareAndSet(false, true)) {
                        LOG.warn("Redis is unreachable: session refreshes are single-flight per gateway process until it returns ("
                                + failure.getClass().getSimpleName() + ").");
                    }
                    return new RedisUnavailable();
                });
    }

    private Uni<Void> pause() {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(POLL.toMillis(), id -> emitter.complete(null)));
    }

    public static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("refresh refused", null, false, false);
        }
    }

    private static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable() {
            super("redis unavailable", null, false, false);
        }
    }
}
