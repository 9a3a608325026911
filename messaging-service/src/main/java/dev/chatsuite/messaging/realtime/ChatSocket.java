package dev.chatsuite.messaging.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import dev.chatsuite.messaging.caller.Callers;
import dev.chatsuite.messaging.caller.Caller;

/**
 * {@code /ws}: one socket per browser tab, carrying the events of all the user's conversations.
 * Refused connections are upgraded, then closed with their code (4001, 4003), since browsers
 * cannot read an HTTP status on a failed upgrade.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    private static final Map<String, ChatSession> OPEN = new ConcurrentHashMap<>();
    private final SocketAuth auth;
    private final Sessions sessions;
    private final Presence presence;
    private final Frames frames;
    private final RealtimeConfig config;
    private final Vertx vertx;

    public ChatSocket(SocketAuth auth, Sessions sessions, Presence presence, Frames frames, RealtimeConfig config, Vertx vertx) {
        this.auth = auth;
        this.sessions = sessions;
        this.presence = presence;
        this.frames = frames;
        this.config = config;
        this.vertx = vertx;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return auth.authenticate(connection.handshakeRequest()).chain(outcome -> {
            if (!outcome.ok()) {
                return connection.close(new CloseReason(outcome.closeCode(), outcome.reason()));
            }
            Caller caller = Callers.of(outcome.token());
            ChatSession session = new ChatSession(connection, caller, vertx, config.maxPending(), config.frameRate(), config.frameBurst());
            session.expireAt(outcome.token().getExpirationTime());
            OPEN.put(connection.id(), session);
            sessions.add(session);
            session.send(new JsonObject().put("type", "ready").put("userId", caller.userId().toString()).put("connectionId", connection.id()));
            return presence.connected(caller.userId()).chain(() -> presence.greet(session));
        });
    }

    @OnTextMessage
    public Uni<Void> message(String text, WebSocketConnection connection) {
        ChatSession session = OPEN.get(connection.id());
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        if (!session.takeFrame()) {
            session.close(ChatSession.RATE_LIMITED, "Too many frames; slow down.");
            return Uni.createFrom().voidItem();
        }
        return frames.handle(session, text);
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        ChatSession session = OPEN.remove(connection.id());
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        session.closed();
        boolean last = sessions.remove(session);
        return last ? presence.disconnected(session.caller().userId()) : Uni.createFrom().voidItem();
    }

}
