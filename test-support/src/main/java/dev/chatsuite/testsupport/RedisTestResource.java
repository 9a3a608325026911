package dev.chatsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service's Redis client at the machine's Redis through a {@link TcpProxy}
 * ({@link #proxy()}), so that tests can simulate a Redis outage and its return.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;
    private String database = "0";

    /** Init arg {@code database}: the Redis database index, so one module's keys never meet another's. */
    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy(TestEnvironment.redisHost(), TestEnvironment.redisPort()).start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port() + "/" + database);
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
