package dev.chatsuite.gateway.guard;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayProblem;
import dev.chatsuite.gateway.route.Route;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * CSRF, by the route's rule ({@link Route#csrf()}): a request that the browser authenticates
 * with cookies and that changes something (an unsafe method or a WebSocket upgrade) must come
 * from an allowed origin. Requests with their own Authorization header cannot be forged
 * cross-site and pass.
 */
@ApplicationScoped
public class Csrf {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private final Origins origins;

    public Csrf(Origins origins) {
        this.origins = origins;
    }

    public void check(RoutingContext ctx, Route route, boolean cookieAuthenticated, boolean upgrade) {
        if (route.csrf() == Route.CsrfRule.EXEMPT || !cookieAuthenticated || (SAFE.contains(ctx.request().method()) && !upgrade)) {
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        if (!origins.isSameOrigin(origin, ctx.request()) && !origins.isAllowedCrossOrigin(origin)) {
            throw GatewayProblem.CSRF.exception("This request must come from the app's own origin (Origin header).");
        }
    }
}
