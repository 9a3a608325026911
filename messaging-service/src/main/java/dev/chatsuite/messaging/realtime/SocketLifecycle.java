package dev.chatsuite.messaging.realtime;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.messaging.caller.Callers;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.FanoutContext;
import io.smallrye.mutiny.Uni;

/**
 * A client socket's life, whichever way it reached this instance ({@link Peer}). Refused
 * sockets are closed with their code (4001, 4003), since browsers cannot read an HTTP status
 * on a failed upgrade. Opening: authenticate, register, subscribe, follow the user's
 * conversations and read the baseline, say {@code ready}, join presence; a close at any point
 * of that gives back exactly what was taken.
 */
@ApplicationScoped
public class SocketLifecycle {

    private static final Logger LOG = Logger.getLogger(SocketLifecycle.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(20);
    private final SocketAuth auth;
    private final Sessions sessions;
    private final Presence presence;
    private final Frames frames;
    private final Broker broker;
    private final GapFills fills;
    private final FanoutContext fanout;
    private final RealtimeConfig config;

    public SocketLifecycle(SocketAuth auth, Sessions sessions, Presence presence, Frames frames, Broker broker, GapFills fills,
            FanoutContext fanout, RealtimeConfig config) {
        this.auth = auth;
        this.sessions = sessions;
        this.presence = presence;
        this.frames = frames;
        this.broker = broker;
        this.fills = fills;
        this.fanout = fanout;
        this.config = config;
    }

    Uni<Void> open(Peer peer) {
        return sessions.open(() -> opening(peer));
    }

    private Uni<Void> opening(Peer peer) {
        return auth.authenticate(peer).chain(outcome -> {
            if (!outcome.ok()) {
                return peer.close(outcome.closeCode(), outcome.reason());
            }
            ChatSession session = new ChatSession(peer, Callers.of(outcome.token()), fanout, fills, config);
            UUID user = session.caller().userId();
            sessions.add(session);
            Uni<Void> subscribed = broker.subscribe(user);
            if (!peer.isOpen()) {
                // The client left while it was being authenticated: its close may have found nothing to release.
                return release(session);
            }
            session.expireAt(outcome.token().getExpirationTime());
            return subscribed
                    .chain(() -> sessions.followedPositions(user, List.of(session)))
                    .invoke(session::start)
                    .invoke(() -> {
                        if (session.joinPresence()) {
                            presence.join(user);
                        }
                    })
                    .chain(() -> presence.greet(session))
                    // A close waits for the opening to end: an opening that hung would keep the socket forever.
                    .ifNoItem().after(OPEN_TIMEOUT).fail()
                    .onFailure().recoverWithUni(e -> {
                        LOG.warnf("A socket could not be opened: %s", e.getClass().getSimpleName());
                        return peer.close(ChatSession.INTERNAL, "Try again shortly.");
                    })
                    // A close while opening may have come before the session was there to release.
                    .chain(() -> peer.isOpen() ? Uni.createFrom().voidItem() : release(session));
        });
    }

    /** One text message from the client of socket {@code id}. */
    Uni<Void> message(String id, String text) {
        ChatSession session = sessions.get(id);
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        if (!session.takeFrame()) {
            session.close(ChatSession.RATE_LIMITED, "Too many frames; slow down.");
            return Uni.createFrom().voidItem();
        }
        return frames.handle(session, text);
    }

    /** Socket {@code id} closed, whichever side closed it. */
    Uni<Void> closed(String id) {
        ChatSession session = sessions.get(id);
        return session == null ? Uni.createFrom().voidItem() : release(session);
    }

    /** Gives back what an open took, once: registration, subscription, follows, order, presence. */
    private Uni<Void> release(ChatSession session) {
        if (sessions.remove(session)) {
            UUID user = session.caller().userId();
            broker.unsubscribe(user);
            sessions.unfollow(session);
            if (session.release()) {
                presence.leave(user);
            }
        }
        return Uni.createFrom().voidItem();
    }
}
