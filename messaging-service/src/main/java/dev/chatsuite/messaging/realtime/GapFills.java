package dev.chatsuite.messaging.realtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatsuite.messaging.fanout.FanoutContext;
import dev.chatsuite.messaging.fanout.MessageLog;
import dev.chatsuite.messaging.fanout.Publication;
import io.smallrye.mutiny.Uni;

/**
 * Gap reads shared by this instance's sockets: the sockets of one conversation usually miss the
 * same range at the same moment, so one read serves them all. Used on the fan-out context only.
 */
@ApplicationScoped
public class GapFills {

    private final MessageLog log;
    private final Executor context;
    private final Map<String, Uni<List<Publication>>> inFlight = new HashMap<>();

    @Inject
    public GapFills(MessageLog log, FanoutContext context) {
        this(log, (Executor) context);
    }

    GapFills(MessageLog log, Executor context) {
        this.log = log;
        this.context = context;
    }

    /** The reads of one socket of {@code user}. */
    DeliveryOrder.Fills of(UUID user) {
        return new DeliveryOrder.Fills() {
            @Override
            public Uni<Long> joinedSeq(UUID conversation) {
                return log.joinedSeq(conversation, user);
            }

            @Override
            public Uni<List<Publication>> fetch(UUID conversation, long after, long before, int limit) {
                return GapFills.this.fetch(conversation, after, before, limit);
            }
        };
    }

    Uni<List<Publication>> fetch(UUID conversation, long after, long before, int limit) {
        String key = conversation + ":" + after + ":" + before + ":" + limit;
        Uni<List<Publication>> running = inFlight.get(key);
        if (running != null) {
            return running;
        }
        Uni<List<Publication>> read = log.created(conversation, after, before, limit)
                .onTermination().invoke(() -> context.execute(() -> inFlight.remove(key)))
                .memoize().indefinitely();
        inFlight.put(key, read);
        return read;
    }

    int inFlight() {
        return inFlight.size();
    }
}
