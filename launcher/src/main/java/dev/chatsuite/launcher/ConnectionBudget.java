package dev.chatsuite.launcher;

import java.util.Map;

/**
 * Each service's reactive pool (DB_POOL_SIZE) sized so that every service's pool fits in the
 * server's connections at once. With the default of 20, four messaging instances, auth and media
 * asked 132 (Flyway's included) of a default server's 97, and sockets opened in a burst were
 * refused (docs/decisions.md, "Pools that fit the server").
 *
 * @param maxConnections the server's max_connections
 * @param reserved its superuser_reserved_connections (and reserved_connections), not ours to use
 */
record ConnectionBudget(int maxConnections, int reserved) {

    /** Each service's pool unless the server is too small for it: the services' own default. */
    static final int DEFAULT_POOL = 20;
    /** Each service's JDBC pool (quarkus.datasource.jdbc.max-size): Flyway's, idle for minutes after start-up. */
    static final int JDBC_POOL = 2;
    /** Left for psql, the benches and a tool's connection. */
    static final int HEADROOM = 4;
    /** Below this a service queues every burst; the launcher warns instead of going lower. */
    static final int SMALLEST_POOL = 4;

    /** Connections the services may hold between them. */
    int available() {
        return Math.max(0, maxConnections - reserved - HEADROOM);
    }

    /** True when the user set DB_POOL_SIZE: the launcher then keeps it and only warns. */
    static boolean given(Map<String, String> env) {
        String pool = env.get("DB_POOL_SIZE");
        return pool != null && !pool.isBlank();
    }

    /** DB_POOL_SIZE when the user set it, else {@link #poolSize(int)}. */
    int poolSize(Map<String, String> env, int services) {
        return given(env) ? Integer.parseInt(env.get("DB_POOL_SIZE").trim()) : poolSize(services);
    }

    /** The reactive pool of each of {@code services} services: the default, or an even share of what is available. */
    int poolSize(int services) {
        return Math.max(SMALLEST_POOL, Math.min(DEFAULT_POOL, available() / Math.max(1, services) - JDBC_POOL));
    }

    /** A warning when {@code services} reactive pools of {@code pool} connections (and their JDBC pools) do not fit, or null. */
    String warning(int services, int pool) {
        int wanted = services * (pool + JDBC_POOL);
        return wanted <= available() ? null
                : services + " services with " + pool + " connections each (and " + JDBC_POOL + " for Flyway) want " + wanted
                        + " of the " + available() + " PostgreSQL leaves them (max_connections " + maxConnections + " less " + reserved
                        + " reserved and " + HEADROOM + " spare): raise max_connections, set a smaller DB_POOL_SIZE or run fewer "
                        + "MESSAGING_INSTANCES";
    }
}
