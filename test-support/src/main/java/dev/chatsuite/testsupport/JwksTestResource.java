package dev.chatsuite.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Serves {@link TestTokens#jwksJson()} at {@code /.well-known/jwks.json} on a free port and
 * points smallrye-jwt at it, so services verify test tokens the way they verify real ones:
 * through a JWKS URL. {@link #fetches()} counts the downloads, to prove caching.
 */
public class JwksTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger FETCHES = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            FETCHES.incrementAndGet();
            byte[] body = TestTokens.jwksJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
        return Map.of(
                "mp.jwt.verify.publickey.location", url,
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "JWKS_URL", url,
                "JWT_ISSUER", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static int fetches() {
        return FETCHES.get();
    }
}
