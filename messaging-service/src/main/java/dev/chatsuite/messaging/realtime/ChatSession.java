package dev.chatsuite.messaging.realtime;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsuite.messaging.caller.Caller;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * One open socket: who it belongs to, its bounded outgoing queue, its frame budget, and the
 * per-conversation order of {@code message.created} events (an event that arrives ahead of a
 * missing seq is held briefly, then released).
 */
final class ChatSession {

    /** Close codes of the contract. */
    static final int PROTOCOL = 4000;
    static final int UNAUTHENTICATED = 4001;
    static final int FORBIDDEN = 4003;
    static final int RATE_LIMITED = 4008;

    private static final long HOLD_MILLIS = 250;
    private final WebSocketConnection connection;
    private final Caller caller;
    private final Vertx vertx;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, Order> orders = new HashMap<>();
    private final Map<String, Long> lastTyping = new HashMap<>();
    private long expiryTimer = -1;
    private double frameTokens;
    private long lastRefill = System.nanoTime();
    private int badFrames;
    private final double frameRate;
    private final double frameBurst;

    ChatSession(WebSocketConnection connection, Caller caller, Vertx vertx, int maxPending, double frameRate, double frameBurst) {
        this.connection = connection;
        this.caller = caller;
        this.vertx = vertx;
        this.maxPending = maxPending;
        this.frameRate = frameRate;
        this.frameBurst = frameBurst;
        this.frameTokens = frameBurst;
    }

    Caller caller() {
        return caller;
    }

    String id() {
        return connection.id();
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /** Sends a frame unless the client is too far behind, in which case it is closed (it catches up over REST). */
    void send(String frame) {
        if (!connection.isOpen()) {
            return;
        }
        if (pending.incrementAndGet() > maxPending) {
            close(RATE_LIMITED, "Too far behind; reconnect and catch up over REST.");
            return;
        }
        connection.sendText(frame).subscribe().with(v -> pending.decrementAndGet(), e -> pending.decrementAndGet());
    }

    void send(JsonObject frame) {
        send(frame.encode());
    }

    /** Delivers an event from the broker, keeping message.created in seq order per conversation. */
    synchronized void deliver(String payload) {
        if (!payload.startsWith("{\"type\":\"message.created\"")) {
            send(payload);
            return;
        }
        SeqReader.Position position = SeqReader.read(payload);
        if (position == null) {
            send(payload);
            return;
        }
        String conversation = position.conversationId();
        long seq = position.seq();
        Order order = orders.computeIfAbsent(conversation, c -> new Order());
        if (order.last == 0 || seq <= order.last + 1) {
            send(payload);
            order.last = Math.max(order.last, seq);
            flush(order, false);
            return;
        }
        order.held.put(seq, payload);
        if (order.timer < 0) {
            order.timer = vertx.setTimer(HOLD_MILLIS, id -> {
                synchronized (this) {
                    order.timer = -1;
                    flush(order, true);
                }
            });
        }
    }

    private void flush(Order order, boolean giveUpWaiting) {
        while (!order.held.isEmpty()) {
            long next = order.held.firstKey();
            if (!giveUpWaiting && next > order.last + 1) {
                return;
            }
            send(order.held.pollFirstEntry().getValue());
            order.last = Math.max(order.last, next);
        }
    }

    /** Takes one frame from the budget; false when the client sends faster than allowed. */
    synchronized boolean takeFrame() {
        long now = System.nanoTime();
        frameTokens = Math.min(frameBurst, frameTokens + (now - lastRefill) / 1e9 * frameRate);
        lastRefill = now;
        if (frameTokens < 1) {
            return false;
        }
        frameTokens -= 1;
        return true;
    }

    /** Counts a bad frame; true when the client has sent too many to keep talking to. */
    synchronized boolean badFrame(int allowed) {
        return ++badFrames > allowed;
    }

    /** True when typing in this conversation may be announced again (at most every {@code intervalMillis}). */
    synchronized boolean mayAnnounceTyping(String conversation, long intervalMillis) {
        long now = System.currentTimeMillis();
        Long last = lastTyping.get(conversation);
        if (last != null && now - last < intervalMillis) {
            return false;
        }
        lastTyping.put(conversation, now);
        return true;
    }

    void expireAt(long epochSeconds) {
        long delay = Math.max(1, epochSeconds * 1000 - System.currentTimeMillis());
        expiryTimer = vertx.setTimer(delay, id -> close(UNAUTHENTICATED, "The access token expired; reconnect with a fresh one."));
    }

    void close(int code, String reason) {
        if (expiryTimer >= 0) {
            vertx.cancelTimer(expiryTimer);
        }
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(v -> {
            }, e -> {
            });
        }
    }

    void closed() {
        if (expiryTimer >= 0) {
            vertx.cancelTimer(expiryTimer);
        }
    }

    private static final class Order {
        long last;
        long timer = -1;
        final TreeMap<Long, String> held = new TreeMap<>();
    }
}
