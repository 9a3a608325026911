package dev.chatsuite.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Gateway settings; each one's environment variable is in the module README. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The public origin browsers use (PUBLIC_URL); https there turns on Secure, __Host- cookies. */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Other origins allowed for CORS and CSRF (GATEWAY_CORS_ORIGINS). */
    @WithName("cors-origins")
    Optional<List<String>> corsOrigins();

    /** Force Secure/__Host- cookies on or off (GATEWAY_SECURE_COOKIES); default: when public-url is https. */
    @WithName("secure-cookies")
    Optional<Boolean> secureCookies();

    /**
     * GATEWAY_ACCESS_LOG: {@code own} (default) writes access lines for what the gateway answers
     * itself (sessions, refusals, the SPA, upstream failures and 5xx answers); a proxied answer
     * below 500 is logged by the service that gave it, under the same request id. {@code all}
     * logs every request here too.
     */
    @WithName("access-log")
    @WithDefault("own")
    AccessLogScope accessLog();

    enum AccessLogScope {
        OWN,
        ALL
    }

    Upstream auth();

    Upstream messaging();

    Upstream media();

    RateLimits limits();

    WebSockets websockets();

    interface WebSockets {
        /**
         * Client WebSockets one gateway process relays at once (GATEWAY_MAX_WEBSOCKETS); past it an
         * upgrade is accepted and closed with 1013. Each socket holds two file descriptors.
         */
        @WithName("max-open")
        @WithDefault("10000")
        int maxOpen();

        /**
         * Largest message a client may send, counted frame by frame while it streams
         * (GATEWAY_MAX_WEBSOCKET_MESSAGE_BYTES); past it the socket is closed with 1009.
         */
        @WithName("max-message")
        @WithDefault("64K")
        MemorySize maxMessage();

        /**
         * Whether messaging's {@code /ws} sockets ride the socket link (GATEWAY_WS_LINK): one
         * WebSocket per event loop and messaging instance carrying many sockets as channels.
         */
        @WithName("link")
        @WithDefault("true")
        boolean link();

        /**
         * Bytes of frames a client on the socket link may leave unread beyond its socket's write
         * queue (GATEWAY_MAX_WEBSOCKET_BACKLOG_BYTES); past it the socket is closed with 4008.
         */
        @WithName("max-backlog")
        @WithDefault("1M")
        MemorySize maxBacklog();
    }

    /** The most body bytes the gateway reads or forwards per route family, counted while they stream. */
    @WithName("max-body")
    MaxBody maxBody();

    /** How the gateway verifies access tokens (only to pick a rate-limit bucket; the services verify them too). */
    Jwt jwt();

    /**
     * Whether test-support's problem probe ({@code /api/__probe/**}) is left to this application's
     * own REST resources instead of the route table. Off unless a test turns it on: in production
     * that path is an unknown API path (404).
     */
    @WithName("problem-probe")
    @WithDefault("false")
    boolean problemProbe();

    interface MaxBody {
        /** POST /api/session and /api/auth/login, read whole to find the identifier (GATEWAY_MAX_LOGIN_BYTES). */
        @WithDefault("16K")
        MemorySize login();

        /** POST /api/media, streamed to media-service (GATEWAY_MAX_UPLOAD_BYTES). */
        @WithDefault("11M")
        MemorySize upload();

        /** multipart/form-data message posts, streamed to messaging-service (GATEWAY_MAX_MULTIPART_BYTES). */
        @WithDefault("101M")
        MemorySize multipart();

        /** Every other request body (JSON), streamed (GATEWAY_MAX_JSON_BYTES). */
        @WithName("default")
        @WithDefault("1M")
        MemorySize defaultSize();
    }

    interface Jwt {
        /** Expected {@code iss} (JWT_ISSUER); unset: any issuer whose signature verifies. */
        Optional<String> issuer();

        /** auth-service's JWKS, fetched through the auth upstream. */
        @WithName("jwks-path")
        @WithDefault("/.well-known/jwks.json")
        String jwksPath();

        /** How long a fetched JWKS is used before it is fetched again (an unknown kid refetches sooner). */
        @WithName("jwks-max-age")
        @WithDefault("PT10M")
        Duration jwksMaxAge();
    }

    interface Upstream {
        /** Base URLs, comma-separated; calls are spread round-robin over the healthy ones. */
        List<String> urls();

        @WithName("connect-timeout")
        @WithDefault("PT2S")
        Duration connectTimeout();

        /** No byte from the upstream for this long: 504. */
        @WithName("idle-timeout")
        @WithDefault("PT60S")
        Duration idleTimeout();

        /** Connections per event loop (each event loop has its own pool; see {@code Upstream}). */
        @WithName("pool-size")
        @WithDefault("100")
        int poolSize();

        /** How long a URL whose connect failed is left out of the rotation. */
        @WithName("down-for")
        @WithDefault("PT5S")
        Duration downFor();
    }

    /** Requests per minute; 0 turns a limit off. */
    interface RateLimits {
        @WithDefault("10")
        int login();

        @WithDefault("5")
        int register();

        @WithDefault("3")
        int forgot();

        @WithDefault("30")
        int upload();

        @WithName("default")
        @WithDefault("600")
        int defaultLimit();
    }
}
