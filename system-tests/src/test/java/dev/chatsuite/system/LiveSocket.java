package dev.chatsuite.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One of many WebSockets held open at once through the gateway, as a browser tab holds one: it
 * records its {@code ready}, its close code and, per conversation, the {@code seq} of every
 * {@code message.created} in arrival order. Sockets share a few HttpClients (one selector thread
 * each), so thousands of them cost a few threads.
 */
final class LiveSocket implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient[] CLIENTS = new HttpClient[4];
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
        for (int i = 0; i < CLIENTS.length; i++) {
            CLIENTS[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .executor(Executors.newFixedThreadPool(2, r -> {
                        Thread thread = new Thread(r, "live-socket");
                        thread.setDaemon(true);
                        return thread;
                    })).build();
        }
    }

    final CompletableFuture<String> ready = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Per conversation, the seq of each message.created in the order this socket received them. */
    final Map<String, List<Long>> created = new ConcurrentHashMap<>();
    final AtomicInteger pongs = new AtomicInteger();
    /** The last presence event seen per user id. */
    final Map<String, Boolean> presence = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Consumer<JsonNode> onCreated = message -> { };
    volatile WebSocket socket;

    /** Starts the upgrade; the future fails when the upgrade is refused (e.g. a 502), and completes with the socket once it is open. */
    static CompletableFuture<LiveSocket> open(String wsUrl, Map<String, String> headers) {
        LiveSocket live = new LiveSocket();
        WebSocket.Builder builder = CLIENTS[Math.floorMod(NEXT.getAndIncrement(), CLIENTS.length)].newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        return builder.buildAsync(URI.create(wsUrl), live).thenApply(socket -> {
            live.socket = socket;
            return live;
        });
    }

    /** The gateway's ws:// address of {@code /ws} with {@code ?token=}. */
    static String gatewayWs(String accessToken) {
        return RunningSuite.gateway().replaceFirst("^http", "ws") + "/ws?token=" + accessToken;
    }

    void onCreated(Consumer<JsonNode> consumer) {
        this.onCreated = consumer;
    }

    void send(String text) {
        socket.sendText(text, true);
    }

    void close() {
        WebSocket current = socket;
        if (current != null && !current.isOutputClosed()) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }

    void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    boolean isOpen() {
        return socket != null && !closed.isDone() && !socket.isInputClosed();
    }

    List<Long> seqs(String conversationId) {
        List<Long> seqs = created.get(conversationId);
        return seqs == null ? List.of() : new ArrayList<>(seqs);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            handle(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String frame) {
        try {
            JsonNode node = JSON.readTree(frame);
            switch (node.path("type").asText()) {
                case "ready" -> ready.complete(node.path("connectionId").asText());
                case "pong" -> pongs.incrementAndGet();
                case "presence" -> presence.put(node.path("userId").asText(), node.path("online").asBoolean());
                case "message.created" -> {
                    JsonNode message = node.path("message");
                    created.computeIfAbsent(message.path("conversationId").asText(), c -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(message.path("seq").asLong());
                    onCreated.accept(message);
                }
                default -> {
                }
            }
        } catch (Exception unreadable) {
            // Counted nowhere: a frame that is not JSON is not an event.
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        ready.completeExceptionally(new IllegalStateException("closed with " + statusCode + " before ready"));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
        ready.completeExceptionally(error);
    }
}
