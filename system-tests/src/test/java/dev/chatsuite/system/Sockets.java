package dev.chatsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.path.json.JsonPath;

/** A WebSocket client the services have never seen: the JDK's own (java.net.http). */
final class Sockets implements AutoCloseable {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;

    private Sockets() {
    }

    static Sockets open(String httpBase, String pathAndQuery, String origin, String cookie) throws Exception {
        Sockets sockets = new Sockets();
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    sockets.frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                sockets.closed.complete(statusCode);
                return null;
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        sockets.socket = builder.buildAsync(URI.create(httpBase.replaceFirst("^http", "ws") + pathAndQuery), listener).get(10, TimeUnit.SECONDS);
        return sockets;
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next frame of {@code type}, skipping others. */
    JsonPath next(String type, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String frame = frames.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (frame != null && type.equals(JsonPath.from(frame).getString("type"))) {
                return JsonPath.from(frame);
            }
        }
        throw new AssertionError("no " + type + " frame within " + timeoutMillis + " ms");
    }

    boolean quietFor(String type, long millis) throws InterruptedException {
        try {
            next(type, millis);
            return false;
        } catch (AssertionError none) {
            return true;
        }
    }

    int closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
