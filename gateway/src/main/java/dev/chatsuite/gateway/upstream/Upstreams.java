package dev.chatsuite.gateway.upstream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import io.vertx.core.Vertx;

/** The route table: which upstream serves a path, by prefix (the contract's Gateway section). */
@ApplicationScoped
public class Upstreams {

    private final Upstream auth;
    private final Upstream messaging;
    private final Upstream media;
    private final Map<String, Upstream> prefixes = new LinkedHashMap<>();

    public Upstreams(GatewayConfig config, Vertx vertx) {
        this.auth = new Upstream("auth", config.auth(), vertx);
        this.messaging = new Upstream("messaging", config.messaging(), vertx);
        this.media = new Upstream("media", config.media(), vertx);
        prefixes.put("/api/auth/", auth);
        prefixes.put("/api/users", auth);
        prefixes.put("/api/admin/", auth);
        prefixes.put("/.well-known/", auth);
        prefixes.put("/api/conversations", messaging);
        prefixes.put("/api/messages", messaging);
        prefixes.put("/api/media", media);
        prefixes.put("/ws", messaging);
    }

    public Optional<Upstream> forPath(String path) {
        for (Map.Entry<String, Upstream> entry : prefixes.entrySet()) {
            String prefix = entry.getKey();
            if (path.startsWith(prefix) && (prefix.endsWith("/") || path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                    || path.charAt(prefix.length()) == '?')) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    public Upstream auth() {
        return auth;
    }

    public Upstream messaging() {
        return messaging;
    }

    public Upstream media() {
        return media;
    }
}
