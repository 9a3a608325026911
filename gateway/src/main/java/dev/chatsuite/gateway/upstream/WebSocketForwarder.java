package dev.chatsuite.gateway.upstream;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Proxies a WebSocket: connects upstream first (with the injected Authorization and the
 * gateway's forwarded headers), then accepts the client's upgrade and relays messages both
 * ways, pausing a side whose peer cannot keep up. Close codes pass through unchanged, so the
 * client sees messaging-service's 4001/4003/4008. When the upstream cannot be reached the
 * client is still upgraded and closed with 1011, since browsers cannot read an HTTP status
 * on a failed upgrade.
 */
@ApplicationScoped
public class WebSocketForwarder {

    private static final Logger LOG = Logger.getLogger(WebSocketForwarder.class);
    private static final short INTERNAL_ERROR = 1011;

    public void forward(RoutingContext ctx, Upstream upstream) {
        Upstream.Target target = upstream.pick().orElse(null);
        if (target == null) {
            refuse(ctx, "The " + upstream.name() + " service is unavailable.");
            return;
        }
        MultiMap headers = ForwardedHeaders.forWebSocket(ctx);
        String protocols = headers.get("Sec-WebSocket-Protocol");
        headers.remove("Sec-WebSocket-Protocol");
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(target.host).setPort(target.port).setSsl(target.ssl)
                .setURI(ctx.request().uri())
                .setHeaders(headers)
                .setConnectTimeout(upstream.config().connectTimeout().toMillis());
        if (protocols != null) {
            options.setSubProtocols(Arrays.stream(protocols.split(",")).map(String::trim).toList());
        }
        upstream.websockets().connect(options).onComplete(connected -> {
            if (connected.failed()) {
                if (UpstreamFailures.isConnectFailure(connected.cause())) {
                    upstream.markDown(target);
                }
                LOG.debugf("WebSocket upstream %s failed: %s", upstream.name(), connected.cause().getClass().getSimpleName());
                refuse(ctx, "The " + upstream.name() + " service cannot be reached.");
                return;
            }
            Splice splice = new Splice(connected.result());
            ctx.request().toWebSocket().onComplete(accepted -> {
                if (accepted.failed()) {
                    splice.abandon();
                    return;
                }
                splice.attach(accepted.result());
            });
        });
    }

    /**
     * Joins the two sockets. Upstream frames and an upstream close that arrive before the
     * client's upgrade is accepted are held and replayed: messaging-service greets on open, and
     * closes at once (4001) when the token is missing.
     */
    private static final class Splice {
        private final WebSocket up;
        private final Deque<Object> early = new ArrayDeque<>();
        private ServerWebSocket down;
        private boolean upClosed;

        Splice(WebSocket up) {
            this.up = up;
            up.textMessageHandler(text -> toClient(text));
            up.binaryMessageHandler(bytes -> toClient(bytes));
            up.closeHandler(v -> {
                upClosed = true;
                if (down != null) {
                    close(down, up.closeStatusCode(), up.closeReason());
                }
            });
            up.exceptionHandler(e -> {
                if (down != null) {
                    close(down, INTERNAL_ERROR, null);
                }
            });
        }

        private void toClient(Object frame) {
            if (down == null) {
                early.add(frame);
                return;
            }
            relay(up, down, () -> write(down, frame));
        }

        void attach(ServerWebSocket client) {
            down = client;
            while (!early.isEmpty()) {
                write(down, early.poll());
            }
            if (upClosed) {
                close(down, up.closeStatusCode(), up.closeReason());
                return;
            }
            down.textMessageHandler(text -> relay(down, up, () -> up.writeTextMessage(text)));
            down.binaryMessageHandler(bytes -> relay(down, up, () -> up.writeBinaryMessage(bytes)));
            down.closeHandler(v -> close(up, down.closeStatusCode(), down.closeReason()));
            down.exceptionHandler(e -> close(up, INTERNAL_ERROR, null));
        }

        void abandon() {
            early.clear();
            up.close();
        }

        private static void write(ServerWebSocket to, Object frame) {
            if (frame instanceof String text) {
                to.writeTextMessage(text);
            } else {
                to.writeBinaryMessage((Buffer) frame);
            }
        }
    }

    private static void relay(io.vertx.core.http.WebSocketBase from, io.vertx.core.http.WebSocketBase to, Runnable write) {
        if (to.isClosed()) {
            return;
        }
        write.run();
        if (to.writeQueueFull()) {
            from.pause();
            to.drainHandler(v -> from.resume());
        }
    }

    private static void close(io.vertx.core.http.WebSocketBase socket, Short code, String reason) {
        if (socket.isClosed()) {
            return;
        }
        short sendable = code == null || code == 1005 || code == 1006 || code == 1015 ? INTERNAL_ERROR : code;
        socket.close(sendable, reason);
    }

    private static void refuse(RoutingContext ctx, String reason) {
        ctx.request().toWebSocket().onSuccess(socket -> socket.close(INTERNAL_ERROR, reason))
                .onFailure(e -> ctx.fail(new dev.chatsuite.common.problem.ProblemException(502, "bad-gateway", reason)));
    }

}
