package dev.chatsuite.messaging.realtime;

import io.smallrye.mutiny.Uni;

/**
 * The far end of one client socket, however it reaches this instance: a WebSocket of its own
 * ({@link ConnectionPeer}) or a channel of the gateway's socket link ({@link LinkPeer}).
 */
interface Peer {

    /** Unique among this instance's open sockets; the {@code connectionId} of {@code ready}. */
    String id();

    boolean isOpen();

    /**
     * Writes one text message and runs {@code done} once it is written (or failed, when the socket
     * is gone). A callback, not a {@code Uni}: it runs for every delivery, where a subscription
     * and its context capture cost more than the write's own Java.
     */
    void send(String frame, Runnable done);

    /** Closes the socket with a contract code; completes once the close is sent. */
    Uni<Void> close(int code, String reason);

    /** A header of the client's upgrade request, or null. */
    String header(String name);

    /** The raw query of the client's upgrade URI, or null. */
    String query();
}
