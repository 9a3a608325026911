package dev.chatsuite.messaging.realtime;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.messaging.event.RedisEventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This instance's open sockets, by user. The first socket of a user subscribes the instance
 * to that user's channel; the last one to close unsubscribes it, so an instance only receives
 * events for users connected to it.
 */
@ApplicationScoped
public class Sessions {

    private final Map<UUID, Set<ChatSession>> byUser = new ConcurrentHashMap<>();
    private final Broker broker;

    public Sessions(Broker broker) {
        this.broker = broker;
    }

    void start(@Observes StartupEvent event) {
        broker.listen(this::deliver);
    }

    /** Adds a session; true when it is the user's first on this instance. */
    boolean add(ChatSession session) {
        UUID user = session.caller().userId();
        boolean[] first = { false };
        byUser.compute(user, (k, set) -> {
            Set<ChatSession> sessions = set == null ? ConcurrentHashMap.newKeySet() : set;
            first[0] = sessions.isEmpty();
            sessions.add(session);
            return sessions;
        });
        if (first[0]) {
            broker.subscribe(RedisEventPublisher.channel(user));
        }
        return first[0];
    }

    /** Removes a session; true when it was the user's last on this instance. */
    boolean remove(ChatSession session) {
        UUID user = session.caller().userId();
        boolean[] last = { false };
        byUser.computeIfPresent(user, (k, set) -> {
            set.remove(session);
            last[0] = set.isEmpty();
            return set.isEmpty() ? null : set;
        });
        if (last[0]) {
            broker.unsubscribe(RedisEventPublisher.channel(user));
        }
        return last[0];
    }

    Set<UUID> users() {
        return byUser.keySet();
    }

    int count() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    private void deliver(String channel, String payload) {
        if (!channel.startsWith(RedisEventPublisher.USER_CHANNEL_PREFIX)) {
            return;
        }
        UUID user;
        try {
            user = UUID.fromString(channel.substring(RedisEventPublisher.USER_CHANNEL_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return;
        }
        Set<ChatSession> sessions = byUser.get(user);
        if (sessions != null) {
            sessions.forEach(s -> s.deliver(payload));
        }
    }

    /** Shutdown: every client is told to reconnect elsewhere (1001). */
    void closeAll(@Observes ShutdownEvent event) {
        List<ChatSession> all = byUser.values().stream().flatMap(Set::stream).toList();
        all.forEach(s -> s.close(1001, "Server shutting down; reconnect."));
    }
}
