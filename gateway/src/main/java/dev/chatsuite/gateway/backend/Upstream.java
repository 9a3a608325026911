package dev.chatsuite.gateway.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsuite.common.http.EventLoopHttpClients;
import dev.chatsuite.gateway.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * One upstream service: its URLs, pooled HTTP clients (one per event loop, so
 * {@code pool-size} is per event loop), a WebSocket client with the configured timeouts and no
 * per-endpoint cap, and round-robin over the URLs that have not failed to connect lately.
 */
public final class Upstream {

    private final String name;
    private final List<Target> targets = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final EventLoopHttpClients clients;
    private final WebSocketClient websockets;
    private final GatewayConfig.Upstream config;

    /** One base URL of the upstream and until when it is out of the rotation. */
    public static final class Target {
        final String host;
        final int port;
        final boolean ssl;
        volatile long downUntilMillis;

        Target(URI uri) {
            this.ssl = "https".equals(uri.getScheme());
            this.host = uri.getHost();
            this.port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        }

        public String host() {
            return host;
        }

        public int port() {
            return port;
        }

        public boolean ssl() {
            return ssl;
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public Upstream(String name, GatewayConfig.Upstream config, Vertx vertx) {
        this.name = name;
        this.config = config;
        for (String url : config.urls()) {
            targets.add(new Target(URI.create(url.trim())));
        }
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setName("upstream-" + name);
        this.clients = new EventLoopHttpClients(vertx, options, new PoolOptions().setHttp1MaxSize(config.poolSize()));
        // Vert.x caps WebSockets per endpoint (50 by default) and queues the rest without a
        // timeout; the gateway's own limit is SocketBudget, so this cap is lifted. Only a socket
        // link's messages (batches of records) are assembled, up to 1 MiB rather than Vert.x's 256 KiB;
        // spliced sockets relay frames as they come.
        this.websockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(Integer.MAX_VALUE)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxFrameSize(65536)
                .setMaxMessageSize(1024 * 1024)
                .setName("upstream-ws-" + name));
    }

    public String name() {
        return name;
    }

    /** The HTTP client of the calling event loop (a shared one off the event loops). */
    public HttpClient http() {
        return clients.current();
    }

    public WebSocketClient websockets() {
        return websockets;
    }

    public GatewayConfig.Upstream config() {
        return config;
    }

    /** The next healthy target, or empty when every target failed lately (503). */
    public Optional<Target> pick() {
        long now = System.currentTimeMillis();
        int size = targets.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Target target = targets.get((start + i) % size);
            if (target.downUntilMillis <= now) {
                return Optional.of(target);
            }
        }
        return Optional.empty();
    }

    public void markDown(Target target) {
        target.downUntilMillis = System.currentTimeMillis() + config.downFor().toMillis();
    }

    public int size() {
        return targets.size();
    }
}
