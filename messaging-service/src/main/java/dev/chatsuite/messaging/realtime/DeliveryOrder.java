package dev.chatsuite.messaging.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;

import dev.chatsuite.messaging.fanout.Publication;
import io.smallrye.mutiny.Uni;

/**
 * One socket's order: per conversation, {@code message.created} leaves in strictly increasing
 * seq with no gap. seq is allocated under the conversation row's lock and undone with a failed
 * insert, so once seq S is seen every seq below S is committed: a publication ahead of a gap is
 * held and the gap is read from storage (after a short grace, since the missing one is usually
 * just late), then everything leaves in order. A failed read is retried with back-off; held
 * frames count against the outbox bound, so a long outage ends in 4008, never in disorder.
 * {@code message.updated}/{@code message.deleted} wait for the created of their seq.
 * <p>
 * Confined to one thread (the fan-out context): no locks. Until {@link #start} (the socket's
 * baseline is known) everything received is kept, in arrival order.
 */
final class DeliveryOrder {

    private static final long UNKNOWN = -1;

    /** Where frames go; {@code overflow} when the socket is too far behind (close 4008). */
    interface Out {
        /** Sends a frame; false when the outbox refused it. */
        boolean send(String frame);

        /** Frames in flight, counted with the held ones against {@code maxHeld}. */
        int pending();

        void overflow();
    }

    /** What order reads from storage. */
    interface Fills {
        /** Where the socket's user joined a conversation it did not know at the start; -1 when not a participant. */
        Uni<Long> joinedSeq(UUID conversation);

        /** A gap: the created publications of (after, before), oldest first. */
        Uni<List<Publication>> fetch(UUID conversation, long after, long before, int limit);
    }

    /** Timers on the same thread as this order. */
    interface Timers {
        long schedule(long delayMillis, Runnable task);

        void cancel(long timer);
    }

    /** Fill timing: grace before the first read, then back-off after failures. */
    record Timing(long graceMillis, long firstRetryMillis, long maxRetryMillis) {
    }

    private final Out out;
    private final Fills fills;
    private final Timers timers;
    private final Executor thread;
    private final int maxHeld;
    private final Timing timing;
    private final Map<UUID, Lane> lanes = new HashMap<>();
    private List<Publication> early = new ArrayList<>();
    /** Resyncs asked for before the start, applied right after it. */
    private Map<UUID, Long> earlyResync = new HashMap<>();
    /** Held frames, early ones included; read by the outbox from other threads. */
    private volatile int held;
    private boolean closed;

    DeliveryOrder(Out out, Fills fills, Timers timers, Executor thread, int maxHeld, Timing timing) {
        this.out = out;
        this.fills = fills;
        this.timers = timers;
        this.thread = thread;
        this.maxHeld = maxHeld;
        this.timing = timing;
    }

    /** Frames held for order (including those received before the start). */
    int held() {
        return held;
    }

    /**
     * The socket is subscribed and {@code positions} (each conversation's last seq, read after
     * subscribing) is its baseline: created events at or below it are history the client reads
     * over REST; everything above it is delivered. What arrived before is handled now.
     */
    void start(Map<UUID, Long> positions) {
        positions.forEach((conversation, last) -> lanes.put(conversation, new Lane(conversation, last)));
        List<Publication> received = early;
        early = null;
        held -= received.size();
        received.forEach(this::accept);
        Map<UUID, Long> asked = earlyResync;
        earlyResync = null;
        resync(asked);
    }

    /**
     * What was published may never have come (the broker resubscribed after a loss, or the user
     * joined a conversation before this instance followed it). Each conversation that storage
     * says is further than delivered is filled up to there; asked before the start, after it.
     */
    void resync(Map<UUID, Long> positions) {
        if (closed) {
            return;
        }
        if (early != null) {
            positions.forEach((conversation, last) -> earlyResync.merge(conversation, last, Math::max));
            return;
        }
        positions.forEach((conversation, last) -> {
            Lane lane = lanes.computeIfAbsent(conversation, c -> new Lane(c, UNKNOWN));
            if (lane.last == UNKNOWN || last > lane.last) {
                lane.wantedBefore = Math.max(lane.wantedBefore, last + 1);
                needFill(lane, 0);
            }
        });
    }

