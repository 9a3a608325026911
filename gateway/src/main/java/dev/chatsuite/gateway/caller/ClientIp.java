package dev.chatsuite.gateway.caller;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client's IP: the peer's address, or X-Forwarded-For only when the peer is a trusted proxy
 * (Quarkus resolves that from TRUSTED_PROXIES before any gateway code runs).
 */
public final class ClientIp {

    private ClientIp() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
