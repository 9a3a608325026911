package dev.chatsuite.gateway.upstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.chatsuite.common.link.LinkRecords;
import dev.chatsuite.gateway.backend.Upstream;
import dev.chatsuite.gateway.backend.UpstreamFailures;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket to a messaging instance carrying many client sockets as numbered channels
 * ({@link LinkRecords}): the records of one event-loop turn go out as one binary message, so a
 * burst costs one write here and one read there. Lives on one event loop, so it takes no locks.
 * While it connects, or while its write queue is full, every client socket on it is paused.
 */
final class SocketLink {

    private static final Logger LOG = Logger.getLogger(SocketLink.class);
    /**
     * A batch is sent once it would pass this, well under what an instance reads in one message:
     * only a single record of a large client message makes a bigger one.
     */
    static final int BATCH_BYTES = 32 * 1024;
    /** A record's op, channel and payload length. */
    private static final int RECORD_HEADER = 9;

    private enum State {
        NEW,
        CONNECTING,
        OPEN,
        GONE
    }

    private final Upstream upstream;
    private final Upstream.Target target;
    private final Context context;
    private final Consumer<SocketLink> removed;
    private final IntObjectMap<LinkChannel> channels = new IntObjectHashMap<>();
    /** Batches sealed while the link was connecting, sent in order once it is open. */
    private final ArrayDeque<Buffer> waiting = new ArrayDeque<>();
    private final LinkRecords.Visitor fromInstance = new FromInstance();
    private State state = State.NEW;
    private WebSocket ws;
    private Buffer pending = Buffer.buffer();
    private boolean flushScheduled;
    private int lastChannel;
    /** Client sockets are paused: the link is connecting or its write queue is full. */
    private boolean paused = true;

    /** {@code context}: the event loop's own context; {@code removed} is told once, when the link is gone. */
    SocketLink(Upstream upstream, Upstream.Target target, Context context, Consumer<SocketLink> removed) {
        this.upstream = upstream;
        this.target = target;
        this.context = context;
        this.removed = removed;
    }

    /** A client socket joins: its OPEN goes in the current batch (connecting the link first if it is new). */
    void add(LinkChannel channel, JsonObject handshake) {
        if (state == State.GONE) {
            channel.fail("The " + upstream.name() + " service cannot be reached.");
            return;
        }
        // Numbers are not reused before 2^31 sockets have passed on one link.
        lastChannel = lastChannel == Integer.MAX_VALUE ? 1 : lastChannel + 1;
        int number = lastChannel;
        channels.put(number, channel);
        channel.attach(this, number);
        LinkRecords.open(batch(0), number, handshake);
        if (state == State.NEW) {
            state = State.CONNECTING;
            // Connected from the event loop's own context, so no request's context is kept by the link.
            context.runOnContext(v -> connect());
        } else if (!paused) {
            channel.resume();
        }
    }

    /** One complete text message of channel {@code number}'s client. */
    void text(int number, Buffer utf8) {
        if (state != State.GONE) {
            LinkRecords.text(batch(RECORD_HEADER + utf8.length()), number, utf8);
        }
    }

    /** Channel {@code number} is done on this side: the instance is told, and later records for it are ignored. */
    void close(int number, short code, String reason) {
        channels.remove(number);
        if (state != State.GONE) {
            LinkRecords.close(batch(0), number, code, reason);
        }
    }

    /** The batch a record of about {@code bytes} goes in; the first record of a turn schedules the batch's send. */
    private Buffer batch(int bytes) {
        if (pending.length() > 0 && pending.length() + Math.max(bytes, 1) > BATCH_BYTES) {
            seal();
        }
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
        return pending;
    }

    private void flush() {
        flushScheduled = false;
        if (state == State.OPEN && pending.length() > 0) {
            seal();
        }
    }

    /** Ends the current batch: sent now when the link is open, else kept for when it is. */
    private void seal() {
        Buffer full = pending;
        pending = Buffer.buffer();
        if (state == State.OPEN) {
            write(full);
        } else if (state != State.GONE) {
            waiting.add(full);
        }
    }

