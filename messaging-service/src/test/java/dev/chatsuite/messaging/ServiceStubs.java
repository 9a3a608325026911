package dev.chatsuite.messaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonObject;

/**
 * Stand-ins for the two services messaging calls with the user's token: auth-service's
 * {@code GET /api/users/{id}} (404 unless the user is registered here in the caller's tenant)
 * and media-service's upload, metadata and delete (a file whose name ends in {@code .exe} is
 * refused with 415 as the real service would refuse its bytes).
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    private static final String NO_TENANT = "none";
    private static final Map<UUID, String> USERS = new ConcurrentHashMap<>();
    private static final Map<String, JsonObject> MEDIA = new ConcurrentHashMap<>();
    private static final Set<String> DELETED = ConcurrentHashMap.newKeySet();
    private static final Set<String> DISABLED = ConcurrentHashMap.newKeySet();
    private static final Map<String, Long> SLOW = new ConcurrentHashMap<>();
    private static final AtomicInteger UPLOADS = new AtomicInteger();
    private static final Pattern FILENAME = Pattern.compile("name=\"file\"; filename=\"([^\"]*)\"");
    private HttpServer server;

    public static void registerUser(UUID user, UUID tenant) {
        USERS.put(user, tenant == null ? NO_TENANT : tenant.toString());
    }

    /** Media as media-service would answer for it: owned by {@code owner}, an attachment PNG. */
    public static String registerMedia(UUID owner) {
        String id = UUID.randomUUID().toString();
        MEDIA.put(id, media(id, owner.toString(), "photo.png", "image/png"));
        return id;
    }

    /** The account as an admin would disable it: auth-service answers its tokens with 401 account-disabled. */
    public static void disable(UUID user) {
        DISABLED.add(user.toString());
    }

    /** auth-service answers the user's account check only after {@code millis} (a socket still authenticating). */
    public static void slowAccountCheck(UUID user, long millis) {
        SLOW.put(user.toString(), millis);
    }

    public static boolean deleted(String mediaId) {
        return DELETED.contains(mediaId);
    }

    public static int uploads() {
        return UPLOADS.get();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/users/", this::users);
        server.createContext("/api/auth/me", this::me);
        server.createContext("/api/media", this::media);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.auth.url", url, "quarkus.rest-client.media.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void users(HttpExchange exchange) throws IOException {
        UUID id = UUID.fromString(exchange.getRequestURI().getPath().substring("/api/users/".length()));
        Optional<JsonObject> claims = claims(exchange);
        String callerTenant = claims.map(c -> c.getString("tid", NO_TENANT)).orElse(null);
        boolean visible = callerTenant != null && callerTenant.equals(USERS.get(id));
        reply(exchange, visible ? 200 : 404, visible ? new JsonObject().put("id", id.toString()).encode() : problem(404, "not-found"));
    }

    private void me(HttpExchange exchange) throws IOException {
        String subject = claims(exchange).map(c -> c.getString("sub")).orElse(null);
        Long delay = subject == null ? null : SLOW.get(subject);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (subject == null) {
            reply(exchange, 401, problem(401, "unauthorized"));
        } else if (DISABLED.contains(subject)) {
            reply(exchange, 401, problem(401, "account-disabled"));
        } else {
            reply(exchange, 200, new JsonObject().put("id", subject).encode());
        }
    }

    private void media(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String owner = claims(exchange).map(c -> c.getString("sub")).orElse(null);
        if (owner == null) {
            reply(exchange, 401, problem(401, "unauthorized"));
        } else if ("POST".equals(exchange.getRequestMethod()) && path.equals("/api/media")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
            Matcher name = FILENAME.matcher(body);
            String filename = name.find() ? name.group(1) : "file";
            if (filename.endsWith(".exe")) {
                reply(exchange, 415, problem(415, "unsupported-file-type"));
                return;
            }
            UPLOADS.incrementAndGet();
            String id = UUID.randomUUID().toString();
            JsonObject media = media(id, owner, filename, filename.endsWith(".pdf") ? "application/pdf" : "image/png");
            MEDIA.put(id, media);
            reply(exchange, 201, media.encode());
        } else if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/metadata")) {
            JsonObject media = MEDIA.get(path.split("/")[3]);
            boolean mine = media != null && owner.equals(media.getString("ownerId"));
            reply(exchange, mine ? 200 : 404, mine ? media.encode() : problem(404, "not-found"));
        } else if ("DELETE".equals(exchange.getRequestMethod())) {
            DELETED.add(path.split("/")[3]);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            reply(exchange, 404, problem(404, "not-found"));
        }
    }

    private static JsonObject media(String id, String owner, String filename, String type) {
        return new JsonObject().put("id", id).put("ownerId", owner).put("purpose", "attachment").put("filename", filename)
                .put("contentType", type).put("size", 1234).put("width", type.startsWith("image/") ? 64 : null)
                .put("height", type.startsWith("image/") ? 48 : null);
    }

    /** The token's claims, unverified: the real services verify, this stub only needs to know who asks. */
    private static Optional<JsonObject> claims(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String[] parts = header.substring(7).split("\\.");
        return Optional.of(new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
    }

    private static String problem(int status, String slug) {
        return new JsonObject().put("type", "https://chat-suite.dev/problems/" + slug).put("status", status)
                .put("detail", "stub says " + slug).encode();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
