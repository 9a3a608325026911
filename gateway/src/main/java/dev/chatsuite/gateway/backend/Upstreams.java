package dev.chatsuite.gateway.backend;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.route.Route.Service;
import io.vertx.core.Vertx;

/** The pool of each upstream service the route table forwards to. */
@ApplicationScoped
public class Upstreams {

    private final Map<Service, Upstream> pools = new EnumMap<>(Service.class);

    public Upstreams(GatewayConfig config, Vertx vertx) {
        pools.put(Service.AUTH, new Upstream("auth", config.auth(), vertx));
        pools.put(Service.MESSAGING, new Upstream("messaging", config.messaging(), vertx));
        pools.put(Service.MEDIA, new Upstream("media", config.media(), vertx));
    }

    /** The pool of {@code service}; the gateway's own endpoints have none. */
    public Upstream of(Service service) {
        Upstream upstream = pools.get(service);
        if (upstream == null) {
            throw new IllegalArgumentException(service + " is answered by the gateway itself");
        }
        return upstream;
    }
}
