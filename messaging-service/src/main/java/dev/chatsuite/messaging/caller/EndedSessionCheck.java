package dev.chatsuite.messaging.caller;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import dev.chatsuite.common.session.EndedSessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.smallrye.mutiny.Uni;

/**
 * Whether an access token's session has ended: auth-service marks an ended session in Redis
 * ({@link EndedSessions#key}). If Redis cannot answer, the token is accepted (it is short-lived)
 * rather than every request refused; that is logged at most once a minute.
 */
@ApplicationScoped
public class EndedSessionCheck {

    private static final Logger LOG = Logger.getLogger(EndedSessionCheck.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long WARN_EVERY_MILLIS = 60_000;
    private final ReactiveKeyCommands<String> keys;
    private final AtomicLong lastWarning = new AtomicLong();

    public EndedSessionCheck(ReactiveRedisDataSource redis) {
        this.keys = redis.key();
    }

    /** True when the token's session has ended; false for a live session, a token without {@code sid}, or Redis down. */
    public Uni<Boolean> ended(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        if (!(sid instanceof String id) || id.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return keys.exists(EndedSessions.key(id))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> {
                    long now = System.currentTimeMillis();
                    long last = lastWarning.get();
                    if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
                        LOG.warnf("Redis cannot be asked whether sessions ended (%s): accepting valid tokens meanwhile", e.getClass().getSimpleName());
                    }
                    return false;
                });
    }
}
