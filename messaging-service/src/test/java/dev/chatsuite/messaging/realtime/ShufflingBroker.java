package dev.chatsuite.messaging.realtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import dev.chatsuite.messaging.fanout.FanoutContext;
import dev.chatsuite.messaging.fanout.InMemoryBroker;
import dev.chatsuite.messaging.fanout.Publication;

/**
 * An in-memory broker that delivers late and out of order: each delivery waits a random 0-40 ms,
 * so publications overtake each other; {@link #lose} drops the publications of chosen seq
 * entirely, as a Redis outage would.
 */
@Alternative
@Singleton
public class ShufflingBroker extends InMemoryBroker {

    static final Set<Long> LOST = ConcurrentHashMap.newKeySet();
    private final FanoutContext context;
    private final Random random = new Random(20);
    private final List<Runnable> batch = new ArrayList<>();

    public ShufflingBroker(FanoutContext context) {
        super(context);
        this.context = context;
    }

    static void lose(long seq) {
        LOST.add(seq);
    }

    @Override
    protected void handOn(UUID user, Publication publication) {
        if (publication.kind() == Publication.Kind.CREATED && LOST.contains(publication.seq())) {
            return;
        }
        context.execute(() -> {
            batch.add(() -> super.handOn(user, publication));
            if (batch.size() == 1) {
                context.schedule(1 + random.nextInt(40), this::releaseShuffled);
            }
        });
    }

    private void releaseShuffled() {
        List<Runnable> due = new ArrayList<>(batch);
        batch.clear();
        Collections.shuffle(due, random);
        due.forEach(Runnable::run);
    }
}