    private void write(Buffer batch) {
        ws.writeBinaryMessage(batch);
        if (!paused && ws.writeQueueFull()) {
            pauseAll();
        }
    }

    private void connect() {
        if (state != State.CONNECTING) {
            return;
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(target.host()).setPort(target.port()).setSsl(target.ssl())
                .setURI(LinkRecords.PATH).setConnectTimeout(upstream.config().connectTimeout().toMillis());
        upstream.websockets().connect(options).onComplete(connected -> {
            if (connected.failed()) {
                if (UpstreamFailures.isConnectFailure(connected.cause())) {
                    upstream.markDown(target);
                }
                LOG.warnf("Socket link to %s at %s failed: %s", upstream.name(), target, connected.cause().toString());
                gone("The " + upstream.name() + " service cannot be reached.");
                return;
            }
            opened(connected.result());
        });
    }

    private void opened(WebSocket socket) {
        this.ws = socket;
        if (socket.isClosed()) {
            gone(null);
            return;
        }
        state = State.OPEN;
        socket.binaryMessageHandler(this::read);
        socket.closeHandler(v -> {
            if (state != State.GONE) {
                // An instance shutting down may close an empty link; one with sockets on it is news.
                Logger.Level level = channels.isEmpty() ? Logger.Level.INFO : Logger.Level.WARN;
                LOG.logf(level, "Socket link to %s at %s closed (%s): its %d sockets are closed with 1011", upstream.name(), target,
                        socket.closeStatusCode() == null ? "dropped" : socket.closeStatusCode(), channels.size());
                gone(null);
            }
        });
        // Vert.x reports a message over its size here and drops it: its records are lost, so the link goes.
        socket.exceptionHandler(e -> {
            if (state != State.GONE) {
                LOG.warnf("Socket link to %s at %s failed: %s", upstream.name(), target, e.getMessage());
                closeLink(CloseCodes.INTERNAL_ERROR);
            }
        });
        socket.drainHandler(v -> resumeAll());
        while (!waiting.isEmpty()) {
            write(waiting.poll());
        }
        if (pending.length() > 0) {
            seal();
        }
        if (!ws.writeQueueFull()) {
            resumeAll();
        }
    }

    private void read(Buffer message) {
        try {
            LinkRecords.read(message, fromInstance);
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("Socket link to %s at %s sent a malformed message: %s", upstream.name(), target, malformed.getMessage());
            closeLink(CloseCodes.PROTOCOL_ERROR);
        }
    }

    /** What the instance sends: a channel's text or its close; records of channels no longer here are ignored. */
    private final class FromInstance implements LinkRecords.Visitor {
        @Override
        public void open(int channel, JsonObject handshake) {
            // Only the gateway opens channels.
        }

        @Override
        public void text(int channel, Buffer utf8) {
            LinkChannel to = channels.get(channel);
            if (to != null) {
                to.deliver(utf8);
            }
        }

        @Override
        public void close(int channel, short code, String reason) {
            LinkChannel to = channels.remove(channel);
            if (to != null) {
                to.closedByInstance(code, reason);
            }
        }
    }

    private void pauseAll() {
        paused = true;
        channels.values().forEach(LinkChannel::pause);
    }

    private void resumeAll() {
        if (state != State.OPEN) {
            return;
        }
        paused = false;
        channels.values().forEach(LinkChannel::resume);
    }

    /** Closes the link from this side, and lets its clients go at once rather than after the close handshake. */
    private void closeLink(short code) {
        if (!ws.isClosed()) {
            ws.close(code);
        }
        gone(null);
    }

    /**
     * The link is gone (closed, dropped, failed or never connected): every client on it is
     * closed with 1011, as a spliced socket is when its upstream drops, and the next socket makes
     * a new link.
     */
    private void gone(String reason) {
        if (state == State.GONE) {
            return;
        }
        state = State.GONE;
        removed.accept(this);
        waiting.clear();
        pending = Buffer.buffer();
        List<LinkChannel> left = new ArrayList<>(channels.values());
        channels.clear();
        left.forEach(channel -> channel.linkGone(reason));
    }
}
