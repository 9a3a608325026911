package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboxTest {

    private final List<String> written = new ArrayList<>();
    /** Each write's completion, run when the test says the write ended (written or failed alike). */
    private final List<Runnable> inFlight = new ArrayList<>();
    private final Outbox outbox = new Outbox(3, (frame, done) -> {
        written.add(frame);
        inFlight.add(done);
    });

    @Test
    void shouldRefuseTheFrameThatWouldPassTheBoundWhileWritesAreStuck() {
        assertThat(outbox.offer("a")).isTrue();
        assertThat(outbox.offer("b")).isTrue();
        assertThat(outbox.offer("c")).isTrue();
        assertThat(outbox.offer("d")).isFalse();
        assertThat(written).containsExactly("a", "b", "c");
        assertThat(outbox.pending()).isEqualTo(3);
    }

    @Test
    void shouldMakeRoomAsWritesComplete() {
        outbox.offer("a");
        outbox.offer("b");
        outbox.offer("c");
        inFlight.get(0).run();
        inFlight.get(1).run();
        assertThat(outbox.pending()).isEqualTo(1);
        assertThat(outbox.offer("d")).isTrue();
        assertThat(written).containsExactly("a", "b", "c", "d");
    }

    @Test
    void shouldCountFramesHeldForOrderAgainstTheSameBound() {
        outbox.countHeld(() -> 2);
        assertThat(outbox.offer("a")).isTrue();
        assertThat(outbox.offer("b")).isFalse();
    }
}
