package dev.chatsuite.messaging.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.chatsuite.common.link.LinkRecords;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One socket link from a gateway: its channels, each a client socket ({@link LinkPeer}), and
 * its writer. Frames for the link from any thread are appended to one batch, written as one
 * message when the link's event loop next runs, so a delivery to many of its sockets costs one
 * write. Records are read and channels kept on that event loop only.
 */
final class SocketLink implements LinkRecords.Visitor {

    private static final Logger LOG = Logger.getLogger(SocketLink.class);
    /** A batch past this many bytes is written as it stands; the rest goes into the next message. */
    static final int BATCH_BYTES = 16 * 1024;
    private final ServerWebSocket ws;
    private final Context context;
    private final SocketLifecycle lifecycle;
    private final Map<Integer, LinkPeer> channels = new HashMap<>();
    private final List<Buffer> full = new ArrayList<>();
    private Buffer batch = Buffer.buffer();
    private Promise<Void> written = Promise.promise();
    private boolean scheduled;

    SocketLink(ServerWebSocket ws, Context context, SocketLifecycle lifecycle) {
        this.ws = ws;
        this.context = context;
        this.lifecycle = lifecycle;
    }

    void start() {
        ws.binaryMessageHandler(this::received);
        ws.closeHandler(v -> gone());
        ws.exceptionHandler(e -> LOG.debugf("A socket link failed: %s", e.getClass().getSimpleName()));
    }

    int channels() {
        return channels.size();
    }

    private void received(Buffer message) {
        try {
            LinkRecords.read(message, this);
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("A socket link sent a malformed message, closing it: %s", malformed.getMessage());
            ws.close((short) 1002, "Malformed link record.");
        }
    }

    @Override
    public void open(int channel, JsonObject handshake) {
        if (channels.containsKey(channel)) {
            return;
        }
        LinkPeer peer = new LinkPeer(this, channel, UUID.randomUUID().toString(), handshake);
        channels.put(channel, peer);
        lifecycle.open(peer).subscribe().with(v -> {
        }, e -> LOG.warnf("A linked socket could not be opened: %s", e.getClass().getSimpleName()));
    }

    @Override
    public void text(int channel, Buffer utf8) {
        LinkPeer peer = channels.get(channel);
        if (peer != null) {
            peer.received(LinkRecords.string(utf8));
        }
    }

    @Override
    public void close(int channel, short code, String reason) {
        LinkPeer peer = channels.remove(channel);
        if (peer != null) {
            peer.ended();
        }
    }

    /** Queues a frame for a channel, from any thread; completes once its batch is written. */
    Future<Void> text(LinkPeer peer, String frame) {
        synchronized (this) {
            LinkRecords.text(batch, peer.channel(), frame);
            return scheduled();
        }
    }

    /** Queues the close of a channel, from any thread; the channel is forgotten on the link's loop. */
    Future<Void> close(LinkPeer peer, int code, String reason) {
        Future<Void> sent;
        synchronized (this) {
            LinkRecords.close(batch, peer.channel(), (short) code, reason);
            sent = scheduled();
        }
        onLoop(() -> {
            if (channels.remove(peer.channel(), peer)) {
                peer.ended();
            }
        });
        return sent;
    }

    /** Runs {@code task} on the link's event loop, in order with its records. */
    void onLoop(Runnable task) {
        if (Context.isOnEventLoopThread() && context == Vertx.currentContext()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    void runMessage(LinkPeer peer, String text, Runnable done) {
        lifecycle.message(peer.id(), text).subscribe().with(v -> onLoop(done), e -> onLoop(done));
    }

    void released(LinkPeer peer) {
        lifecycle.closed(peer.id()).subscribe().with(v -> {
        }, e -> {
        });
    }

    private Future<Void> scheduled() {
        if (batch.length() >= BATCH_BYTES) {
            full.add(batch);
            batch = Buffer.buffer();
        }
        Future<Void> mine = written.future();
        if (!scheduled) {
            scheduled = true;
            context.runOnContext(v -> flush());
        }
        return mine;
    }

    private void flush() {
        List<Buffer> out;
        Promise<Void> done;
        synchronized (this) {
            out = new ArrayList<>(full);
            full.clear();
            if (batch.length() > 0) {
                out.add(batch);
                batch = Buffer.buffer();
            }
            done = written;
            written = Promise.promise();
            scheduled = false;
        }
        if (ws.isClosed()) {
            done.fail("The socket link is closed.");
            return;
        }
        Future<Void> last = Future.succeededFuture();
        for (Buffer message : out) {
            last = ws.writeBinaryMessage(message);
        }
        last.onComplete(done);
    }

    /** The gateway went away: every socket it brought is released (its browsers reconnect). */
    private void gone() {
        List<LinkPeer> all = List.copyOf(channels.values());
        channels.clear();
        all.forEach(LinkPeer::ended);
    }
}
