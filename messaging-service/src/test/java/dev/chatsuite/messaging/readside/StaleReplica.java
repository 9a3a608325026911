package dev.chatsuite.messaging.readside;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

import dev.chatsuite.testsupport.PostgresDatabases;
import dev.chatsuite.testsupport.TcpProxy;
import dev.chatsuite.testsupport.TestEnvironment;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A stand-in for a streaming replica: a second database with the same schema, behind a proxy
 * that tests can cut, holding whatever the last {@link #copyFromPrimary} copied, so it is as
 * stale as a test wants and answers prove which pool served a read.
 */
public class StaleReplica implements QuarkusTestProfile {

    static final String DATABASE = PostgresDatabases.forCheckout("messaging_read_test");
    static final String PRIMARY = PostgresDatabases.forCheckout("messaging_test");
    /** What history, lists and their reactions read; copied parents first. */
    private static final List<String> TABLES = List.of("conversation", "participant", "message");
    private static TcpProxy proxy;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("messaging.read.host", "127.0.0.1", "messaging.read.port", String.valueOf(start().port()),
                "messaging.read.database", DATABASE, "messaging.read.fence", "PT2S");
    }

    /** Creates the database with the service's migrations (once) and the proxy in front of it. */
    static synchronized TcpProxy start() {
        if (proxy == null) {
            PostgresDatabases.ensureExists(DATABASE);
            Flyway flyway = Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), TestEnvironment.dbUser(), TestEnvironment.dbPassword())
                    .locations("classpath:db/migration").cleanDisabled(false).load();
            flyway.clean();
            flyway.migrate();
            proxy = new TcpProxy(TestEnvironment.dbHost(), TestEnvironment.dbPort()).start();
        }
        return proxy;
    }

    static TcpProxy proxy() {
        return proxy;
    }

    /** Makes the replica an exact copy of the primary as of now (one snapshot of every table). */
    static void copyFromPrimary() throws Exception {
        try (Connection primary = PostgresDatabases.connect(PRIMARY); Connection replica = PostgresDatabases.connect(DATABASE)) {
            primary.setAutoCommit(false);
            primary.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            replica.setAutoCommit(false);
            try (Statement truncate = replica.createStatement()) {
                truncate.execute("TRUNCATE reaction, message, participant, conversation");
            }
            for (String table : TABLES) {
                String columns = columns(primary, table);
                StringWriter rows = new StringWriter();
                primary.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + columns + " FROM " + table + ") TO STDOUT", rows);
                replica.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN",
                        new StringReader(rows.toString()));
            }
            replica.commit();
            primary.commit();
        }
    }

    /** Runs one statement on the replica only (to make its answers recognisable). */
    static int onReplica(String sql, Object... args) throws SQLException {
        try (Connection replica = PostgresDatabases.connect(DATABASE); PreparedStatement statement = replica.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** The table's stored (not generated) columns. */
    private static String columns(Connection db, String table) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position) "
                + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? AND is_generated = 'NEVER' "
                + "AND generation_expression IS NULL")) {
            query.setString(1, table);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
