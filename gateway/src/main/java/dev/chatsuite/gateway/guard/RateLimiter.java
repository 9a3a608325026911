package dev.chatsuite.gateway.guard;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;

/**
 * Fixed one-minute windows counted in Redis ({@code INCR} + {@code EXPIRE}), so every gateway
 * replica shares the counts. Answers how long to wait, or 0 when the request may pass.
 */
@ApplicationScoped
public class RateLimiter {

    private static final long WINDOW_SECONDS = 60;
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;

    public RateLimiter(ReactiveRedisDataSource redis) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    /** Seconds to wait before retrying, or 0 when this request is within {@code limit} per minute. */
    public Uni<Long> acquire(String bucket, String key, int limit) {
        if (limit <= 0) {
            return Uni.createFrom().item(0L);
        }
        long now = System.currentTimeMillis() / 1000;
        long window = now / WINDOW_SECONDS;
        String counter = "rl:" + bucket + ":" + key + ":" + window;
        return counters.incr(counter).chain(count -> {
            Uni<Void> expiry = count == 1 ? keys.expire(counter, WINDOW_SECONDS + 1).replaceWithVoid() : Uni.createFrom().voidItem();
            long wait = count > limit ? (window + 1) * WINDOW_SECONDS - now : 0;
            return expiry.replaceWith(Math.max(wait, count > limit ? 1 : 0));
        });
    }
}
