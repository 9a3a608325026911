package dev.chatsuite.gateway.proxy;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A test client for many WebSockets through the gateway: its own Vert.x with no per-endpoint
 * cap, and each socket's texts and close code collected for assertions.
 */
final class Sockets implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
            .setConnectTimeout(20_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    private final URL root;

    Sockets(URL root) {
        this.root = root;
    }

    /** One client socket: what it received, in order, and how it was closed. */
    static final class Client {
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Short> closed = new CompletableFuture<>();
        volatile WebSocket socket;

        String nextText() throws InterruptedException {
            String text = texts.poll(60, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no text within 60 s" + (closed.isDone() ? "; closed with " + closed.getNow(null) : ""));
            }
            return text;
        }

        short closeCode() throws Exception {
            return closed.get(20, TimeUnit.SECONDS);
        }
    }

    /** Starts an upgrade; the future fails when the gateway does not answer 101. */
    CompletableFuture<Client> open(String uri, Map<String, String> headers) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(root.getHost()).setPort(root.getPort()).setURI(uri);
        headers.forEach(options::addHeader);
        CompletableFuture<Client> opened = new CompletableFuture<>();
        Client client = new Client();
        connect(vertx, this.client, options, ws -> {
            client.socket = ws;
            ws.textMessageHandler(client.texts::add);
            ws.closeHandler(v -> client.closed.complete(ws.closeStatusCode()));
            if (ws.isClosed()) {
                client.closed.complete(ws.closeStatusCode());
            }
            opened.complete(client);
        }, opened::completeExceptionally);
        return opened;
    }

    /**
     * Connects so that {@code onOpen} sets the socket's handlers before any frame is handled.
     * Called from a thread outside Vert.x, connect's inner and outer promises can get different
     * contexts: Vert.x resumes the socket on one and runs the callback on the other, and a frame
     * that came with the 101 is dropped in between. Inside one context both are that context.
     */
    static void connect(Vertx vertx, WebSocketClient client, WebSocketConnectOptions options, Consumer<WebSocket> onOpen,
            Consumer<Throwable> onFailure) {
        vertx.runOnContext(v -> client.connect(options).onSuccess(onOpen::accept).onFailure(onFailure::accept));
    }

    /** Opens {@code count} sockets at once and waits for every upgrade's outcome. */
    List<CompletableFuture<Client>> openAll(int count, java.util.function.IntFunction<String> uri,
            java.util.function.IntFunction<Map<String, String>> headers) {
        List<CompletableFuture<Client>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(open(uri.apply(i), headers.apply(i)));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Each future is inspected by the test.
        }
        return all;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }
}
