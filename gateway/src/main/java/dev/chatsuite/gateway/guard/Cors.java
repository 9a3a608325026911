package dev.chatsuite.gateway.guard;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.HttpLayerProblems;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS, answered by the gateway alone: configured origins get the Access-Control-* headers
 * with credentials; any other origin gets none, and its preflight a 403.
 */
@ApplicationScoped
public class Cors {

    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type, X-Request-Id, If-None-Match, If-Match, Range, Accept";
    private final Origins origins;

    public Cors(Origins origins) {
        this.origins = origins;
    }

    /** Adds CORS headers when due; answers a preflight and returns true when the request is done. */
    public boolean handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        boolean allowed = origins.isAllowedCrossOrigin(origin);
        HttpServerResponse response = ctx.response();
        response.headers().add("Vary", "Origin");
        if (allowed) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Credentials", "true")
                    .putHeader("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Location, ETag, Content-Range");
        }
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS && origin != null
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            return false;
        }
        ctx.request().resume();
        if (!allowed) {
            HttpLayerProblems.write(ctx, 403, "This origin may not call the API.");
            return true;
        }
        response.putHeader("Access-Control-Allow-Methods", METHODS)
                .putHeader("Access-Control-Allow-Headers", HEADERS)
                .putHeader("Access-Control-Max-Age", "600")
                .setStatusCode(204)
                .end();
        return true;
    }
}
