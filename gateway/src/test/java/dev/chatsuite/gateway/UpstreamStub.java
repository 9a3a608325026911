package dev.chatsuite.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * One stand-in for auth-service and messaging-service (media-service points at a closed port,
 * to test an upstream that is down). It records what it received, so tests can assert what the
 * gateway forwarded: headers, bodies, WebSocket upgrades.
 */
public class UpstreamStub implements QuarkusTestResourceLifecycleManager {

    public static final String PASSWORD = "correct horse battery";
    /** Access tokens the stub issues live this long; under the gateway's 10 s leeway, so each use refreshes. */
    static volatile long accessTtlSeconds = 900;
    static final AtomicInteger REFRESHES = new AtomicInteger();
    static final AtomicInteger LOGOUTS = new AtomicInteger();
    static final Map<String, JsonObject> LAST = new ConcurrentHashMap<>();
    /** WebSockets open at the stub, and the close code each socket opened with {@code ?id=} received. */
    public static final AtomicInteger OPEN_SOCKETS = new AtomicInteger();
    public static final Map<String, Integer> CLOSES = new ConcurrentHashMap<>();
    /** The stub's port, for tests that reach it without the gateway. */
    public static volatile int port;
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = listen();
        port = server.actualPort();
        String url = "http://127.0.0.1:" + port;
        return Map.of("gateway.auth.urls", url, "gateway.messaging.urls", url, "gateway.media.urls", "http://127.0.0.1:1",
                "gateway.cors-origins", "https://app.example.com",
                "gateway.limits.login", "3", "gateway.limits.register", "2", "gateway.limits.forgot", "2", "gateway.limits.upload", "2",
                "gateway.limits.default", "1000");
    }

    private HttpServer listen() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(this::handle).webSocketHandler(ws -> {
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
                    ws.close(Short.parseShort(text.substring("close:".length())), "closed by the upstream");
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

    private static String socketId(String query) {
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

    static String token(String subject, long ttlSeconds) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"stub\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(new JsonObject().put("sub", subject).put("exp", Instant.now().getEpochSecond() + ttlSeconds)
                .encode().getBytes(StandardCharsets.UTF_8));
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
                    .put("bytes", body.length());
            LAST.put(path, seen);
            switch (path) {
                case "/api/auth/login" -> {
                    JsonObject credentials = body.toJsonObject();
                    if (PASSWORD.equals(credentials.getString("password"))) {
                        tokens(request, "user-" + credentials.getString("identifier"));
                    } else {
                        problem(request, 401, "invalid-credentials", "Wrong identifier or password.");
                    }
                }
                case "/api/auth/refresh" -> {
                    REFRESHES.incrementAndGet();
                    vertx.setTimer(300, id -> tokens(request, "user-refreshed"));
                }
                case "/api/auth/logout" -> {
                    LOGOUTS.incrementAndGet();
                    request.response().setStatusCode(204).end();
                }
                case "/api/auth/me" -> {
                    if (request.getHeader("Authorization") == null) {
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
