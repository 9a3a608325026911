package dev.chatsuite.media.caller;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.common.session.EndedSessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;

/**
 * Whether auth-service has marked a session ended ({@link EndedSessions}). Redis unreachable or
 * slow counts as "not ended": the token was verified, and refusing every caller while Redis is
 * away would turn its outage into media's. One WARN per outage says so.
 */
@ApplicationScoped
public class EndedSessionCheck {

    private static final Logger LOG = Logger.getLogger(EndedSessionCheck.class);
    /** Bounds the wait for an answer, so that a Redis that stalls costs a request no more than this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final ReactiveKeyCommands<String> keys;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public EndedSessionCheck(ReactiveRedisDataSource redis) {
        this.keys = redis.key();
    }

    /** True when session {@code sid} has ended; false when it has not or Redis cannot tell. */
    public Uni<Boolean> ended(String sid) {
        return keys.exists(EndedSessions.key(sid))
                .ifNoItem().after(TIMEOUT).fail()
                .invoke(found -> {
                    if (degraded.compareAndSet(true, false)) {
                        LOG.info("Redis answers again: ended sessions are refused again");
                    }
                })
                .onFailure().recoverWithItem(e -> {
                    if (degraded.compareAndSet(false, true)) {
                        LOG.warnf("Redis unreachable (%s): tokens of ended sessions are accepted until it answers",
                                e.getClass().getSimpleName());
                    }
                    return false;
                });
    }
}
