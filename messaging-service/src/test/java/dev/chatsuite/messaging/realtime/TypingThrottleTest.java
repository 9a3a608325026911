package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TypingThrottleTest {

    private final AtomicLong now = new AtomicLong(10_000);
    private final TypingThrottle throttle = new TypingThrottle(2000, now::get);

    @Test
    void shouldAnnounceOncePerIntervalPerConversation() {
        assertThat(throttle.mayAnnounce("a")).isTrue();
        assertThat(throttle.mayAnnounce("a")).isFalse();
        assertThat(throttle.mayAnnounce("b")).as("another conversation has its own interval").isTrue();
        now.addAndGet(1999);
        assertThat(throttle.mayAnnounce("a")).isFalse();
        now.addAndGet(1);
        assertThat(throttle.mayAnnounce("a")).isTrue();
    }
}
