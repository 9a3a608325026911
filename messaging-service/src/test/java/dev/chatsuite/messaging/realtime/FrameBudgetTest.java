package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FrameBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FrameBudget budget = new FrameBudget(2, 3, now::get);

    @Test
    void shouldAllowABurstThenRefuse() {
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isFalse();
    }

    @Test
    void shouldRefillAtTheRateButNeverPastTheBurst() {
        for (int i = 0; i < 3; i++) {
            budget.take();
        }
        now.addAndGet(500_000_000L);
        assertThat(budget.take()).as("half a second at 2/s is one frame").isTrue();
        assertThat(budget.take()).isFalse();
        now.addAndGet(60_000_000_000L);
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).isTrue();
        assertThat(budget.take()).as("a long pause refills the burst only").isFalse();
    }
}
