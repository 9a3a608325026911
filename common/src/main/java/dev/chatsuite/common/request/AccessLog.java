package dev.chatsuite.common.request;

import java.security.Principal;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request with requestId, userId, method, path, status and duration (as MDC
 * fields, so the JSON log carries them as keys). Logs the path only, never the query string:
 * WebSocket clients pass {@code ?token=} there.
 */
@ApplicationScoped
public class AccessLog {

    /**
     * Routing-context key a proxy sets when the service that answered writes the access line
     * itself (with the same request id), so the request is not logged twice.
     */
    public static final String LOGGED_UPSTREAM = "access-log.logged-upstream";
    private static final Logger LOG = Logger.getLogger("dev.chatsuite.access");

    void write(RoutingContext ctx, String requestId, long startNanos) {
        if (!LOG.isInfoEnabled() || Boolean.TRUE.equals(ctx.get(LOGGED_UPSTREAM))) {
            return;
        }
        String path = ctx.request().path();
        if (path != null && path.startsWith("/q/")) {
            return;
        }
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        int status = ctx.response().getStatusCode();
        String method = ctx.request().method().name();
        String userId = userId(ctx);
        MDC.put(RequestIds.MDC_KEY, requestId);
        MDC.put("method", method);
        MDC.put("path", path);
        MDC.put("status", Integer.toString(status));
        MDC.put("durationMs", Long.toString(durationMs));
        if (userId != null) {
            MDC.put("userId", userId);
        }
        try {
            // Concatenation, not infof: a format string costs more than the rest of the line on a busy gateway.
            LOG.info(method + " " + path + " " + status + " " + durationMs + "ms");
        } finally {
            MDC.remove("method");
            MDC.remove("path");
            MDC.remove("status");
            MDC.remove("durationMs");
            MDC.remove("userId");
        }
    }

    private static String userId(RoutingContext ctx) {
        if (ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            Principal principal = user.getSecurityIdentity().getPrincipal();
            return principal instanceof JsonWebToken jwt ? jwt.getSubject() : principal.getName();
        }
        return null;
    }
}
