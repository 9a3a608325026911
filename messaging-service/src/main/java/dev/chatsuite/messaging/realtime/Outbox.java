package dev.chatsuite.messaging.realtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A socket's outgoing frames: written at once, counted until the write completes. Past the
 * bound (frames in flight plus frames held for order) the client is too far behind: the
 * frame is refused and the socket is to be closed with 4008 (it catches up over REST).
 */
final class Outbox {

    private final int max;
    private final Writer writer;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile IntSupplier held = () -> 0;

    /** Writes one frame and runs {@code done} once it is written or failed (a {@link Peer#send}). */
    @FunctionalInterface
    interface Writer {
        void write(String frame, Runnable done);
    }

    Outbox(int max, Writer writer) {
        this.max = max;
        this.writer = writer;
    }

    /** Counts frames held elsewhere (for order) against the same bound. */
    void countHeld(IntSupplier held) {
        this.held = held;
    }

    /** Writes the frame; false (nothing written) when the bound is reached. */
    boolean offer(String frame) {
        if (pending.incrementAndGet() + held.getAsInt() > max) {
            pending.decrementAndGet();
            return false;
        }
        writer.write(frame, pending::decrementAndGet);
        return true;
    }

    /** True while {@code more} frames could still be held without passing the bound. */
    boolean hasRoomFor(int more) {
        return pending.get() + more <= max;
    }

    int pending() {
        return pending.get();
    }
}
