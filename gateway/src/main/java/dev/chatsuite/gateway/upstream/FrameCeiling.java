package dev.chatsuite.gateway.upstream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The WebSocket frame size Vert.x itself accepts from clients: above the gateway's message limit
 * (GATEWAY_MAX_WEBSOCKET_MESSAGE_BYTES), so an oversize message reaches {@link Splice} or
 * {@link LinkChannel} and is answered with 1009; a frame announcing more than this ceiling
 * drops the connection unread.
 */
@ApplicationScoped
public class FrameCeiling implements HttpServerOptionsCustomizer {

    static final int CEILING = 1024 * 1024;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxWebSocketFrameSize(CEILING).setMaxWebSocketMessageSize(CEILING);
    }
}
