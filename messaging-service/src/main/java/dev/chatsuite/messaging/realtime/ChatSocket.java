package dev.chatsuite.messaging.realtime;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/**
 * {@code /ws}: one socket per browser tab, carrying the events of all the user's conversations;
 * its life is {@link SocketLifecycle}'s. The gateway brings its browsers' sockets over the
 * socket link instead ({@link LinkEndpoint}); this endpoint serves clients that connect here.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    private final SocketLifecycle lifecycle;

    public ChatSocket(SocketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return lifecycle.open(new ConnectionPeer(connection));
    }

    @OnTextMessage
    public Uni<Void> message(String text, WebSocketConnection connection) {
        return lifecycle.message(connection.id(), text);
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        return lifecycle.closed(connection.id());
    }
}
