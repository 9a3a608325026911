package dev.chatsuite.auth.credential;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.common.session.EndedSessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Tells messaging and media that sessions have ended, so they refuse those sessions' access
 * tokens at once: sets {@link EndedSessions#key} for each, for as long as one of its access
 * tokens can still be valid. Never fails the ending itself: the session is already ended in
 * auth's database, and without Redis the other services accept its tokens until they expire
 * (logged once per outage, at WARN).
 */
@ApplicationScoped
public class EndedSessionMarks {

    private static final Logger LOG = Logger.getLogger(EndedSessionMarks.class);
    /** How long an ending waits for Redis before answering anyway. */
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    private final Redis redis;
    private final long ttlMillis;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    public EndedSessionMarks(ReactiveRedisDataSource redis, AuthConfig config) {
        this.redis = redis.getRedis();
        this.ttlMillis = config.accessTokenTtl().plus(EndedSessions.SKEW).toMillis();
    }

    /**
     * Marks the sessions ended, one SET each, all sent at once (not one batch: on a Redis Cluster
     * the keys live in different slots, and a batch must stay in one); completes (never fails)
     * once Redis answered or gave up.
     */
    public Uni<Void> publish(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> marks = sessionIds.stream()
                .map(id -> Request.cmd(Command.SET).arg(EndedSessions.key(id.toString())).arg("1").arg("PX").arg(ttlMillis))
                .toList();
        return Uni.join().all(marks.stream().map(redis::send).toList()).andFailFast()
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onItem().invoke(this::reachable)
                .onFailure().invoke(this::unreachable)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void reachable() {
        if (unreachable.compareAndSet(true, false)) {
            LOG.info("Redis is reachable again: ended sessions are published to the other services");
        }
    }

    private void unreachable(Throwable failure) {
        if (unreachable.compareAndSet(false, true)) {
            LOG.warnf("Redis is unreachable (%s): sessions still end here, but messaging and media accept their access tokens"
                    + " until they expire", failure.toString());
        }
    }
}
