package dev.chatsuite.messaging.realtime;

import java.util.ArrayDeque;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.json.JsonObject;

/**
 * A client socket brought by the gateway over a {@link SocketLink}, as channel {@code channel}.
 * Its messages are handled one at a time in arrival order, as {@code /ws} handles a socket's
 * (the next waits until the previous one's handling completed).
 */
final class LinkPeer implements Peer {

    private final SocketLink link;
    private final int channel;
    private final String id;
    private final JsonObject headers;
    private final String query;
    private volatile boolean open = true;
    /** Messages not yet handled and whether one is being handled: touched on the link's loop only. */
    private final ArrayDeque<String> inbound = new ArrayDeque<>();
    private boolean handling;
    private boolean released;
    /** Messages a client may have waiting for their turn; past it, it sends faster than it is served (4008). */
    static final int MAX_WAITING = 64;

    LinkPeer(SocketLink link, int channel, String id, JsonObject handshake) {
        this.link = link;
        this.channel = channel;
        this.id = id;
        JsonObject given = handshake.getJsonObject("headers");
        this.headers = given == null ? new JsonObject() : given;
        String uri = handshake.getString("uri", "");
        int mark = uri.indexOf('?');
        this.query = mark < 0 ? null : uri.substring(mark + 1);
    }

    int channel() {
        return channel;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void send(String frame, Runnable done) {
        if (!open) {
            done.run();
            return;
        }
        link.text(this, frame).onComplete(written -> done.run());
    }

    @Override
    public Uni<Void> close(int code, String reason) {
        if (!open) {
            return Uni.createFrom().voidItem();
        }
        open = false;
        return UniHelper.toUni(link.close(this, code, reason));
    }

    @Override
    public String header(String name) {
        for (String field : headers.fieldNames()) {
            if (field.equalsIgnoreCase(name)) {
                Object value = headers.getValue(field);
                return value instanceof String text ? text : null;
            }
        }
        return null;
    }

    @Override
    public String query() {
        return query;
    }

    /** A message from the client (on the link's loop): handled now, or once those before it are. */
    void received(String text) {
        if (!open) {
            return;
        }
        if (inbound.size() >= MAX_WAITING) {
            close(ChatSession.RATE_LIMITED, "Too many frames; slow down.").subscribe().with(v -> {
            }, e -> {
            });
            return;
        }
        inbound.add(text);
        if (!handling) {
            next();
        }
    }

    private void next() {
        String text = open ? inbound.poll() : null;
        if (text == null) {
            handling = false;
            inbound.clear();
            return;
        }
        handling = true;
        link.runMessage(this, text, this::next);
    }

    /** The socket ended, by the client, the gateway or this instance (on the link's loop): released once. */
    void ended() {
        open = false;
        if (!released) {
            released = true;
            link.released(this);
        }
    }
}
