package dev.chatsuite.auth.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.chatsuite.testsupport.PostgresDatabases;
import dev.chatsuite.testsupport.TestEnvironment;

/**
 * V3 on a database that has tenants already: the service's own migrations, run by Flyway on a
 * scratch database up to V2, rows written as they were then, then the rest.
 */
class TenantModulesMigrationTest {

    private static final String DATABASE = PostgresDatabases.forCheckout("auth_migration");

    @Test
    void shouldGiveEveryExistingTenantChatAndMediaKeepingItsOtherModulesOnce() throws SQLException {
        PostgresDatabases.ensureExists(DATABASE);
        Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), TestEnvironment.dbUser(), TestEnvironment.dbPassword())
                .locations("classpath:db/migration").cleanDisabled(false).load().clean();
        migrate("2");
        UUID none = insert("none", "{}");
        UUID chat = insert("chat-only", "{chat}");
        UUID other = insert("other", "{media,files}");
        UUID both = insert("both", "{media,chat}");

        migrate(null);

        assertThat(modules(none)).containsExactly("chat", "media");
        assertThat(modules(chat)).containsExactly("chat", "media");
        assertThat(modules(other)).containsExactly("media", "files", "chat");
        assertThat(modules(both)).as("already complete: untouched").containsExactly("media", "chat");
        try (Connection db = PostgresDatabases.connect(DATABASE);
                PreparedStatement insert = db.prepareStatement("INSERT INTO tenant (id, slug, name) VALUES (?, 'later', 'Later')")) {
            UUID later = UUID.randomUUID();
            insert.setObject(1, later);
            insert.executeUpdate();
            assertThat(modules(later)).as("the column's default after V3").containsExactly("chat", "media");
        }
    }

    private static void migrate(String target) {
        var config = Flyway.configure().dataSource(PostgresDatabases.jdbcUrl(DATABASE), TestEnvironment.dbUser(), TestEnvironment.dbPassword())
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        config.load().migrate();
    }

    private static UUID insert(String slug, String modules) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection db = PostgresDatabases.connect(DATABASE);
                PreparedStatement insert = db.prepareStatement("INSERT INTO tenant (id, slug, name, modules) VALUES (?, ?, ?, ?::text[])")) {
            insert.setObject(1, id);
            insert.setString(2, slug);
            insert.setString(3, slug);
            insert.setString(4, modules);
            insert.executeUpdate();
        }
        return id;
    }

    private static List<String> modules(UUID tenant) throws SQLException {
        try (Connection db = PostgresDatabases.connect(DATABASE);
                PreparedStatement select = db.prepareStatement("SELECT modules FROM tenant WHERE id = ?")) {
            select.setObject(1, tenant);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                Array array = row.getArray(1);
                return Arrays.asList((String[]) array.getArray());
            }
        }
    }
}
