package dev.chatsuite.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsuite.common.link.LinkRecords;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * The stub's side of one socket link ({@link LinkRecords#PATH}): each channel behaves as the
 * stub's own {@code /ws} socket does (a greeting with what it received, then echoes,
 * {@code close:CODE[:REASON]}), plus {@code flood:ID}, which floods the socket {@code ?id=ID} on
 * the same link. It records which link each socket arrived on, with its handshake.
 */
public final class LinkStub {

    /** Link connections the stub accepted (each numbered by this count). */
    public static final AtomicInteger LINKS = new AtomicInteger();
    /** For each socket opened with {@code ?id=}: the number of the link it arrived on, and its OPEN handshake. */
    public static final Map<String, Integer> LINK_OF = new ConcurrentHashMap<>();
    public static final Map<String, JsonObject> HANDSHAKES = new ConcurrentHashMap<>();
    /** Bytes a flood sends at most, in 8 KiB texts, as fast as the link takes them. */
    public static final int FLOOD_BYTES = 64 * 1024 * 1024;
    private static final String FLOOD_TEXT = "f".repeat(8 * 1024);
    private static final Set<LinkStub> LIVE = ConcurrentHashMap.newKeySet();

    private final ServerWebSocket ws;
    private final HttpConnection connection;
    private final Context context;
    private final int number;
    private final Map<Integer, String> channels = new HashMap<>();
    private Buffer pending = Buffer.buffer();
    private boolean flushScheduled;

    private LinkStub(ServerWebSocket ws, HttpConnection connection) {
        this.ws = ws;
        this.connection = connection;
        this.context = Vertx.currentContext();
        this.number = LINKS.incrementAndGet();
    }

    static void accept(ServerWebSocket ws, HttpConnection connection) {
        LinkStub link = new LinkStub(ws, connection);
        LIVE.add(link);
        LinkRecords.Visitor records = link.new Records();
        ws.binaryMessageHandler(message -> LinkRecords.read(message, records));
        ws.closeHandler(v -> {
            LIVE.remove(link);
            link.channels.values().forEach(id -> gone(id, -1));
            link.channels.clear();
        });
    }

    /** Drops every link's TCP connection without a close frame, as a killed instance would. */
    public static void dropLinks() {
        for (LinkStub link : List.copyOf(LIVE)) {
            // From Vert.x's own handler context: the close bypasses Vert.x, which would send a close frame first.
            link.context.runOnContext(v -> ((ConnectionBase) link.connection).channelHandlerContext().close());
        }
    }

    private final class Records implements LinkRecords.Visitor {
        @Override
        public void open(int channel, JsonObject handshake) {
            String uri = handshake.getString("uri");
            String id = UpstreamStub.socketId(uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : null);
            channels.put(channel, id == null ? "" : id);
            UpstreamStub.OPEN_SOCKETS.incrementAndGet();
            if (id != null) {
                LINK_OF.put(id, number);
                HANDSHAKES.put(id, handshake);
            }
            JsonObject headers = handshake.getJsonObject("headers");
            LinkRecords.text(batch(), channel, new JsonObject().put("authorization", header(headers, "Authorization"))
                    .put("requestId", header(headers, "X-Request-Id")).encode());
        }

        @Override
        public void text(int channel, Buffer utf8) {
            if (!channels.containsKey(channel)) {
                return;
            }
            String text = LinkRecords.string(utf8);
            if (text.startsWith("close:")) {
                String[] parts = text.split(":", 3);
                short code = Short.parseShort(parts[1]);
                LinkRecords.close(batch(), channel, code, parts.length > 2 ? parts[2] : "closed by the upstream");
                gone(channels.remove(channel), code);
            } else if (text.startsWith("flood:")) {
                String target = text.substring("flood:".length());
                channels.entrySet().stream().filter(e -> e.getValue().equals(target)).findFirst().ifPresent(e -> flood(e.getKey(), FLOOD_BYTES));
            } else {
                LinkRecords.text(batch(), channel, "echo:" + text);
            }
        }

        @Override
        public void close(int channel, short code, String reason) {
            String id = channels.remove(channel);
            if (id != null) {
                gone(id, code);
            }
        }
    }

    private static void gone(String id, int code) {
        UpstreamStub.OPEN_SOCKETS.decrementAndGet();
        if (!id.isEmpty()) {
            UpstreamStub.CLOSES.put(id, code);
        }
    }

    private static String header(JsonObject headers, String name) {
        for (String key : headers.fieldNames()) {
            if (key.equalsIgnoreCase(name)) {
                return headers.getString(key);
            }
        }
        return null;
    }

    /** Records of one event-loop turn go out as one message, as the gateway sends them. */
    private Buffer batch() {
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flush());
        }
        return pending;
    }

    private void flush() {
        flushScheduled = false;
        if (pending.length() > 0) {
            ws.writeBinaryMessage(pending);
            pending = Buffer.buffer();
        }
    }

    /** Texts for one channel while the link takes them, until the gateway closes the channel. */
    private void flood(int channel, int remaining) {
        flush();
        int left = remaining;
        while (left > 0 && channels.containsKey(channel) && !ws.writeQueueFull()) {
            Buffer message = Buffer.buffer();
            for (int i = 0; i < 4; i++) {
                LinkRecords.text(message, channel, FLOOD_TEXT);
            }
            ws.writeBinaryMessage(message);
            left -= 4 * FLOOD_TEXT.length();
        }
        if (left > 0 && channels.containsKey(channel)) {
            int rest = left;
            ws.drainHandler(v -> flood(channel, rest));
        }
    }
}
