package dev.chatsuite.gateway.body;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.gateway.GatewayConfig;
import dev.chatsuite.gateway.route.Route;

/**
 * The most body bytes the gateway accepts per route family ({@link Route#body()}): logins (read
 * whole), uploads and multipart message posts (streamed to services that enforce their own,
 * tighter, limits), and everything else (JSON). Counted while the body streams, whatever its framing.
 */
@ApplicationScoped
public class BodyLimits {

    private final long login;
    private final long upload;
    private final long multipart;
    private final long other;

    public BodyLimits(GatewayConfig config) {
        this.login = config.maxBody().login().asLongValue();
        this.upload = config.maxBody().upload().asLongValue();
        this.multipart = config.maxBody().multipart().asLongValue();
        this.other = config.maxBody().defaultSize().asLongValue();
    }

    /** The cap of a route's body family. */
    public long cap(Route.Body family) {
        return switch (family) {
            case LOGIN -> login;
            case UPLOAD -> upload;
            case MULTIPART -> multipart;
            case DEFAULT -> other;
        };
    }
}
