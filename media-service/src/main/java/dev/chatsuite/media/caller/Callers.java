package dev.chatsuite.media.caller;

import java.util.UUID;
import java.util.function.BiConsumer;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, from the identity Quarkus security establishes for the request: resources
 * get it injected ({@code @Authenticated}), the plain Vert.x routes ask here. Verifying a token
 * may fetch the JWKS, so Quarkus runs it on a worker thread; the answer comes back on the
 * request's event loop.
 */
public final class Callers {

    private static final BiConsumer<RoutingContext, Throwable> ANSWERED_BY_ROUTE = (ctx, failure) -> {
    };

    private Callers() {
    }

    /**
     * The caller of a route; fails with 401 {@code unauthorized} when no token verifies and with
     * 401 {@code session-ended} when its session has ended.
     */
    public static Uni<UUID> required(RoutingContext ctx) {
        return optional(ctx).map(caller -> {
            if (caller == null) {
                throw ProblemException.unauthorized("Authentication is required: send a valid bearer token.");
            }
            return caller;
        });
    }

    /**
     * The caller of a route, or null when the request has no token or one that does not verify
     * (expired, say); fails with 401 {@code session-ended} when its session has ended.
     */
    public static Uni<UUID> optional(RoutingContext ctx) {
        // Quarkus's default answers a failed authentication itself (by failing the request): the
        // route decides instead, from the failure the identity completes with.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BY_ROUTE);
        return optional(QuarkusHttpUser.getSecurityIdentity(ctx, null));
    }

    /** As {@link #optional(RoutingContext)}, from a request's deferred identity. */
    public static Uni<UUID> optional(Uni<SecurityIdentity> identity) {
        if (identity == null) {
            return Uni.createFrom().nullItem();
        }
        return identity
                .onFailure(SessionEndedException::causes).transform(e -> CallerProblems.sessionEnded())
                .onFailure(e -> !(e instanceof ProblemException)).recoverWithNull()
                .map(Callers::id);
    }

    /** The user id of a verified token's identity; null for an anonymous one. */
    public static UUID id(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                ? null
                : UUID.fromString(jwt.getSubject());
    }
}
