package dev.chatsuite.gateway.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.backend.Upstream;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.json.JsonObject;

/**
 * The open socket links, one per event loop and messaging instance, and the door to them: a
 * client socket becomes a channel on its event loop's link to the instance it is sent to.
 */
@ApplicationScoped
public class SocketLinks {

    /** An event loop's (root) context and an instance: each key is only touched from that event loop. */
    private record Key(Context loop, Upstream.Target target) {
    }

    private final Map<Key, SocketLink> links = new ConcurrentHashMap<>();
    private final long maxMessage;
    private final long maxBacklog;

    public SocketLinks(GatewayConfig config) {
        this.maxMessage = config.websockets().maxMessage().asLongValue();
        this.maxBacklog = config.websockets().maxBacklog().asLongValue();
    }

    /**
     * Puts an accepted client socket on a link to one of {@code upstream}'s instances, made if
     * there is none yet. Called on the client connection's event loop ({@code context}); throws
     * IllegalStateException when the client's connection closed right after its 101.
     */
    LinkChannel open(Upstream upstream, Context context, ServerWebSocket client, JsonObject handshake, Runnable released) {
        LinkChannel channel = new LinkChannel(client, released, maxMessage, maxBacklog);
        Upstream.Target target = upstream.pick().orElse(null);
        if (target == null) {
            channel.fail("The " + upstream.name() + " service is unavailable.");
            return channel;
        }
        // A request runs on a duplicate of its event loop's context: links are shared per event loop.
        Context loop = context instanceof ContextInternal internal ? internal.unwrap() : context;
        Key key = new Key(loop, target);
        SocketLink link = links.get(key);
        if (link == null) {
            link = new SocketLink(upstream, target, loop, gone -> links.remove(key, gone));
            links.put(key, link);
        }
        link.add(channel, handshake);
        return channel;
    }

    /** Links open or connecting now. */
    public int size() {
        return links.size();
    }
}
