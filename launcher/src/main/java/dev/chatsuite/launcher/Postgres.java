package dev.chatsuite.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the suite uses: the configured one (DB_HOST set), else one answering on
 * 127.0.0.1:5432, else a real PostgreSQL from Maven Central started under data/postgres
 * (kept between runs, so a second run reuses the data).
 */
final class Postgres implements AutoCloseable {

    static final int EMBEDDED_PORT = 54329;

    final String kind;
    final String host;
    final int port;
    final String user;
    final String password;
    private final EmbeddedPostgres embedded;

    private Postgres(String kind, String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Postgres resolve(Map<String, String> env, Path dataDir) throws Exception {
        String user = env.getOrDefault("DB_USER", "postgres");
        String password = env.getOrDefault("DB_PASSWORD", "");
        if (env.containsKey("DB_HOST") && !"embedded".equals(env.get("SUITE_POSTGRES"))) {
            return new Postgres("configured", env.get("DB_HOST"), Integer.parseInt(env.getOrDefault("DB_PORT", "5432")),
                    user, password, null);
        }
        if (!"embedded".equals(env.get("SUITE_POSTGRES")) && Ports.answers("127.0.0.1", 5432)) {
            return new Postgres("local", "127.0.0.1", 5432, user, password, null);
        }
        Path dir = Files.createDirectories(dataDir.resolve("postgres"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.toFile())
                .setCleanDataDirectory(false)
                .setPort(EMBEDDED_PORT)
                .start();
        return new Postgres("embedded", "127.0.0.1", pg.getPort(), "postgres", "", pg);
    }

    /** What {@link #prepare} read of the server: a warning about its autovacuum or null, and its connections. */
    record Settings(String warning, ConnectionBudget connections) {
    }

    /**
     * Creates the suite's databases where absent and reads the server's settings the launcher
     * needs; one admin connection for both.
     */
    Settings prepare(List<String> names) throws SQLException {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection admin = DriverManager.getConnection(url, user, password)) {
            for (String name : names) {
                try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, name);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = admin.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
            }
            // reserved_connections is PostgreSQL 16's; current_setting(..., true) is null before it.
            try (Statement show = admin.createStatement(); ResultSet rs = show.executeQuery("SELECT current_setting('autovacuum'), "
                    + "current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int "
                    + "+ coalesce(current_setting('reserved_connections', true)::int, 0)")) {
                rs.next();
                return new Settings(autovacuumWarning(rs.getString(1)), new ConnectionBudget(rs.getInt(2), rs.getInt(3)));
            }
        }
    }

    /**
     * Autovacuum also analyzes; without it, plans that messaging-service's pooled connections made
     * while a table was small stay (every post scanned the conversation table twice).
     */
    static String autovacuumWarning(String setting) {
        return "off".equalsIgnoreCase(setting == null ? "" : setting.trim())
                ? "PostgreSQL runs with autovacuum off: statistics, and the plans made from them, go stale as tables grow; "
                        + "turn it on, or run ANALYZE after loading data (docs/decisions.md, prepared statements)"
                : null;
    }

    String describe() {
        return kind + " PostgreSQL at " + host + ":" + port + ("embedded".equals(kind) ? " (data under data/postgres)" : "");
    }

    @Override
    public void close() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }
}
