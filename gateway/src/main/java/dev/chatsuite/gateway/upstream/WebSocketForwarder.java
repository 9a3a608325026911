package dev.chatsuite.gateway.upstream;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.backend.Upstream;
import dev.chatsuite.gateway.backend.UpstreamFailures;
import dev.chatsuite.gateway.backend.Upstreams;
import dev.chatsuite.gateway.caller.SessionCookies;
import dev.chatsuite.gateway.route.Route.Service;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Proxies a WebSocket once the gateway's checks have passed: accepts the client's upgrade
 * (with any cookies a refresh set, which a 101 would otherwise drop), then connects upstream
 * with the injected Authorization and the gateway's forwarded headers, and splices the two.
 * Close codes pass through unchanged, so the client sees messaging-service's
 * 4001/4003/4008. Browsers cannot read an HTTP status on a failed upgrade, so every refusal is
 * an accepted upgrade closed with its code: 4008 rate limited, 1013 the gateway's socket limit,
 * 1011 upstream unreachable or an internal failure. Messaging's {@code /ws} sockets ride a
 * {@link SocketLink} instead of a socket of their own (GATEWAY_WS_LINK).
 */
@ApplicationScoped
public class WebSocketForwarder {

    private static final Logger LOG = Logger.getLogger(WebSocketForwarder.class);
    private final SocketBudget budget;
    private final SessionCookies cookies;
    private final SocketLinks links;
    private final Upstreams upstreams;

    private final long maxMessage;
    private final boolean link;

    public WebSocketForwarder(SocketBudget budget, SessionCookies cookies, SocketLinks links, Upstreams upstreams, GatewayConfig config) {
        this.maxMessage = config.websockets().maxMessage().asLongValue();
        this.link = config.websockets().link();
        this.budget = budget;
        this.cookies = cookies;
        this.links = links;
        this.upstreams = upstreams;
    }

    public static boolean isUpgrade(RoutingContext ctx) {
        return "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
    }

    /** Called when every check passed, on any thread. */
    public void forward(RoutingContext ctx, Upstream upstream) {
        onRequestContext(ctx, () -> {
            SocketBudget.Lease lease = budget.tryAcquire();
            if (lease == null) {
                LOG.warnf("WebSocket refused: the gateway holds its maximum of %d sockets", budget.max());
                acceptAndClose(ctx, CloseCodes.TRY_AGAIN_LATER, "The gateway is at its socket limit; try again later.");
                return;
            }
            // The client's TCP connection bounds the lease, whatever the upgrade's state when it closes: Vert.x can
            // upgrade a request whose connection already closed, and that socket never reports a close of its own.
            Future<Void> clientClosed = closeFuture(ctx);
            clientClosed.onComplete(v -> lease.release());
            if (linked(ctx, upstream)) {
                Context context = Vertx.currentContext() != null ? Vertx.currentContext() : ctx.vertx().getOrCreateContext();
                JsonObject handshake = prepared(lease, () -> handshake(ctx));
                acceptAndAttach(ctx, lease, clientClosed, client -> links.open(upstream, context, client, handshake, lease::release)::clientGone);
                return;
            }
            WebSocketConnectOptions options = prepared(lease, () -> upstreamOptions(ctx, upstream));
            acceptAndAttach(ctx, lease, clientClosed, client -> {
                Splice splice = new Splice(client, lease::release, maxMessage);
                connect(upstream, options, splice);
                return splice::clientGone;
            });
        });
    }

    /** What the upstream leg needs from the request, read before the 101; the lease goes back if reading fails. */
    private static <T> T prepared(SocketBudget.Lease lease, Supplier<T> prepare) {
        try {
            return prepare.get();
        } catch (RuntimeException gone) {
            lease.release();
            throw gone;
        }
    }

    /**
     * Sends the 101 and attaches the client to its upstream leg (a splice or a link channel),
     * which is told when the client's connection closes. The lease goes back on any failure.
     */
    private void acceptAndAttach(RoutingContext ctx, SocketBudget.Lease lease, Future<Void> clientClosed,
            Function<ServerWebSocket, Runnable> attach) {
        accept(ctx).onComplete(accepted -> {
            if (accepted.failed()) {
                lease.release();
                return;
            }
            Runnable clientGone;
            try {
                clientGone = attach.apply(accepted.result());
            } catch (IllegalStateException closed) {
                // The client's connection closed between the 101 and here: Vert.x refuses handlers on it.
                LOG.debugf("WebSocket client left right after its upgrade: %s", closed.getMessage());
                lease.release();
                return;
            }
            clientClosed.onComplete(v -> clientGone.run());
        });
    }

    /** Messaging's {@code /ws} rides the socket link when it is on; {@code /ws/echo} and every other socket are spliced. */
    private boolean linked(RoutingContext ctx, Upstream upstream) {
        return link && upstream == upstreams.of(Service.MESSAGING) && "/ws".equals(ctx.request().path());
    }

