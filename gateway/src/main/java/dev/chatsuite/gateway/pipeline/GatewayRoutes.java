package dev.chatsuite.gateway.pipeline;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.common.http.BearerToken;
import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.backend.Upstream;
import dev.chatsuite.gateway.backend.Upstreams;
import dev.chatsuite.gateway.body.BodyLimits;
import dev.chatsuite.gateway.body.BoundedBody;
import dev.chatsuite.gateway.body.Oversize;
import dev.chatsuite.gateway.guard.Cors;
import dev.chatsuite.gateway.guard.Csrf;
import dev.chatsuite.gateway.guard.RateLimits;
import dev.chatsuite.gateway.route.CanonicalPath;
import dev.chatsuite.gateway.route.Route;
import dev.chatsuite.gateway.route.RouteTable;
import dev.chatsuite.gateway.session.BrowserCredentials;
import dev.chatsuite.gateway.session.SessionRoutes;
import dev.chatsuite.gateway.upstream.HttpForwarder;
import dev.chatsuite.gateway.upstream.WebSocketForwarder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's one pipeline for API paths ({@code /api/**}, {@code /ws}, {@code /.well-known/**}):
 * CORS preflights, the canonical path (or 400), the route table's row (or 404), CSRF, rate
 * limits, the browser's token (refreshed only once the request is within its limit), then the
 * gateway's own {@code /api/session} or the forward. {@code /q} in any spelling is a 404;
 * everything else falls through to the SPA.
 */
@ApplicationScoped
public class GatewayRoutes {

    private final RouteTable routes;
    private final Upstreams upstreams;
    private final Cors cors;
    private final Csrf csrf;
    private final RateLimits limits;
    private final BodyLimits bodies;
    private final BrowserCredentials credentials;
    private final SessionRoutes sessions;
    private final HttpForwarder http;
    private final WebSocketForwarder websockets;

    public GatewayRoutes(RouteTable routes, Upstreams upstreams, Cors cors, Csrf csrf, RateLimits limits, BodyLimits bodies,
            BrowserCredentials credentials, SessionRoutes sessions, HttpForwarder http, WebSocketForwarder websockets) {
        this.routes = routes;
        this.upstreams = upstreams;
        this.cors = cors;
        this.csrf = csrf;
        this.limits = limits;
        this.bodies = bodies;
        this.credentials = credentials;
        this.sessions = sessions;
        this.http = http;
        this.websockets = websockets;
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        switch (routes.destination(ctx)) {
            case OPERATIONS -> ctx.fail(ProblemException.notFound("No such page."));
            case API -> api(ctx);
            default -> ctx.next();
        }
    }

    private void api(RoutingContext ctx) {
        ctx.request().pause();
        if (cors.preflight(ctx)) {
            return;
        }
        CanonicalPath path;
        try {
            path = CanonicalPath.of(ctx.request().path());
        } catch (ProblemException refused) {
            ctx.request().resume();
            ctx.fail(refused);
            return;
        }
        pipeline(ctx, path).subscribe().with(ignored -> {
        }, failure -> {
            if (websockets.refuse(ctx, failure)) {
                return;
            }
            if (failure instanceof ProblemException problem && problem.status() == 413) {
                Oversize.refuse(ctx, problem);
                return;
            }
            ctx.request().resume();
            if (!ctx.response().headWritten()) {
                ctx.fail(failure instanceof ProblemException ? failure : CommonProblem.BAD_GATEWAY.exception("The request could not be forwarded."));
            }
        });
    }

    private Uni<Void> pipeline(RoutingContext ctx, CanonicalPath path) {
        Optional<Route> found = routes.match(ctx.request().method(), ctx.request().getHeader("Content-Type"), path);
        if (found.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.notFound("No API at " + path.path() + "."));
        }
        Route route = found.get();
        // Only a forwarded route upgrades; the gateway's own endpoint answers an upgrade request as plain HTTP.
        boolean upgrade = route.forwarded() && WebSocketForwarder.isUpgrade(ctx);
        boolean cookies = credentials.usesCookies(ctx, route);
        csrf.check(ctx, route, cookies, upgrade);
        long maxBody = bodies.cap(route.body());
        if (route.bucket() == Route.Bucket.LOGIN) {
            // The login limit is keyed on the identifier: the (small) body is read first.
            if (!route.forwarded()) {
                return readJson(ctx, maxBody).chain(body -> limits.login(ctx, identifier(body)).chain(() -> sessions.login(ctx, body)));
            }
            Upstream upstream = upstreams.of(route.service());
            String uri = path.uri(ctx.request().query());
            return BoundedBody.read(ctx.request(), maxBody).chain(body -> limits.login(ctx, identifier(body))
                    .invoke(() -> http.forward(ctx, upstream, body, uri, maxBody)));
        }
        if (!route.forwarded()) {
            return limits.request(ctx, route, credentials.presentedAccess(ctx)).chain(() -> sessions.handle(ctx));
        }
        Upstream upstream = upstreams.of(route.service());
        String uri = path.uri(ctx.request().query());
        String presented = cookies ? credentials.presentedAccess(ctx) : upgrade ? socketTokenOf(ctx) : bearerOf(ctx);
        return limits.request(ctx, route, presented)
                .chain(() -> cookies ? credentials.accessToken(ctx) : Uni.createFrom().item(Optional.<String>empty()))
                .invoke(access -> {
                    access.ifPresent(t -> ctx.request().headers().set("Authorization", "Bearer " + t));
                    if (upgrade) {
                        websockets.forward(ctx, upstream);
                    } else {
                        http.forward(ctx, upstream, null, uri, maxBody);
                    }
                }).replaceWithVoid();
    }

    private static Uni<JsonObject> readJson(RoutingContext ctx, long maxBody) {
        return BoundedBody.read(ctx.request(), maxBody).map(body -> {
            try {
                return body.length() == 0 ? new JsonObject() : body.toJsonObject();
            } catch (RuntimeException e) {
                throw CommonProblem.MALFORMED_JSON.exception("The body is not a JSON object.");
            }
        });
    }

    private static String identifier(JsonObject body) {
        return body.getValue("identifier") instanceof String identifier ? identifier : null;
    }

    private static String identifier(Buffer body) {
        try {
            return identifier(body.toJsonObject());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String bearerOf(RoutingContext ctx) {
        return BearerToken.of(ctx.request().getHeader("Authorization"));
    }

    /** An upgrade's token: the bearer header, else {@code ?token=} (browsers cannot set headers on an upgrade). */
    private static String socketTokenOf(RoutingContext ctx) {
        String bearer = bearerOf(ctx);
        if (bearer != null) {
            return bearer;
        }
        try {
            List<String> tokens = ctx.queryParam("token");
            return tokens.isEmpty() ? null : tokens.get(0);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
