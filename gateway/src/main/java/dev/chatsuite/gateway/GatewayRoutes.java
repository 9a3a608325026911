package dev.chatsuite.gateway;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.common.http.BearerToken;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.body.BodyLimits;
import dev.chatsuite.gateway.body.BoundedBody;
import dev.chatsuite.gateway.body.Oversize;
import dev.chatsuite.gateway.guard.CanonicalPath;
import dev.chatsuite.gateway.guard.Cors;
import dev.chatsuite.gateway.guard.Csrf;
import dev.chatsuite.gateway.guard.RateLimits;
import dev.chatsuite.gateway.session.BrowserCredentials;
import dev.chatsuite.gateway.session.SessionRoutes;
import dev.chatsuite.gateway.spa.SpaRoutes;
import dev.chatsuite.gateway.upstream.HttpForwarder;
import dev.chatsuite.gateway.upstream.Upstream;
import dev.chatsuite.gateway.upstream.Upstreams;
import dev.chatsuite.gateway.upstream.WebSocketForwarder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's one pipeline for API paths ({@code /api/**}, {@code /ws}, {@code /.well-known/**}):
 * CORS preflights, the canonical path (or 400), then the gateway's own {@code /api/session} or
 * the route table, CSRF, rate limits, the browser's token (refreshed only once the request is
 * within its limit), and the forward. Everything else falls through to the SPA.
 */
@ApplicationScoped
public class GatewayRoutes {

    private final ApiPaths api;
    private final Upstreams upstreams;
    private final Cors cors;
    private final Csrf csrf;
    private final RateLimits limits;
    private final BodyLimits bodies;
    private final BrowserCredentials credentials;
    private final SessionRoutes sessions;
    private final HttpForwarder http;
    private final WebSocketForwarder websockets;

    public GatewayRoutes(ApiPaths api, Upstreams upstreams, Cors cors, Csrf csrf, RateLimits limits, BodyLimits bodies,
            BrowserCredentials credentials, SessionRoutes sessions, HttpForwarder http, WebSocketForwarder websockets) {
        this.api = api;
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
        if (SpaRoutes.isOperations(ctx.request().path())) {
            // Operations live on the management port; no spelling of /q is served here.
            ctx.fail(ProblemException.notFound("No such page."));
            return;
        }
        if (!api.isApi(ctx)) {
            ctx.next();
            return;
        }
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
                ctx.fail(failure instanceof ProblemException ? failure : new ProblemException(502, "bad-gateway", "The request could not be forwarded."));
            }
        });
    }

    private Uni<Void> pipeline(RoutingContext ctx, CanonicalPath path) {
        String key = path.routeKey();
        HttpMethod method = ctx.request().method();
        boolean upgrade = WebSocketForwarder.isUpgrade(ctx);
        boolean loginBody = method == HttpMethod.POST && (key.equals("/api/auth/login") || key.equals("/api/session"));
        if (key.equals("/api/session")) {
            csrf.check(ctx, method != HttpMethod.POST && credentials.usesCookies(ctx, key), false);
            if (!loginBody) {
                return limits.request(ctx, key, credentials.presentedAccess(ctx)).chain(() -> sessions.handle(ctx));
            }
            return readJson(ctx).chain(body -> limits.login(ctx, identifier(body)).chain(() -> sessions.login(ctx, body)));
        }
        Optional<Upstream> upstream = upstreams.forPath(key);
        if (upstream.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.notFound("No API at " + path.path() + "."));
        }
        boolean cookies = credentials.usesCookies(ctx, key);
        csrf.check(ctx, cookies, upgrade);
        String uri = path.uri(ctx.request().query());
        if (loginBody) {
            return BoundedBody.read(ctx.request(), bodies.login()).chain(body -> limits.login(ctx, identifier(body))
                    .invoke(() -> http.forward(ctx, upstream.get(), body, uri, bodies.login())));
        }
        String presented = cookies ? credentials.presentedAccess(ctx) : upgrade ? socketTokenOf(ctx) : bearerOf(ctx);
        return limits.request(ctx, key, presented)
                .chain(() -> cookies ? credentials.accessToken(ctx) : Uni.createFrom().item(Optional.<String>empty()))
                .invoke(access -> {
                    access.ifPresent(t -> ctx.request().headers().set("Authorization", "Bearer " + t));
                    if (upgrade) {
                        websockets.forward(ctx, upstream.get());
                    } else {
                        http.forward(ctx, upstream.get(), null, uri, bodies.forwarded(ctx.request(), key));
                    }
                }).replaceWithVoid();
    }

    private Uni<JsonObject> readJson(RoutingContext ctx) {
        return BoundedBody.read(ctx.request(), bodies.login()).map(body -> {
            try {
                return body.length() == 0 ? new JsonObject() : body.toJsonObject();
            } catch (RuntimeException e) {
                throw new ProblemException(400, "malformed-json", "The body is not a JSON object.");
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