    /**
     * A channel's OPEN: the client's URI and the headers a spliced upstream would get, one value
     * per name (repeats joined as HTTP joins them). No Sec-WebSocket-Protocol: the gateway
     * negotiates no subprotocol with the client.
     */
    private static JsonObject handshake(RoutingContext ctx) {
        MultiMap forwarded = ForwardedHeaders.forWebSocket(ctx);
        forwarded.remove("Sec-WebSocket-Protocol");
        JsonObject headers = new JsonObject();
        for (String name : forwarded.names()) {
            String separator = name.toLowerCase(Locale.ROOT).equals("cookie") ? "; " : ", ";
            headers.put(name, String.join(separator, forwarded.getAll(name)));
        }
        return new JsonObject().put("uri", ctx.request().uri()).put("headers", headers);
    }

    /** Completes when the client's connection closes (at once if it has); never, where Vert.x does not say. */
    private static Future<Void> closeFuture(RoutingContext ctx) {
        return ctx.request().connection() instanceof ConnectionBase connection ? connection.closeFuture() : Future.<Void>future(p -> {
        });
    }

    /**
     * Answers a failed check of an upgrade as an upgrade closed with its code. Returns false for
     * refusals that stay HTTP answers: a request that is not an upgrade, a CSRF 403, a 404.
     */
    public boolean refuse(RoutingContext ctx, Throwable failure) {
        if (!isUpgrade(ctx) || ctx.response().headWritten()) {
            return false;
        }
        short code;
        String reason;
        if (failure instanceof ProblemException problem) {
            if (problem.status() == 429) {
                code = CloseCodes.RATE_LIMITED;
                String wait = ctx.response().headers().get("Retry-After");
                reason = wait == null ? "Too many connections; retry later." : "Too many connections; retry in " + wait + " seconds.";
            } else if (problem.status() >= 500) {
                code = CloseCodes.INTERNAL_ERROR;
                reason = null;
            } else {
                return false;
            }
        } else {
            LOG.warnf("WebSocket upgrade failed before the proxy: %s", failure.getClass().getSimpleName());
            code = CloseCodes.INTERNAL_ERROR;
            reason = null;
        }
        onRequestContext(ctx, () -> acceptAndClose(ctx, code, reason));
        return true;
    }

    private void connect(Upstream upstream, WebSocketConnectOptions options, Splice splice) {
        Upstream.Target target = upstream.pick().orElse(null);
        if (target == null) {
            splice.fail("The " + upstream.name() + " service is unavailable.");
            return;
        }
        options.setHost(target.host()).setPort(target.port()).setSsl(target.ssl());
        upstream.websockets().connect(options).onComplete(connected -> {
            if (connected.failed()) {
                if (UpstreamFailures.isConnectFailure(connected.cause())) {
                    upstream.markDown(target);
                }
                LOG.warnf("WebSocket upstream %s at %s failed: %s", upstream.name(), target, connected.cause().toString());
                splice.fail("The " + upstream.name() + " service cannot be reached.");
                return;
            }
            splice.attach(connected.result());
        });
    }

    private static WebSocketConnectOptions upstreamOptions(RoutingContext ctx, Upstream upstream) {
        MultiMap headers = ForwardedHeaders.forWebSocket(ctx);
        String protocols = headers.get("Sec-WebSocket-Protocol");
        headers.remove("Sec-WebSocket-Protocol");
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setURI(ctx.request().uri())
                .setHeaders(headers)
                .setConnectTimeout(upstream.config().connectTimeout().toMillis());
        if (protocols != null) {
            options.setSubProtocols(Arrays.stream(protocols.split(",")).map(String::trim).toList());
        }
        return options;
    }

    /** The 101, carrying the session cookies set while the upgrade was checked. */
    private Future<ServerWebSocket> accept(RoutingContext ctx) {
        UpgradeCookies.moveToHeaders(ctx.response(), cookies.accessName(), cookies.refreshName());
        Future<ServerWebSocket> upgrade;
        try {
            upgrade = ctx.request().toWebSocket();
        } catch (IllegalStateException gone) {
            // The client left during the checks: Vert.x has ended the request and refuses to upgrade it.
            LOG.debugf("WebSocket client left before its upgrade: %s", gone.getMessage());
            return Future.failedFuture(gone);
        }
        return upgrade.onFailure(e -> {
            // An invalid handshake (no key, unknown version): Vert.x has answered nothing yet.
            LOG.debugf("WebSocket handshake refused: %s", e.getMessage());
            if (!ctx.response().headWritten() && !ctx.response().closed()) {
                ctx.fail(CommonProblem.BAD_REQUEST.exception("The WebSocket handshake is invalid."));
            }
        });
    }

    private void acceptAndClose(RoutingContext ctx, short code, String reason) {
        accept(ctx).onSuccess(socket -> socket.close(code, reason));
    }

    /**
     * Runs the upgrade on the client connection's own context: the 101, the client socket's
     * handlers and the upstream connect then share one event loop, whichever thread the
     * checks (Redis, a token refresh) finished on.
     */
    private static void onRequestContext(RoutingContext ctx, Runnable task) {
        if (ctx.request() instanceof HttpServerRequestInternal internal) {
            Context context = internal.context();
            if (Context.isOnEventLoopThread() && context == Vertx.currentContext()) {
                task.run();
            } else {
                context.runOnContext(v -> task.run());
            }
        } else {
            task.run();
        }
    }
}
