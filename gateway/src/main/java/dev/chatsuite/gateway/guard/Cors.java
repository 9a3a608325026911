package dev.chatsuite.gateway.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.common.problem.HttpLayerProblems;
import dev.chatsuite.gateway.route.RouteTable;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS, answered by the gateway alone: configured origins get the Access-Control-* headers
 * with credentials; any other origin gets none, and its preflight a 403. The headers are set
 * by a filter that runs before anything can answer, so the gateway's own refusals (401, 403,
 * 413, 429, 502, 503, a non-canonical path) carry them too.
 */
@ApplicationScoped
public class Cors {

    /** Above the common 413 check (9 000), so an oversized declared body is refused with CORS headers. */
    static final int FILTER_PRIORITY = 9_500;
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String HEADERS = "Authorization, Content-Type, X-Request-Id, If-None-Match, If-Match, Range, Accept";
    private final Origins origins;
    private final RouteTable routes;

    public Cors(Origins origins, RouteTable routes) {
        this.origins = origins;
        this.routes = routes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, FILTER_PRIORITY);
    }

    void addHeaders(RoutingContext ctx) {
        if (routes.isApi(ctx)) {
            String origin = ctx.request().getHeader("Origin");
            HttpServerResponse response = ctx.response();
            response.headers().add("Vary", "Origin");
            if (origins.isAllowedCrossOrigin(origin)) {
                response.putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Credentials", "true")
                        .putHeader("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Location, ETag, Content-Range");
            }
        }
        ctx.next();
    }

    /** Answers a preflight (the headers are already set) and returns true when the request is done. */
    public boolean preflight(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS && origin != null
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            return false;
        }
        ctx.request().resume();
        if (!origins.isAllowedCrossOrigin(origin)) {
            HttpLayerProblems.write(ctx, 403, "This origin may not call the API.");
            return true;
        }
        ctx.response().putHeader("Access-Control-Allow-Methods", METHODS)
                .putHeader("Access-Control-Allow-Headers", HEADERS)
                .putHeader("Access-Control-Max-Age", "600")
                .setStatusCode(204)
                .end();
        return true;
    }
}
