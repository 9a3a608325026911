package dev.chatsuite.gateway.guard;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;

/** Which browser origins may call the API: the gateway's own, and those configured for CORS. */
@ApplicationScoped
public class Origins {

    private final Set<String> configured = new HashSet<>();
    private final String publicOrigin;

    public Origins(GatewayConfig config) {
        config.corsOrigins().orElse(List.of()).forEach(o -> configured.add(normalise(o)));
        this.publicOrigin = normalise(config.publicUrl());
    }

    /** A configured cross-origin caller (gets CORS headers). */
    public boolean isAllowedCrossOrigin(String origin) {
        return origin != null && configured.contains(normalise(origin));
    }

    /** The gateway's own origin: its public URL, or the scheme and host this request came to. */
    public boolean isSameOrigin(String origin, HttpServerRequest request) {
        if (origin == null) {
            return false;
        }
        String candidate = normalise(origin);
        return candidate.equals(publicOrigin)
                || (request.authority() != null && candidate.equals(normalise(request.scheme() + "://" + request.authority())));
    }

    static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }
}
