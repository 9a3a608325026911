package dev.chatsuite.gateway.upstream;

import org.jboss.logging.Logger;

import dev.chatsuite.common.link.LinkRecords;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * One client socket on a {@link SocketLink} (what {@link Splice} is for a socket of its own):
 * the client's text messages become TEXT records, the instance's records its frames and its
 * close. The link is never paused for one client: a client that leaves more than
 * {@code maxBacklog} bytes unread beyond its write queue is closed with 4008, as messaging
 * closes its own slow readers. Runs on the client connection's event loop, the link's too.
 */
final class LinkChannel {

    private static final Logger LOG = Logger.getLogger(LinkChannel.class);
    static final String TOO_FAR_BEHIND = "Too far behind; reconnect and catch up over REST.";

    private final ServerWebSocket down;
    private final long maxMessage;
    private final long maxBacklog;
    private SocketLink link;
    private int number;
    /** The instance still holds this channel: the client's leaving must be told. */
    private boolean onLink;
    /** The client's current message: its kind, its bytes so far, and its earlier fragments (null for none). */
    private boolean text;
    private long messageBytes;
    private Buffer fragments;
    /** Bytes written to the client while its write queue was full, since it last drained. */
    private long backlog;

    LinkChannel(ServerWebSocket down, Runnable released, long maxMessage, long maxBacklog) {
        this.down = down;
        this.maxMessage = maxMessage;
        this.maxBacklog = maxBacklog;
        // Vert.x refuses handlers on a closed socket: every handler is set while it is surely open.
        // Paused until its link is open, so its first frames wait in Vert.x's buffer under TCP back-pressure.
        down.pause();
        down.frameHandler(this::fromClient);
        down.closeHandler(v -> {
            released.run();
            leave();
        });
        down.drainHandler(v -> backlog = 0);
        down.exceptionHandler(e -> LOG.debugf("WebSocket client failed: %s", e.getClass().getSimpleName()));
    }

    /** The channel's place on its link; its OPEN is on the way. */
    void attach(SocketLink link, int number) {
        this.link = link;
        this.number = number;
        this.onLink = true;
    }

    /** The client's TCP connection closed, whether or not its socket said so: the instance is told. */
    void clientGone() {
        leave();
    }

    /** No link could take the socket: the client, already upgraded, is told so. */
    void fail(String reason) {
        onLink = false;
        close(CloseCodes.INTERNAL_ERROR, reason);
    }

    void pause() {
        down.pause();
    }

    void resume() {
        down.resume();
    }

    /** A message from the instance; counted against the backlog once the client's write queue is full. */
    void deliver(Buffer utf8) {
        if (down.isClosed()) {
            return;
        }
        down.writeTextMessage(LinkRecords.string(utf8));
        if (down.writeQueueFull()) {
            backlog += utf8.length();
            if (backlog > maxBacklog) {
                close(CloseCodes.RATE_LIMITED, TOO_FAR_BEHIND);
                leaveLink(CloseCodes.GOING_AWAY);
            }
        }
    }

    /** The instance closed the socket (it has forgotten the channel): the client gets its code and reason. */
    void closedByInstance(short code, String reason) {
        onLink = false;
        close(CloseCodes.passOn(code), reason);
    }

    /** The link is gone: the client is closed with 1011, as when a spliced socket's upstream drops. */
    void linkGone(String reason) {
        onLink = false;
        close(CloseCodes.INTERNAL_ERROR, reason);
    }

    private void fromClient(WebSocketFrame frame) {
        if (!onLink || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
            // Pings and pongs are answered by Vert.x; a close frame comes through the close handler.
            return;
        }
        if (!frame.isContinuation()) {
            text = frame.isText();
            messageBytes = 0;
            fragments = null;
        }
        Buffer data = frame.binaryData();
        messageBytes += data.length();
        if (messageBytes > maxMessage) {
            fragments = null;
            close(CloseCodes.MESSAGE_TOO_BIG, "A message is at most " + maxMessage + " bytes.");
            leaveLink(CloseCodes.GOING_AWAY);
            return;
        }
        if (!text) {
            // The /ws contract is text JSON: messaging's own /ws ignores binary messages too.
            return;
        }
        if (!frame.isFinal()) {
            fragments = fragments == null ? data.copy() : fragments.appendBuffer(data);
            return;
        }
        Buffer whole = fragments == null ? data : fragments.appendBuffer(data);
        fragments = null;
        link.text(number, whole);
    }

    /** The client closed or dropped: the instance gets the client's own code, else 1001. */
    private void leave() {
        Short seen = down.closeStatusCode();
        if (seen == null) {
            leaveLink(CloseCodes.GOING_AWAY);
        } else if (onLink) {
            onLink = false;
            link.close(number, CloseCodes.passOn(seen), down.closeReason());
        }
    }

    private void leaveLink(short code) {
        if (onLink) {
            onLink = false;
            link.close(number, code, null);
        }
    }

    private void close(short code, String reason) {
        if (!down.isClosed()) {
            down.close(code, reason);
        }
    }
}
