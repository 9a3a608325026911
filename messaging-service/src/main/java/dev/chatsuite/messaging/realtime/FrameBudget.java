package dev.chatsuite.messaging.realtime;

import java.util.function.LongSupplier;

/** How fast a client may send frames: a token bucket of {@code burst} frames refilled at {@code rate} per second. */
final class FrameBudget {

    private final double rate;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    FrameBudget(double rate, double burst, LongSupplier nanoTime) {
        this.rate = rate;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** Takes one frame; false when the client sends faster than allowed. Called on the socket's event loop only. */
    boolean take() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) / 1e9 * rate);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
