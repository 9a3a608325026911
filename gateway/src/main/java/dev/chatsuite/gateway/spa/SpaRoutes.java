package dev.chatsuite.gateway.spa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.gateway.route.RouteTable;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The SPA's static files (from the webapp module's META-INF/resources): security headers on
 * every page response, and {@code index.html} for client-side routes (a path without a file
 * extension), so a reload on {@code /conversations/…} works.
 */
@ApplicationScoped
public class SpaRoutes {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final RouteTable routes;

    public SpaRoutes(RouteTable routes) {
        this.routes = routes;
    }

    void register(@Observes Router router) {
        router.route().order(-900).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        if (routes.destination(ctx) != RouteTable.Destination.SPA) {
            ctx.next();
            return;
        }
        String path = ctx.normalizedPath();
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "strict-origin-when-cross-origin")
                .putHeader("X-Frame-Options", "DENY");
        boolean read = ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD;
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (read && !path.equals("/") && !last.contains(".")) {
            ctx.response().putHeader("Cache-Control", "no-cache");
            ctx.reroute("/index.html");
            return;
        }
        if (path.equals("/") || path.equals("/index.html")) {
            ctx.response().putHeader("Cache-Control", "no-cache");
        } else if (path.startsWith("/assets/")) {
            ctx.response().putHeader("Cache-Control", "public, max-age=31536000, immutable");
        }
        ctx.next();
    }
}