    void accept(Publication publication) {
        if (closed) {
            return;
        }
        if (early != null) {
            early.add(publication);
            held++;
            checkBound();
            return;
        }
        switch (publication.kind()) {
            case USER, CONVERSATION -> send(publication);
            case CREATED -> created(lane(publication.conversationId()), publication);
            case CHANGED -> changed(lane(publication.conversationId()), publication);
            case JOINED, INSTANCE -> {
                // For the instance (it follows the conversation, or answers another instance), never for the client.
            }
        }
    }

    /** The socket is gone: nothing more is sent, timers stop. */
    void dispose() {
        closed = true;
        lanes.values().forEach(lane -> {
            if (lane.timer >= 0) {
                timers.cancel(lane.timer);
            }
        });
        lanes.clear();
    }

    private Lane lane(UUID conversation) {
        return lanes.computeIfAbsent(conversation, c -> new Lane(c, UNKNOWN));
    }

    private void created(Lane lane, Publication publication) {
        long seq = publication.seq();
        if (lane.last != UNKNOWN && seq <= lane.last) {
            return;
        }
        if (lane.last != UNKNOWN && seq == lane.last + 1) {
            emit(lane, publication);
            drain(lane);
            return;
        }
        if (lane.hold(seq, publication)) {
            held++;
            if (checkBound()) {
                needFill(lane, delay(lane));
            }
        }
    }

    private void changed(Lane lane, Publication publication) {
        if (lane.last != UNKNOWN && publication.seq() <= lane.last && lane.noChanges()) {
            send(publication);
            return;
        }
        lane.waitForCreated(publication);
        held++;
        if (checkBound()) {
            needFill(lane, delay(lane));
        }
    }

    /** A gap waits a little for the missing one; an unknown start is looked up at once. */
    private long delay(Lane lane) {
        return lane.last == UNKNOWN ? 0 : timing.graceMillis();
    }

    private void emit(Lane lane, Publication publication) {
        lane.last = publication.seq();
        send(publication);
    }

    private void send(Publication publication) {
        if (!closed && !out.send(publication.frame())) {
            overflow();
        }
    }

    /** Sends what has become in order: held created events next in seq, then changes whose created has gone. */
    private void drain(Lane lane) {
        while (!closed && !lane.holdsNone() && lane.last != UNKNOWN && lane.held.firstKey() <= lane.last + 1) {
            Map.Entry<Long, Publication> next = lane.held.pollFirstEntry();
            held--;
            if (next.getKey() == lane.last + 1) {
                emit(lane, next.getValue());
            }
        }
        while (!closed && !lane.noChanges() && lane.last != UNKNOWN && lane.changed.peek().seq() <= lane.last) {
            held--;
            send(lane.changed.poll());
        }
        if (lane.wantedBefore <= lane.last + 1) {
            lane.wantedBefore = 0;
        }
        lane.releaseEmpty();
        if (lane.pendingWork()) {
            needFill(lane, timing.graceMillis());
        } else {
            lane.retryMillis = 0;
            if (lane.timer >= 0) {
                timers.cancel(lane.timer);
                lane.timer = -1;
            }
        }
    }

    /** Plans one read of the lane's gap, unless one is planned or running. */
    private void needFill(Lane lane, long delayMillis) {
        if (closed || lane.fetching || lane.timer >= 0) {
            return;
        }
        if (delayMillis <= 0) {
            fill(lane);
            return;
        }
        lane.timer = timers.schedule(delayMillis, () -> {
            lane.timer = -1;
            fill(lane);
        });
    }

    private void fill(Lane lane) {
        if (closed || lane.fetching || !lane.pendingWork()) {
            return;
        }
        if (lane.last == UNKNOWN) {
            resolveBaseline(lane);
            return;
        }
        long before = lane.fillUpTo();
        long after = lane.last;
        if (before <= after + 1) {
            drain(lane);
            return;
        }
        if (before - after - 1 + held() + out.pending() > maxHeld) {
            overflow();
            return;
        }
        lane.fetching = true;
        fills.fetch(lane.conversation, after, before, maxHeld + 1).subscribe().with(
                found -> thread.execute(() -> filled(lane, before, found)),
                failure -> thread.execute(() -> failed(lane)));
    }

