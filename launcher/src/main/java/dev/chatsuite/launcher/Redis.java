package dev.chatsuite.launcher;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import redis.embedded.RedisServer;

/**
 * The Redis the suite uses: REDIS_URL when set, else one answering on 127.0.0.1:6379, else a
 * real Redis binary shipped in a Maven Central jar. Redis holds only ephemeral state here
 * (rate-limit counters, presence, pub/sub), so the embedded one keeps nothing on disk.
 */
final class Redis implements AutoCloseable {

    static final int EMBEDDED_PORT = 63799;

    final String kind;
    final String url;
    private final RedisServer embedded;

    private Redis(String kind, String url, RedisServer embedded) {
        this.kind = kind;
        this.url = url;
        this.embedded = embedded;
    }

    static Redis resolve(Map<String, String> env) throws IOException {
        if (env.containsKey("REDIS_URL") && !"embedded".equals(env.get("SUITE_REDIS"))) {
            return new Redis("configured", env.get("REDIS_URL"), null);
        }
        if (!"embedded".equals(env.get("SUITE_REDIS")) && Ports.answers("127.0.0.1", 6379)) {
            return new Redis("local", "redis://127.0.0.1:6379", null);
        }
        RedisServer server = RedisServer.newRedisServer()
                .port(EMBEDDED_PORT)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .onShutdownForceStop(true)
                .build();
        server.start();
        return new Redis("embedded", "redis://127.0.0.1:" + EMBEDDED_PORT, server);
    }

    String describe() {
        URI uri = URI.create(url);
        return kind + " Redis at " + uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
