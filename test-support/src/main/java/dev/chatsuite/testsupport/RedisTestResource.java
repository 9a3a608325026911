package dev.chatsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service's Redis client at the machine's Redis through a {@link TcpProxy}
 * ({@link #proxy()}), so that tests can simulate a Redis outage and its return.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy(TestEnvironment.redisHost(), TestEnvironment.redisPort()).start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port());
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    public static TcpProxy proxy() {
        return proxy;
    }
}
