package dev.chatsuite.messaging.http;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.chatsuite.common.problem.HttpLayerProblems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A WebSocket upgrade whose URI is not valid (bad percent-encoding such as {@code ?token=%zz})
 * cannot be upgraded: Vert.x parses the URI during the handshake and drops the connection
 * without a word. It is answered with a 400 problem+json instead, before the handshake.
 */
@ApplicationScoped
public class UpgradeUriCheck {

    void register(@Observes Filters filters) {
        filters.register(this::check, 8_500);
    }

    void check(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket") && !valid(ctx.request().uri())) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            HttpLayerProblems.write(ctx, 400, "The request URI is not valid percent-encoding (check ?token=).");
            return;
        }
        ctx.next();
    }

    static boolean valid(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
