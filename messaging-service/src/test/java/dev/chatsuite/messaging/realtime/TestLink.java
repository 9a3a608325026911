package dev.chatsuite.messaging.realtime;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsuite.common.link.LinkRecords;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** The gateway's half of a socket link, as a test drives it: records out, records in by channel. */
final class TestLink implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    /** What a channel was told: a text frame, or its close as {"close": code, "reason": …}. */
    private final Map<Integer, BlockingQueue<JsonObject>> received = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger records = new AtomicInteger();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private volatile WebSocket ws;

    static TestLink connect(URL root) throws Exception {
        TestLink link = new TestLink();
        CompletableFuture<Void> attached = new CompletableFuture<>();
        VERTX.runOnContext(v -> VERTX.createWebSocketClient()
                .connect(new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort()).setURI(LinkRecords.PATH))
                .onSuccess(ws -> {
                    link.ws = ws;
                    ws.binaryMessageHandler(link::read);
                    ws.closeHandler(x -> link.closed.complete(ws.closeStatusCode()));
                    attached.complete(null);
                }).onFailure(attached::completeExceptionally));
        attached.get(10, TimeUnit.SECONDS);
        return link;
    }

    private void read(Buffer message) {
        messages.incrementAndGet();
        LinkRecords.read(message, new LinkRecords.Visitor() {
            @Override
            public void open(int channel, JsonObject handshake) {
                throw new AssertionError("An instance never opens a channel");
            }

            @Override
            public void text(int channel, Buffer utf8) {
                records.incrementAndGet();
                channel(channel).add(new JsonObject(LinkRecords.string(utf8)));
            }

            @Override
            public void close(int channel, short code, String reason) {
                records.incrementAndGet();
                channel(channel).add(new JsonObject().put("close", code).put("reason", reason));
            }
        });
    }

    private BlockingQueue<JsonObject> channel(int channel) {
        return received.computeIfAbsent(channel, c -> new LinkedBlockingQueue<>());
    }

    void open(int channel, String uri, String token) {
        JsonObject headers = new JsonObject().put("X-Forwarded-For", "203.0.113.9");
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        Buffer out = Buffer.buffer();
        LinkRecords.open(out, channel, new JsonObject().put("uri", uri).put("headers", headers));
        write(out);
    }

    void send(int channel, JsonObject frame) {
        Buffer out = Buffer.buffer();
        LinkRecords.text(out, channel, frame.encode());
        write(out);
    }

    void closeChannel(int channel, short code) {
        Buffer out = Buffer.buffer();
        LinkRecords.close(out, channel, code, null);
        write(out);
    }

    void write(Buffer message) {
        ws.writeBinaryMessage(message).toCompletionStage().toCompletableFuture().join();
    }

    /** The next frame of {@code type} on {@code channel}, skipping others; fails after 10 s. */
    JsonObject next(int channel, String type) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            JsonObject frame = channel(channel).poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && (type.equals(frame.getString("type")) || frame.containsKey("close") && type.equals("close"))) {
                return frame;
            }
        }
        throw new AssertionError("No " + type + " on channel " + channel);
    }

    int messages() {
        return messages.get();
    }

    int records() {
        return records.get();
    }

    short closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (ws != null && !ws.isClosed()) {
            ws.close();
        }
    }
}
