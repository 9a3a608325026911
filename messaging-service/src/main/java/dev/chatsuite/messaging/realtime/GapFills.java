package dev.chatsuite.messaging.realtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

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

    @jakarta.inject.Inject
    public GapFills(MessageLog log, FanoutContext context) {
        this(log, (Executor) context);
    }

    GapFills(MessageLog log, Executor context) {
        this.log = log;
        this.context = context;
    }

    /** The fills of one socket of {@code user} (a read since joining depends on who asks). */
    DeliveryOrder.Fills of(UUID user) {
        return (conversation, after, before, limit) -> fetch(conversation, user, after, before, limit);
    }

    Uni<List<Publication>> fetch(UUID conversation, UUID user, long after, long before, int limit) {
        String key = conversation + ":" + after + ":" + before + ":" + limit + (after == MessageLog.SINCE_JOINED ? ":" + user : "");
        Uni<List<Publication>> running = inFlight.get(key);
        if (running != null) {
            return running;
        }
        Uni<List<Publication>> read = log.created(conversation, user, after, before, limit)
                .onTermination().invoke(() -> context.execute(() -> inFlight.remove(key)))
                .memoize().indefinitely();
        inFlight.put(key, read);
        return read;
    }

    int inFlight() {
        return inFlight.size();
    }
}
