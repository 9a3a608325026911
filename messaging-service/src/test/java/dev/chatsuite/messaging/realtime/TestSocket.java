package dev.chatsuite.messaging.realtime;

import java.net.URL;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** A WebSocket client for tests: collects every frame it receives and the close code. */
public final class TestSocket implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();
    private volatile String closeReason;
    private volatile WebSocket socket;

    private TestSocket() {
    }

    /**
     * Handlers go on in the connect callback. That callback is a task queued on the event loop,
     * so a close the server sends at once (4001 for a missing token) can be handled first: the
     * socket is then already closed, with its code.
     */
    private void attach(WebSocket opened) {
        this.socket = opened;
        if (opened.isClosed()) {
            closeReason = opened.closeReason();
            closed.complete(opened.closeStatusCode());
            return;
        }
        opened.textMessageHandler(text -> frames.add(new JsonObject(text)));
        opened.closeHandler(v -> {
            closeReason = opened.closeReason();
            closed.complete(opened.closeStatusCode());
        });
    }

    /** Connects to {@code uri} of the server at {@code root}, with a bearer header when {@code token} is given. */
    public static TestSocket connect(URL root, String uri, String token) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort()).setURI(uri);
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        TestSocket client = new TestSocket();
        // Connected from inside a context: from a thread outside Vert.x, the socket can be resumed on
        // one context while attach runs on another, and a frame that came with the 101 is lost.
        CompletableFuture<Void> attached = new CompletableFuture<>();
        VERTX.runOnContext(v -> VERTX.createWebSocketClient().connect(options)
                .onSuccess(ws -> {
                    client.attach(ws);
                    attached.complete(null);
                })
                .onFailure(attached::completeExceptionally));
        attached.get(10, TimeUnit.SECONDS);
        return client;
    }

    public void send(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
    }

    public void sendRaw(String text) {
        socket.writeTextMessage(text);
    }

    /** The next frame of this type (skipping others), or an AssertionError after 5 s. */
    public JsonObject next(String type) throws InterruptedException {
        return next(f -> type.equals(f.getString("type")), 5000);
    }

    public JsonObject next(Predicate<JsonObject> wanted, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            JsonObject frame = frames.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no matching frame within " + timeoutMillis + " ms");
    }

    /** True when no frame of this type arrives within {@code millis}. */
    public boolean silentFor(String type, long millis) throws InterruptedException {
        try {
            next(f -> type.equals(f.getString("type")), millis);
            return false;
        } catch (AssertionError none) {
            return true;
        }
    }

    public short closeCode() throws Exception {
        Short code = closed.get(10, TimeUnit.SECONDS);
        return code == null ? -1 : code;
    }

    /** The reason of the server's close frame, once {@link #closeCode()} has answered. */
    public String closeReason() throws Exception {
        closeCode();
        return closeReason;
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
