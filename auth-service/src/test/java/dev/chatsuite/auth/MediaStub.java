package dev.chatsuite.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for media-service's {@code GET /api/media/{id}/metadata}: tests register what a
 * media id is (owner, purpose, type); unknown ids answer 404 like the real service.
 */
public class MediaStub implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> MEDIA = new ConcurrentHashMap<>();
    private HttpServer server;

    public static void register(String mediaId, String ownerId, String purpose, String contentType) {
        MEDIA.put(mediaId, "{\"id\":\"" + mediaId + "\",\"ownerId\":\"" + ownerId + "\",\"purpose\":\"" + purpose
                + "\",\"contentType\":\"" + contentType + "\",\"size\":10}");
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/media/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String body = parts.length == 5 && "metadata".equals(parts[4]) && exchange.getRequestHeaders().containsKey("Authorization")
                    ? MEDIA.get(parts[3]) : null;
            byte[] bytes = (body == null ? "{\"status\":404}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.media.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
