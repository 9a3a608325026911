package dev.chatsuite.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service's datasource at the machine's PostgreSQL, creating the test database when
 * it is missing. The reactive pool goes through a {@link TcpProxy} ({@link #proxy()}) so that
 * tests can take the database away and bring it back; Flyway connects directly.
 * Init arg {@code database}: the test database's name.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;
    private String database = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        // TEST_DB_SUFFIX lets two checkouts run one module's tests at once, each on its own database.
        database = PostgresDatabases.forCheckout(initArgs.getOrDefault("database", database));
    }

    @Override
    public Map<String, String> start() {
        PostgresDatabases.ensureExists(database);
        proxy = new TcpProxy(TestEnvironment.dbHost(), TestEnvironment.dbPort()).start();
        return Map.of(
                "quarkus.datasource.username", TestEnvironment.dbUser(),
                "quarkus.datasource.password", TestEnvironment.dbPassword(),
                "quarkus.datasource.jdbc.url", PostgresDatabases.jdbcUrl(database),
                "quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + proxy.port() + "/" + database);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** The proxy in front of PostgreSQL for the running test application. */
    public static TcpProxy proxy() {
        return proxy;
    }
}
