package dev.chatsuite.messaging.realtime;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsuite.messaging.caller.Caller;
import dev.chatsuite.messaging.fanout.FanoutContext;
import io.vertx.core.json.JsonObject;

/**
 * One open socket: who it belongs to and its jobs, each in its own class: the bounded
 * {@link Outbox}, the per-conversation {@link DeliveryOrder}, the {@link FrameBudget} and the
 * {@link TypingThrottle}. Its life ends once ({@link #release}), whether the client closed
 * during authentication or later.
 */
final class ChatSession {

    /** Close codes of the contract. */
    static final int PROTOCOL = 4000;
    static final int UNAUTHENTICATED = 4001;
    static final int FORBIDDEN = 4003;
    static final int RATE_LIMITED = 4008;
    static final int INTERNAL = 1011;

    private final Peer peer;
    private final Caller caller;
    private final FanoutContext fanout;
    private final Outbox outbox;
    private final DeliveryOrder order;
    private final FrameBudget budget;
    private final TypingThrottle typing;
    private static final int OPEN = 0;
    private static final int JOINED = 1;
    private static final int RELEASED = 2;
    private int badFrames;
    /** Conversations this socket follows on the broker; null once it stopped following. */
    private Set<UUID> followed = new HashSet<>();
    private volatile long expiryTimer = -1;
    /** OPEN, then JOINED once it joined presence, RELEASED once ended. */
    private final AtomicInteger life = new AtomicInteger(OPEN);

    ChatSession(Peer peer, Caller caller, FanoutContext fanout, GapFills fills, RealtimeConfig config) {
        this.peer = peer;
        this.caller = caller;
        this.fanout = fanout;
        this.outbox = new Outbox(config.maxPending(), peer::send);
        this.order = new DeliveryOrder(new DeliveryOrder.Out() {
            @Override
            public boolean send(String frame) {
                return outbox.offer(frame);
            }

            @Override
            public int pending() {
                return outbox.pending();
            }

            @Override
            public void overflow() {
                tooFarBehind();
            }
        }, fills.of(caller.userId()), new DeliveryOrder.Timers() {
            @Override
            public long schedule(long delayMillis, Runnable task) {
                return fanout.schedule(delayMillis, task);
            }

            @Override
            public void cancel(long timer) {
                fanout.cancel(timer);
            }
        }, fanout, config.maxPending(), new DeliveryOrder.Timing(config.gapFillGrace().toMillis(), 100, 5000));
        this.outbox.countHeld(order::held);
        this.budget = new FrameBudget(config.frameRate(), config.frameBurst(), System::nanoTime);
        this.typing = new TypingThrottle(config.typingInterval().toMillis(), System::currentTimeMillis);
    }

    Caller caller() {
        return caller;
    }

    String id() {
        return peer.id();
    }

    /** Frames handed to the socket whose write has not completed yet. */
    int writing() {
        return outbox.pending();
    }

    boolean isOpen() {
        return peer.isOpen();
    }

    DeliveryOrder order() {
        return order;
    }

    /** True when {@code conversation} is new to this socket (it is to follow it), false when known or the socket has ended. */
    synchronized boolean startFollowing(UUID conversation) {
        return followed != null && followed.add(conversation);
    }

    /** Ends following: the conversations to give back, once. */
    synchronized Set<UUID> stopFollowing() {
        Set<UUID> all = followed == null ? Set.of() : followed;
        followed = null;
        return all;
    }

    /** The socket is subscribed and its baseline read: {@code ready} goes first, then what was held meanwhile. */
    void start(Map<UUID, Long> positions) {
        fanout.execute(() -> {
            send(new JsonObject().put("type", "ready").put("userId", caller.userId().toString()).put("connectionId", peer.id()));
            order.start(positions);
        });
    }

    void resync(Map<UUID, Long> positions) {
        fanout.execute(() -> order.resync(positions));
    }

    /** Sends a frame of this socket's own (ready, ack, pong, error, presence greeting). */
    void send(String frame) {
        if (peer.isOpen() && !outbox.offer(frame)) {
            tooFarBehind();
        }
    }

    void send(JsonObject frame) {
        send(frame.encode());
    }

    private void tooFarBehind() {
        close(RATE_LIMITED, "Too far behind; reconnect and catch up over REST.");
    }

    /** Takes one frame from the budget; false when the client sends faster than allowed. */
    boolean takeFrame() {
        return budget.take();
    }

    /** Counts a bad frame; true when the client has sent too many to keep talking to. */
    boolean badFrame(int allowed) {
        return ++badFrames > allowed;
    }

    boolean mayAnnounceTyping(String conversation) {
        return typing.mayAnnounce(conversation);
    }

    void expireAt(long epochSeconds) {
        long delay = Math.max(1, epochSeconds * 1000 - System.currentTimeMillis());
        expiryTimer = fanout.schedule(delay, () -> close(UNAUTHENTICATED, "The access token expired; reconnect with a fresh one."));
    }

    void close(int code, String reason) {
        if (peer.isOpen()) {
            peer.close(code, reason).subscribe().with(v -> {
            }, e -> {
            });
        }
    }

    /**
     * Marks the session joined to presence unless it has already been released (the client left
     * while it was opening): a session that never joined never leaves. True when it joined.
     */
    boolean joinPresence() {
        return life.compareAndSet(OPEN, JOINED);
    }

    /**
     * Ends the session: stops its timers and its order (once, however often it is called).
     * Answers whether it had joined presence, so the caller gives back exactly what was taken.
     */
    boolean release() {
        int before = life.getAndSet(RELEASED);
        if (before != RELEASED) {
            if (expiryTimer >= 0) {
                fanout.cancel(expiryTimer);
            }
            fanout.execute(order::dispose);
        }
        return before == JOINED;
    }
}
