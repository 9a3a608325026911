package dev.chatsuite.messaging.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chatsuite.common.link.LinkRecords;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Accepts socket links ({@link LinkRecords#PATH}): the gateway brings its browsers' {@code /ws}
 * sockets over one link per event loop, each socket a channel authenticated by its own access
 * token, exactly as on {@code /ws}. The path is not routed by the gateway.
 */
@ApplicationScoped
public class LinkEndpoint {

    private static final Logger LOG = Logger.getLogger(LinkEndpoint.class);
    private final SocketLifecycle lifecycle;

    public LinkEndpoint(SocketLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    void register(@Observes Router router) {
        router.get(LinkRecords.PATH).handler(ctx -> {
            var context = Vertx.currentContext();
            ctx.request().toWebSocket().onSuccess(ws -> new SocketLink(ws, context, lifecycle).start()).onFailure(e -> LOG.debugf("A socket link's upgrade failed: %s", e.getMessage()));
        });
    }
}
