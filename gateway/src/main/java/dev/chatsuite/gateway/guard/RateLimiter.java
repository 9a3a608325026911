package dev.chatsuite.gateway.guard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Fixed one-minute windows counted in Redis ({@code INCR} + {@code EXPIRE}), so every gateway
 * replica shares the counts. Answers how long to wait, or 0 when the request may pass. While
 * Redis fails or is slow, the same windows are counted in this process ({@link LocalRateLimiter}):
 * logged once per outage, and Redis is tried again every {@value #RETRY_MILLIS} ms.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final long WINDOW_SECONDS = 60;
    private static final long RETRY_MILLIS = 2_000;
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final LocalRateLimiter local = new LocalRateLimiter();
    private final AtomicBoolean outage = new AtomicBoolean();
    private volatile long skipRedisUntilMillis;

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
        if (System.currentTimeMillis() < skipRedisUntilMillis) {
            return Uni.createFrom().item(wait(local.increment(counter, window), limit, window, now));
        }
        return counters.incr(counter)
                .call(count -> count == 1 ? keys.expire(counter, WINDOW_SECONDS + 1) : Uni.createFrom().voidItem())
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .map(count -> {
                    if (outage.compareAndSet(true, false)) {
                        LOG.info("Redis is reachable again: rate limits are shared by the gateway replicas again.");
                    }
                    return wait(count, limit, window, now);
                })
                .onFailure().recoverWithItem(failure -> {
                    skipRedisUntilMillis = System.currentTimeMillis() + RETRY_MILLIS;
                    if (outage.compareAndSet(false, true)) {
                        LOG.warn("Redis is unreachable: rate limits are counted by each gateway process until it returns ("
                                + failure.getClass().getSimpleName() + ").");
                    }
                    return wait(local.increment(counter, window), limit, window, now);
                });
    }

    private static long wait(long count, int limit, long window, long now) {
        if (count <= limit) {
            return 0;
        }
        return Math.max(1, (window + 1) * WINDOW_SECONDS - now);
    }
}
