package dev.chatsuite.gateway.upstream;

import org.jboss.logging.Logger;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;

/**
 * Joins an accepted client socket to its upstream socket. Frames are relayed as they come
 * (never re-assembled into messages, so a frame costs no decoding and no copy beyond Vert.x's
 * own), and a side whose peer's write queue is full is paused until that queue drains. The
 * client is paused until the upstream is there, so its first frames wait in Vert.x's buffer
 * under TCP back-pressure. A close is passed on after the frames that preceded it; a side that
 * drops without a close frame closes the other with 1001 (client gone) or 1011 (upstream gone).
 * Everything runs on the client connection's event loop, where the upstream is connected too.
 */
final class Splice {

    private static final Logger LOG = Logger.getLogger(Splice.class);

    private final ServerWebSocket down;
    private final long maxMessage;
    private long messageBytes;
    private WebSocket up;
    /** The client's connection closed, whether or not its socket said so. */
    private boolean clientGone;
    private final Handler<WebSocketFrame> fromClient = this::fromClient;
    private final Handler<WebSocketFrame> fromUpstream = this::fromUpstream;

    Splice(ServerWebSocket down, Runnable released, long maxMessage) {
        this.down = down;
        this.maxMessage = maxMessage;
        // Vert.x refuses handlers on a closed socket: every handler is set while it is surely open.
        down.pause();
        down.frameHandler(fromClient);
        down.endHandler(v -> {
            if (up != null) {
                close(up, CloseCodes.passOn(down.closeStatusCode()), down.closeReason());
            }
        });
        down.closeHandler(v -> {
            released.run();
            if (up != null && down.closeStatusCode() == null) {
                close(up, CloseCodes.GOING_AWAY, null);
            }
        });
        down.drainHandler(v -> {
            if (up != null) {
                up.resume();
            }
        });
        down.exceptionHandler(e -> LOG.debugf("WebSocket client failed: %s", e.getClass().getSimpleName()));
    }

    /** The upstream socket is open: relay both ways from now on. */
    void attach(WebSocket upstream) {
        this.up = upstream;
        if (up.isClosed()) {
            close(down, CloseCodes.passOn(up.closeStatusCode()), up.closeReason());
            return;
        }
        up.frameHandler(fromUpstream);
        up.endHandler(v -> close(down, CloseCodes.passOn(up.closeStatusCode()), up.closeReason()));
        up.closeHandler(v -> {
            if (up.closeStatusCode() == null) {
                close(down, CloseCodes.INTERNAL_ERROR, null);
            }
        });
        up.drainHandler(v -> down.resume());
        up.exceptionHandler(e -> LOG.debugf("WebSocket upstream failed: %s", e.getClass().getSimpleName()));
        if (clientGone || down.isClosed()) {
            // The client left (dropped or closed) while the upstream was connecting.
            close(up, clientCloseCode(), null);
            return;
        }
        // Frames (and a close frame) the client sent meanwhile flow now, in order.
        down.resume();
    }

    /**
     * The client's TCP connection closed: closes the upstream (now, or once connected). A socket
     * upgraded on a connection that had already closed reports no close of its own.
     */
    void clientGone() {
        clientGone = true;
        if (up != null) {
            close(up, clientCloseCode(), null);
        }
    }

    /** What the upstream is told when the client left: the client's own close code, else 1001. */
    private short clientCloseCode() {
        return down.closeStatusCode() == null ? CloseCodes.GOING_AWAY : CloseCodes.passOn(down.closeStatusCode());
    }

    /** The upstream could not be reached: the client, already upgraded, is told so. */
    void fail(String reason) {
        close(down, CloseCodes.INTERNAL_ERROR, reason);
    }

    private void fromClient(WebSocketFrame frame) {
        if (frame.isText() || frame.isBinary()) {
            messageBytes = 0;
        }
        if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
            messageBytes += frame.binaryData().length();
            if (messageBytes > maxMessage) {
                close(down, CloseCodes.MESSAGE_TOO_BIG, "A message is at most " + maxMessage + " bytes.");
                if (up != null) {
                    close(up, CloseCodes.GOING_AWAY, null);
                }
                return;
            }
        }
        relay(frame, down, up);
    }

    private void fromUpstream(WebSocketFrame frame) {
        relay(frame, up, down);
    }

    private static void relay(WebSocketFrame frame, WebSocketBase from, WebSocketBase to) {
        // Pings and pongs are answered by each hop; a close frame travels through the end handler.
        if (!(frame.isText() || frame.isBinary() || frame.isContinuation()) || to.isClosed()) {
            return;
        }
        to.writeFrame(frame);
        if (to.writeQueueFull()) {
            from.pause();
        }
    }

    private static void close(WebSocketBase socket, short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
    }
}
