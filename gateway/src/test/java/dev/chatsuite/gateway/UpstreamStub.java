package dev.chatsuite.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chatsuite.common.link.LinkRecords;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * One stand-in for auth-service and messaging-service (media-service points at a closed port,
 * to test an upstream that is down). It records what it received, so tests can assert what the
 * gateway forwarded: headers, bodies, WebSocket upgrades. Messaging's socket link is
 * {@link LinkStub}: its channels behave as the stub's own sockets.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "correct horse battery";
    /** Access tokens the stub issues live this long; under the gateway's 10 s leeway, so each use refreshes. */
    static volatile long accessTtlSeconds = 900;
    /** When set, GET /api/auth/me answers 4 MiB, chunked. */
    static volatile boolean hugeAnswers;
    static final AtomicInteger REFRESHES = new AtomicInteger();
    static final AtomicInteger LOGOUTS = new AtomicInteger();
    static final AtomicInteger REUSES = new AtomicInteger();
    static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    static final Set<String> ROTATED = ConcurrentHashMap.newKeySet();
    static final Map<String, JsonObject> LAST = new ConcurrentHashMap<>();
    /** WebSockets open at the stub, and the close code each socket opened with {@code ?id=} received. */
    public static final AtomicInteger OPEN_SOCKETS = new AtomicInteger();
    public static final Map<String, Integer> CLOSES = new ConcurrentHashMap<>();
    /** The stub's port, for tests that reach it without the gateway. */
    public static volatile int port;
    private Vertx vertx;
    private HttpServer server;
    /** Open connections by the peer's address, so a link's TCP connection can be dropped. */
    private final Map<String, HttpConnection> connections = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        server = listen();
        port = server.actualPort();
        String url = "http://127.0.0.1:" + port;
        Map<String, String> config = new java.util.HashMap<>();
        config.put("gateway.auth.urls", url);
        config.put("gateway.messaging.urls", url);
        config.put("gateway.media.urls", "http://127.0.0.1:1");
        config.put("gateway.cors-origins", "https://app.example.com");
        config.put("gateway.limits.login", "3");
        config.put("gateway.limits.register", "2");
        config.put("gateway.limits.forgot", "2");
        config.put("gateway.limits.upload", "2");
        config.put("gateway.limits.default", "600");
        // test-support's problem+json probe is answered by Quarkus REST inside the gateway, in tests only.
        config.put("gateway.problem-probe", "true");
        // Small enough to cross quickly in a test; the 10 MiB multipart test still passes.
        config.put("gateway.max-body.multipart", "12M");
        config.put("gateway.jwt.issuer", TestTokens.ISSUER);
        // Small enough for a flood to cross quickly (SocketLinkTest).
        config.put("gateway.websockets.max-backlog", "64K");
        return config;
    }

    private HttpServer listen() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(this::handle).connectionHandler(connection -> {
            String peer = connection.remoteAddress().toString();
            connections.put(peer, connection);
            connection.closeHandler(v -> connections.remove(peer, connection));
        }).webSocketHandler(ws -> {
            if (ws.path().equals(LinkRecords.PATH)) {
                LinkStub.accept(ws, connections.get(ws.remoteAddress().toString()));
                return;
            }
            if (ws.path().equals("/ws/refused")) {
                ws.close((short) 4001, "missing token");
                return;
            }
            if (ws.path().equals("/ws/unavailable")) {
                ws.reject(503);
                return;
            }
            if (ws.path().equals("/ws/flood")) {
                flood(ws, FLOOD_BYTES);
                return;
            }
            String id = socketId(ws.query());
            OPEN_SOCKETS.incrementAndGet();
            ws.closeHandler(v -> {
                OPEN_SOCKETS.decrementAndGet();
                if (id != null) {
                    CLOSES.put(id, ws.closeStatusCode() == null ? -1 : (int) ws.closeStatusCode());
                }
            });
            String auth = ws.headers().get("Authorization");
            ws.writeTextMessage(new JsonObject().put("authorization", auth).put("requestId", ws.headers().get("X-Request-Id")).encode());
            ws.textMessageHandler(text -> {
                if (text.startsWith("close:")) {
                    String[] parts = text.split(":", 3);
                    ws.close(Short.parseShort(parts[1]), parts.length > 2 ? parts[2] : "closed by the upstream");
                } else {
                    ws.writeTextMessage("echo:" + text);
                }
            });
        });
        try {
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    /** Bytes {@code /ws/flood} sends, in 64 KiB binary frames, as fast as the gateway takes them; then "done". */
    public static final int FLOOD_BYTES = 64 * 1024 * 1024;

    private static void flood(io.vertx.core.http.ServerWebSocket ws, int remaining) {
        while (remaining > 0 && !ws.writeQueueFull()) {
            int size = Math.min(64 * 1024, remaining);
            ws.writeBinaryMessage(Buffer.buffer(new byte[size]));
            remaining -= size;
        }
        if (remaining == 0) {
            ws.writeTextMessage("done");
            return;
        }
        int left = remaining;
        ws.drainHandler(v -> flood(ws, left));
    }

    static String socketId(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("id=")) {
                return pair.substring(3);
            }
        }
        return null;
    }

    /** A token signed with a key the stub publishes at {@code /.well-known/jwks.json}, as auth-service's are. */
    static String token(String subject, long ttlSeconds) {
        Instant now = Instant.now();
        return TestTokens.sign(Jwt.claims().issuer(TestTokens.ISSUER).subject(subject).issuedAt(now).expiresAt(now.getEpochSecond() + ttlSeconds)
                .claim("jti", UUID.randomUUID().toString()));
    }

    /** A token of the right shape whose signature no key verifies. */
    static String forged(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"test-key-1\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(new JsonObject().put("sub", subject).put("iss", TestTokens.ISSUER)
                .put("exp", Instant.now().getEpochSecond() + 900).encode().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            JsonObject seen = new JsonObject()
                    .put("method", request.method().name())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                    .put("internal", request.getHeader("X-Internal-User"))
                    .put("contentType", request.getHeader("Content-Type"))
                    .put("cookie", request.getHeader("Cookie"))
                    .put("uri", request.uri())
                    .put("bytes", body.length());
            LAST.put(path, seen);
            switch (path) {
                case "/api/auth/login" -> {
                    JsonObject credentials = body.toJsonObject();
                    if ("disabled".equals(credentials.getString("identifier"))) {
                        problem(request, 403, "account-disabled", "This account is disabled.");
                    } else if (PASSWORD.equals(credentials.getString("password"))) {
                        tokens(request, "user-" + credentials.getString("identifier"));
                    } else {
                        problem(request, 401, "invalid-credentials", "Wrong identifier or password.");
                    }
                }
                case "/api/auth/refresh" -> {
                    REFRESHES.incrementAndGet();
                    String presented = body.toJsonObject().getString("refreshToken");
                    if (!ROTATED.add(presented)) {
                        // As auth-service does: a rotated token presented again revokes its family.
                        REUSES.incrementAndGet();
                        problem(request, 401, "unauthorized", "Refresh token reused; session revoked.");
                    } else {
                        vertx.setTimer(300, id -> tokens(request, "user-refreshed"));
                    }
                }
                case "/.well-known/jwks.json" -> {
                    JWKS_FETCHES.incrementAndGet();
                    request.response().putHeader("Content-Type", "application/json").end(TestTokens.jwksJson());
                }
                case "/api/auth/logout" -> {
                    LOGOUTS.incrementAndGet();
                    request.response().setStatusCode(204).end();
                }
                case "/api/auth/me" -> {
                    if (hugeAnswers) {
                        // A misbehaving service: a chunked answer far over anything auth sends.
                        request.response().setChunked(true).putHeader("Content-Type", "application/json");
                        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
                        for (int i = 0; i < 64; i++) {
                            request.response().write(chunk);
                        }
                        request.response().end();
                    } else if (request.getHeader("Authorization") == null) {
                        problem(request, 401, "unauthorized", "No token.");
                    } else {
                        json(request, 200, new JsonObject().put("id", "u1").put("username", "alice"));
                    }
                }
                case "/api/conversations/big" -> {
                    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
                    request.response().putHeader("Content-Length", Integer.toString(80 * chunk.length()));
                    for (int i = 0; i < 80; i++) {
                        request.response().write(chunk);
                    }
                    request.response().end();
                }
                case "/api/conversations/broken" -> problem(request, 500, "internal-error", "Broken on purpose.");
                default -> json(request, path.equals("/api/auth/register") ? 201 : 200, seen);
            }
        });
    }

    private void tokens(HttpServerRequest request, String subject) {
        json(request, 200, new JsonObject().put("accessToken", token(subject, accessTtlSeconds)).put("refreshToken", UUID.randomUUID().toString())
                .put("tokenType", "Bearer").put("expiresIn", accessTtlSeconds).put("refreshExpiresIn", 3600));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void problem(HttpServerRequest request, int status, String slug, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "https://chat-suite.dev/problems/" + slug).put("status", status).put("detail", detail).encode());
    }
}
