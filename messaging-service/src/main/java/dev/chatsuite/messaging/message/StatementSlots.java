package dev.chatsuite.messaging.message;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

/**
 * At most {@code slots} statements at a time: work that arrives while every slot is busy waits,
 * and the next free slot takes all of it (up to {@code maxWeight}) into one statement, so the
 * busier storage is, the more each statement and its commit carry. Work offered to a free slot
 * starts at once. Thread-safe; the statement runs outside the lock.
 */
final class StatementSlots<G> {

    private final int slots;
    private final int maxWeight;
    private final ToIntFunction<G> weight;
    /** Runs one statement for its groups and calls the {@link Runnable} once it has answered them all. */
    private final BiConsumer<List<G>, Runnable> statement;
    private final ArrayDeque<G> waiting = new ArrayDeque<>();
    private int busy;

    StatementSlots(int slots, int maxWeight, ToIntFunction<G> weight, BiConsumer<List<G>, Runnable> statement) {
        if (slots < 1 || maxWeight < 1) {
            throw new IllegalArgumentException("slots and maxWeight must be at least 1");
        }
        this.slots = slots;
        this.maxWeight = maxWeight;
        this.weight = weight;
        this.statement = statement;
    }

    void offer(G group) {
        List<G> next;
        synchronized (this) {
            waiting.add(group);
            next = takeIfFree();
        }
        run(next);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Groups for a free slot, the slot taken; null when none is free or nothing waits. */
    private List<G> takeIfFree() {
        if (busy >= slots || waiting.isEmpty()) {
            return null;
        }
        busy++;
        List<G> taken = new ArrayList<>();
        int total = 0;
        // The first group goes whatever its weight; the rest while they fit.
        while (!waiting.isEmpty() && (taken.isEmpty() || total + weight.applyAsInt(waiting.peek()) <= maxWeight)) {
            G group = waiting.poll();
            total += weight.applyAsInt(group);
            taken.add(group);
        }
        return taken;
    }

    private void run(List<G> groups) {
        if (groups != null) {
            statement.accept(groups, this::finished);
        }
    }

    private void finished() {
        List<G> next;
        synchronized (this) {
            busy--;
            next = takeIfFree();
        }
        run(next);
    }
}
