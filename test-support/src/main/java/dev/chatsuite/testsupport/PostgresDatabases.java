package dev.chatsuite.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** Creates a test database on the configured PostgreSQL when it does not exist yet. */
public final class PostgresDatabases {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private PostgresDatabases() {
    }

    /** The name a test database {@code base} has on this checkout: TEST_DB_SUFFIX appended. */
    public static String forCheckout(String base) {
        return base + TestEnvironment.env("TEST_DB_SUFFIX", "");
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + TestEnvironment.dbHost() + ":" + TestEnvironment.dbPort() + "/" + database;
    }

    public static synchronized void ensureExists(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), TestEnvironment.dbUser(),
                TestEnvironment.dbPassword())) {
            try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException raced) {
                // 42P04: another build created it between our check and our create.
                if (!"42P04".equals(raced.getSQLState())) {
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + TestEnvironment.dbHost() + ":"
                    + TestEnvironment.dbPort() + " as " + TestEnvironment.dbUser()
                    + " (set DB_HOST, DB_PORT, DB_USER, DB_PASSWORD): " + e.getMessage(), e);
        }
    }

    /** A JDBC connection to a test database, for asserting what was stored. */
    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), TestEnvironment.dbUser(), TestEnvironment.dbPassword());
    }
}
