package dev.chatsuite.messaging.realtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Delivery;
import dev.chatsuite.messaging.fanout.MessageLog;
import dev.chatsuite.messaging.fanout.Publication;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The one registry of this instance's open sockets, by connection and by user, and the
 * broker's {@link Delivery}: a publication for a user goes to the order of each of their
 * sockets here. It keeps the broker following every conversation of those sockets, from the
 * opening's baseline, on joining one, and after a resubscription. A socket counts from its
 * registration to its one release.
 */
@ApplicationScoped
public class Sessions implements Delivery {

    private static final Logger LOG = Logger.getLogger(Sessions.class);
    private final Map<String, ChatSession> byConnection = new ConcurrentHashMap<>();
    private final Map<UUID, Set<ChatSession>> byUser = new ConcurrentHashMap<>();
    private final AtomicLong started = new AtomicLong();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Broker broker;
    private final MessageLog log;

    public Sessions(Broker broker, MessageLog log) {
        this.broker = broker;
        this.log = log;
    }

    void start(@Observes StartupEvent event) {
        broker.deliverTo(this);
    }

    /** Registers a socket. */
    void add(ChatSession session) {
        byConnection.put(session.id(), session);
        // One atomic update per user: a concurrent last removal cannot drop the set this session joins.
        byUser.compute(session.caller().userId(), (k, set) -> {
            Set<ChatSession> mine = set == null ? ConcurrentHashMap.newKeySet() : set;
            mine.add(session);
            return mine;
        });
    }

    /** Runs the opening of a socket, counted from its start to its end (for {@link #opening()}). */
    Uni<Void> open(Supplier<Uni<Void>> opening) {
        started.incrementAndGet();
        inProgress.incrementAndGet();
        return Uni.createFrom().<Void>deferred(opening::get).onTermination().invoke(inProgress::decrementAndGet);
    }

    /** Openings begun since start, and those not yet finished: a test waits for them to settle. */
    long openingsStarted() {
        return started.get();
    }

    int opening() {
        return inProgress.get();
    }

    /** Unregisters a socket; true only for the call that removed it (so its resources are given back once). */
    boolean remove(ChatSession session) {
        if (!byConnection.remove(session.id(), session)) {
            return false;
        }
        byUser.computeIfPresent(session.caller().userId(), (k, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
        return true;
    }

    ChatSession get(String connectionId) {
        return byConnection.get(connectionId);
    }

    Set<UUID> users() {
        return byUser.keySet();
    }

    @Override
    public void deliver(UUID recipient, Publication publication) {
        Set<ChatSession> sessions = byUser.get(recipient);
        if (sessions == null) {
            return;
        }
        if (publication.kind() == Publication.Kind.JOINED) {
            joined(recipient, sessions, publication.conversationId());
            return;
        }
        for (ChatSession session : sessions) {
            session.order().accept(publication);
        }
    }

    /**
     * A baseline for {@code sessions} (of {@code user}): their conversations' positions, read
     * once this instance follows every one of them, so that nothing published after the read can
     * be missed. When a follow is newer than the first read, the positions are read again.
     */
    Uni<Map<UUID, Long>> followedPositions(UUID user, Collection<ChatSession> sessions) {
        long asked = System.nanoTime();
        return log.positions(user).chain(positions -> follow(sessions, positions.keySet())
                .chain(since -> since < asked ? Uni.createFrom().item(positions) : log.positions(user)));
    }

    /** Has each session follow the conversations new to it; completes with the latest instant since when one has been received. */
    private Uni<Long> follow(Collection<ChatSession> sessions, Collection<UUID> conversations) {
        List<Uni<Long>> follows = new ArrayList<>();
        for (ChatSession session : sessions) {
            // The broker counts inside the session's lock, so a concurrent release gives back exactly these.
            synchronized (session) {
                for (UUID conversation : conversations) {
                    if (session.startFollowing(conversation)) {
                        follows.add(broker.follow(conversation));
                    }
                }
            }
        }
        if (follows.isEmpty()) {
            return Uni.createFrom().item(Long.MIN_VALUE);
        }
        return Uni.join().all(follows).andFailFast().map(all -> all.stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE));
    }

    /** A released socket stops following its conversations. */
    void unfollow(ChatSession session) {
        Set<UUID> conversations;
        synchronized (session) {
            conversations = session.stopFollowing();
        }
        conversations.forEach(broker::unfollow);
    }

    /** The user joined a conversation: their sockets here follow it and fill what was published before. */
    private void joined(UUID user, Set<ChatSession> sessions, UUID conversation) {
        resync(user, sessions, positions -> {
            Long last = positions.get(conversation);
            return last == null ? null : Map.of(conversation, last);
        }, Logger.Level.WARN, "A joined conversation is not followed yet: %s");
    }

    /** After a broker outage every socket looks in storage for what it may have missed (one query per user). */
    @Override
    public void resubscribed() {
        for (UUID user : List.copyOf(byUser.keySet())) {
            Set<ChatSession> sessions = byUser.get(user);
            if (sessions != null) {
                resync(user, sessions, positions -> positions, Logger.Level.DEBUG, "Positions after resubscription not read: %s");
            }
        }
    }

    /**
     * Reads a baseline for {@code user}'s sockets here (following what is new to them) and resyncs
     * each with the part {@code pick} takes of it; a null pick is nothing to resync.
     */
    private void resync(UUID user, Set<ChatSession> sessions, UnaryOperator<Map<UUID, Long>> pick, Logger.Level level, String failure) {
        List<ChatSession> mine = List.copyOf(sessions);
        followedPositions(user, mine).subscribe().with(positions -> {
            Map<UUID, Long> picked = pick.apply(positions);
            if (picked != null) {
                mine.forEach(s -> s.resync(picked));
            }
        }, e -> LOG.logf(level, failure, e.getClass().getSimpleName()));
    }

    /** Shutdown: every client is told to reconnect elsewhere (1001). */
    void closeAll(@Observes ShutdownEvent event) {
        List.copyOf(byConnection.values()).forEach(s -> s.close(1001, "Server shutting down; reconnect."));
    }
}
