package dev.chatsuite.system;

import java.time.Instant;

/** The gateway counts in fixed one-minute windows: a test that fills a limit starts early in one. */
final class Limits {

    private Limits() {
    }

    /** Waits for the next minute when fewer than {@code seconds} are left in this one. */
    static void awaitWindowWithAtLeast(int seconds) throws InterruptedException {
        long now = Instant.now().toEpochMilli();
        long left = 60_000 - now % 60_000;
        if (left < seconds * 1000L) {
            Thread.sleep(left + 200);
        }
    }
}
