package dev.chatsuite.gateway.session;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Refreshes a browser session's tokens once, however many of its requests find the access
 * token expired at the same moment: they all share one call to auth-service. The outcome is
 * kept briefly, so a request that still carries the old refresh cookie gets the new tokens
 * instead of presenting a rotated token (which auth-service treats as theft).
 */
@ApplicationScoped
public class TokenRefresher {

    private static final Duration KEEP = Duration.ofSeconds(30);
    private final AuthCalls auth;
    private final Vertx vertx;
    private final Map<String, Uni<Tokens>> inFlight = new ConcurrentHashMap<>();

    public TokenRefresher(AuthCalls auth, Vertx vertx) {
        this.auth = auth;
        this.vertx = vertx;
    }

    /** New tokens, or a failure (the session is over) when auth-service refuses the refresh token. */
    public Uni<Tokens> refresh(String refreshToken) {
        return inFlight.computeIfAbsent(refreshToken, token -> auth.refresh(token)
                .map(reply -> {
                    if (!reply.ok()) {
                        throw new SessionEndedException();
                    }
                    return Tokens.from(reply.body());
                })
                .onTermination().invoke(() -> vertx.setTimer(KEEP.toMillis(), id -> inFlight.remove(token)))
                .memoize().indefinitely());
    }

    /** How many refreshes are remembered; for tests. */
    int remembered() {
        return inFlight.size();
    }

    public static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("refresh refused", null, false, false);
        }
    }
}