    /**
     * A conversation the socket did not know at the start (the user joined it later) begins where
     * the user joined it: every message after that was published to them. Someone no longer in it
     * just gets what arrived.
     */
    private void resolveBaseline(Lane lane) {
        lane.fetching = true;
        fills.joinedSeq(lane.conversation).subscribe().with(
                joined -> thread.execute(() -> based(lane, joined)),
                failure -> thread.execute(() -> failed(lane)));
    }

    private void based(Lane lane, long joined) {
        lane.fetching = false;
        if (closed) {
            return;
        }
        if (lane.last == UNKNOWN) {
            lane.last = joined >= 0 ? joined : lane.fillUpTo() - 1;
        }
        lane.retryMillis = 0;
        drain(lane);
    }

    private void filled(Lane lane, long before, List<Publication> found) {
        lane.fetching = false;
        if (closed) {
            return;
        }
        if (found.size() + held() + out.pending() > maxHeld) {
            overflow();
            return;
        }
        for (Publication publication : found) {
            if (publication.seq() > lane.last) {
                emit(lane, publication);
            }
        }
        // Everything below `before` that exists has been read: what is not there never will be.
        lane.last = Math.max(lane.last, before - 1);
        lane.retryMillis = 0;
        drain(lane);
    }

    private void failed(Lane lane) {
        lane.fetching = false;
        if (closed) {
            return;
        }
        lane.retryMillis = lane.retryMillis == 0 ? timing.firstRetryMillis() : Math.min(timing.maxRetryMillis(), lane.retryMillis * 2);
        if (lane.timer < 0) {
            lane.timer = timers.schedule(lane.retryMillis, () -> {
                lane.timer = -1;
                fill(lane);
            });
        }
    }

    /** False (and the socket overflows) when held plus in-flight frames pass the bound. */
    private boolean checkBound() {
        if (held() + out.pending() > maxHeld) {
            overflow();
            return false;
        }
        return true;
    }

    private void overflow() {
        if (!closed) {
            dispose();
            out.overflow();
        }
    }

    /**
     * One conversation on this socket. A socket has a lane for every conversation of its user and
     * most of them never hold anything, so the two queues exist only while they hold something.
     */
    private static final class Lane {
        final UUID conversation;
        /** Created events ahead of a gap, by seq; null while none. */
        TreeMap<Long, Publication> held;
        /** Changes waiting for the created of their seq, in arrival order; null while none. */
        ArrayDeque<Publication> changed;
        long last;
        /** A seq storage says exists, to fill up to (after a resubscription); 0 when none. */
        long wantedBefore;
        boolean fetching;
        long timer = -1;
        long retryMillis;

        Lane(UUID conversation, long last) {
            this.conversation = conversation;
            this.last = last;
        }

        boolean holdsNone() {
            return held == null || held.isEmpty();
        }

        boolean noChanges() {
            return changed == null || changed.isEmpty();
        }

        /** Holds a created event ahead of a gap; false when that seq is already held. */
        boolean hold(long seq, Publication publication) {
            if (held == null) {
                held = new TreeMap<>();
            }
            return held.putIfAbsent(seq, publication) == null;
        }

        void waitForCreated(Publication publication) {
            if (changed == null) {
                changed = new ArrayDeque<>(4);
            }
            changed.add(publication);
        }

        /** Drops the queues once drained, so a lane that once waited goes back to its small size. */
        void releaseEmpty() {
            if (held != null && held.isEmpty()) {
                held = null;
            }
            if (changed != null && changed.isEmpty()) {
                changed = null;
            }
        }

        boolean pendingWork() {
            return !holdsNone() || !noChanges() || wantedBefore > 0;
        }

        /** The exclusive end of the next read: the first held seq, the seq a change waits for, or the wanted position. */
        long fillUpTo() {
            long before = Long.MAX_VALUE;
            if (!holdsNone()) {
                before = held.firstKey();
            }
            if (!noChanges()) {
                before = Math.min(before, changed.peek().seq() + 1);
            }
            if (wantedBefore > 0) {
                before = Math.min(before, wantedBefore);
            }
            return before;
        }
    }
}
