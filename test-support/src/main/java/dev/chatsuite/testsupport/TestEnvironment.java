package dev.chatsuite.testsupport;

/**
 * Where tests find the machine's PostgreSQL and Redis: the same environment variables the
 * services read, with the same local defaults.
 */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    public static String dbHost() {
        return env("DB_HOST", "127.0.0.1");
    }

    public static int dbPort() {
        return Integer.parseInt(env("DB_PORT", "5432"));
    }

    public static String dbUser() {
        return env("DB_USER", "postgres");
    }

    public static String dbPassword() {
        return env("DB_PASSWORD", "");
    }

    public static String redisHost() {
        return env("REDIS_HOST", "127.0.0.1");
    }

    public static int redisPort() {
        return Integer.parseInt(env("REDIS_PORT", "6379"));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
