package dev.chatsuite.messaging.realtime;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** A client socket connected to this instance's {@code /ws} directly. */
final class ConnectionPeer implements Peer {

    private final WebSocketConnection connection;

    ConnectionPeer(WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void send(String frame, Runnable done) {
        connection.sendText(frame).subscribe().with(v -> done.run(), e -> done.run());
    }

    @Override
    public Uni<Void> close(int code, String reason) {
        return connection.close(new CloseReason(code, reason));
    }

    @Override
    public String header(String name) {
        return connection.handshakeRequest().header(name);
    }

    @Override
    public String query() {
        return connection.handshakeRequest().query();
    }
}
