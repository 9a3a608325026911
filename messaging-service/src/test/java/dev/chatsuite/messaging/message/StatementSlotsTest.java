package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What waits for a statement slot, and what each statement takes, without a database. */
class StatementSlotsTest {

    /** The statements started, each with its groups, and the callbacks that end them. */
    private final List<List<String>> started = new ArrayList<>();
    private final List<Runnable> running = new ArrayList<>();

    private StatementSlots<String> slots(int slots, int maxWeight) {
        return new StatementSlots<>(slots, maxWeight, String::length, (groups, done) -> {
            started.add(groups);
            running.add(done);
        });
    }

    private void finish(int statement) {
        running.get(statement).run();
    }

    @Test
    void shouldStartAtOnceWhileASlotIsFree() {
        StatementSlots<String> slots = slots(2, 100);
        slots.offer("a");
        slots.offer("b");

        assertThat(started).containsExactly(List.of("a"), List.of("b"));
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void shouldGatherWhatArrivesWhileEverySlotIsBusyIntoTheNextStatementInArrivalOrder() {
        StatementSlots<String> slots = slots(1, 100);
        slots.offer("a");
        slots.offer("b");
        slots.offer("c");
        slots.offer("d");

        assertThat(started).containsExactly(List.of("a"));
        assertThat(slots.waiting()).isEqualTo(3);
        finish(0);
        assertThat(started).containsExactly(List.of("a"), List.of("b", "c", "d"));
        assertThat(slots.waiting()).isZero();
        finish(1);
        assertThat(started).hasSize(2);
    }

    @Test
    void shouldNeverRunMoreStatementsThanSlots() {
        StatementSlots<String> slots = slots(2, 100);
        for (int i = 0; i < 10; i++) {
            slots.offer("g" + i);
        }
        assertThat(started).containsExactly(List.of("g0"), List.of("g1"));
        finish(1);
        // One slot freed: one more statement, with all eight that waited.
        assertThat(started).hasSize(3);
        assertThat(started.get(2)).containsExactly("g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9");
        slots.offer("late");
        assertThat(started).hasSize(3);
        finish(0);
        assertThat(started.get(3)).containsExactly("late");
    }

    @Test
    void shouldStopAStatementAtItsWeightAndLeaveTheRestForTheNext() {
        StatementSlots<String> slots = slots(1, 5);
        slots.offer("x");
        slots.offer("aa");
        slots.offer("bbb");
        slots.offer("cc");
        finish(0);
        // 2 + 3 fits 5; "cc" would make 7.
        assertThat(started.get(1)).containsExactly("aa", "bbb");
        finish(1);
        assertThat(started.get(2)).containsExactly("cc");
    }

    @Test
    void shouldTakeAGroupHeavierThanTheWeightAlone() {
        StatementSlots<String> slots = slots(1, 2);
        slots.offer("x");
        slots.offer("heavy");
        slots.offer("y");
        finish(0);
        assertThat(started.get(1)).containsExactly("heavy");
        finish(1);
        assertThat(started.get(2)).containsExactly("y");
    }

    @Test
    void shouldRefuseNoSlots() {
        assertThatThrownBy(() -> slots(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
