package dev.chatsuite.media.caller;

import java.util.UUID;
import java.util.function.BiConsumer;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.tenant.TenantModules;
import dev.chatsuite.media.MediaProblem;
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
     * The caller of a route that needs the tenant module {@code module}; fails with 401
     * {@code unauthorized} when no token verifies, with 401 {@code session-ended} when its session
     * has ended, and with 403 {@code module-disabled} when the token's tenant lacks the module.
     */
    public static Uni<UUID> required(RoutingContext ctx, String module) {
        return verified(ctx).map(identity -> {
            UUID caller = id(identity);
            if (caller == null) {
                throw ProblemException.unauthorized("Authentication is required: send a valid bearer token.");
            }
            if (!TenantModules.allows((JsonWebToken) identity.getPrincipal(), module)) {
                throw MediaProblem.MODULE_DISABLED.exception(TenantModules.refusal(module));
            }
            return caller;
        });
    }

    /**
     * The caller of a route, or null when the request has no token or one that does not verify
     * (expired, say); fails with 401 {@code session-ended} when its session has ended.
     */
    public static Uni<UUID> optional(RoutingContext ctx) {
        return verified(ctx).map(Callers::id);
    }

    /** As {@link #optional(RoutingContext)}, from a request's deferred identity. */
    public static Uni<UUID> optional(Uni<SecurityIdentity> identity) {
        return verified(identity).map(Callers::id);
    }

    private static Uni<SecurityIdentity> verified(RoutingContext ctx) {
        // Quarkus's default answers a failed authentication itself (by failing the request): the
        // route decides instead, from the failure the identity completes with.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, ANSWERED_BY_ROUTE);
        return verified(QuarkusHttpUser.getSecurityIdentity(ctx, null));
    }

    /** The identity, null for no token or one that does not verify; an ended session fails with its 401. */
    private static Uni<SecurityIdentity> verified(Uni<SecurityIdentity> identity) {
        if (identity == null) {
            return Uni.createFrom().nullItem();
        }
        return identity
                .onFailure(SessionEndedException::causes).transform(e -> CallerProblems.sessionEnded())
                .onFailure(e -> !(e instanceof ProblemException)).recoverWithNull();
    }

    /** The user id of a verified token's identity; null for an anonymous one. */
    public static UUID id(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                ? null
                : UUID.fromString(jwt.getSubject());
    }
}
