package dev.chatsuite.gateway;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.common.http.BearerToken;
import dev.chatsuite.common.http.ContentLength;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.guard.Cors;
import dev.chatsuite.gateway.guard.Csrf;
import dev.chatsuite.gateway.guard.RateLimits;
import dev.chatsuite.gateway.session.BrowserCredentials;
import dev.chatsuite.gateway.session.SessionRoutes;
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
 * CORS, then the gateway's own {@code /api/session} or the route table, CSRF, rate limits,
 * the browser's token, and the forward. Everything else falls through to the SPA.
 */
@ApplicationScoped
public class GatewayRoutes {

    /** Login bodies are read whole to find the identifier for the rate limit; they are tiny. */
    private static final int MAX_LOGIN_BODY = 16 * 1024;
    private final Upstreams upstreams;
    private final Cors cors;
    private final Csrf csrf;
    private final RateLimits limits;
    private final BrowserCredentials credentials;
    private final SessionRoutes sessions;
    private final HttpForwarder http;
    private final WebSocketForwarder websockets;

    public GatewayRoutes(Upstreams upstreams, Cors cors, Csrf csrf, RateLimits limits, BrowserCredentials credentials, SessionRoutes sessions,
            HttpForwarder http, WebSocketForwarder websockets) {
        this.upstreams = upstreams;
        this.cors = cors;
        this.csrf = csrf;
        this.limits = limits;
        this.credentials = credentials;
        this.sessions = sessions;
        this.http = http;
        this.websockets = websockets;
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::handle);
    }

    static boolean isApi(String path) {
        if (path.startsWith("/api/__probe/")) {
            // test-support's problem+json probe, present only in tests: let Quarkus REST answer it.
            return false;
        }
        return path.equals("/api") || path.startsWith("/api/") || path.equals("/ws") || path.startsWith("/ws/") || path.startsWith("/.well-known/");
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!isApi(path)) {
            ctx.next();
            return;
        }
        ctx.request().pause();
        if (cors.handle(ctx)) {
            return;
        }
        pipeline(ctx, path).subscribe().with(ignored -> {
        }, failure -> {
            if (websockets.refuse(ctx, failure)) {
                return;
            }
            ctx.request().resume();
            if (!ctx.response().headWritten()) {
                ctx.fail(failure instanceof ProblemException ? failure : new ProblemException(502, "bad-gateway", "The request could not be forwarded."));
            }
        });
    }

    private Uni<Void> pipeline(RoutingContext ctx, String path) {
        boolean upgrade = WebSocketForwarder.isUpgrade(ctx);
        boolean loginBody = ctx.request().method() == HttpMethod.POST && (path.equals("/api/auth/login") || path.equals("/api/session"));
        if (path.equals("/api/session")) {
            csrf.check(ctx, ctx.request().method() != HttpMethod.POST && credentials.usesCookies(ctx), false);
            if (!loginBody) {
                return limits.request(ctx, null).chain(() -> sessions.handle(ctx));
            }
            return readJson(ctx).chain(body -> limits.login(ctx, body.getString("identifier")).chain(() -> sessions.login(ctx, body)));
        }
        Optional<Upstream> upstream = upstreams.forPath(path);
        if (upstream.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.notFound("No API at " + path + "."));
        }
        boolean cookies = credentials.usesCookies(ctx);
        csrf.check(ctx, cookies, upgrade);
        if (loginBody) {
            return readBody(ctx).chain(body -> limits.login(ctx, identifier(body)).invoke(() -> http.forward(ctx, upstream.get(), body)));
        }
        Uni<Optional<String>> token = cookies ? credentials.accessToken(ctx) : Uni.createFrom().item(Optional.empty());
        return token.chain(access -> {
            access.ifPresent(t -> ctx.request().headers().set("Authorization", "Bearer " + t));
            String bearer = access.orElseGet(() -> bearerOf(ctx));
            return limits.request(ctx, bearer).invoke(() -> {
                if (upgrade) {
                    websockets.forward(ctx, upstream.get());
                } else {
                    http.forward(ctx, upstream.get(), null);
                }
            });
        });
    }

    private static Uni<Buffer> readBody(RoutingContext ctx) {
        if (ContentLength.parse(ctx.request().getHeader("Content-Length")) > MAX_LOGIN_BODY) {
            return Uni.createFrom().failure(new ProblemException(413, "payload-too-large", "A login body is at most 16 KiB."));
        }
        ctx.request().resume();
        return Uni.createFrom().completionStage(ctx.request().body().toCompletionStage());
    }

    private static Uni<JsonObject> readJson(RoutingContext ctx) {
        return readBody(ctx).map(body -> {
            try {
                return body.length() == 0 ? new JsonObject() : body.toJsonObject();
            } catch (RuntimeException e) {
                throw new ProblemException(400, "malformed-json", "The body is not valid JSON.");
            }
        });
    }

    private static String identifier(Buffer body) {
        try {
            return body.toJsonObject().getString("identifier");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String bearerOf(RoutingContext ctx) {
        return BearerToken.of(ctx.request().getHeader("Authorization"));
    }
}
