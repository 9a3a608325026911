package dev.chatsuite.auth.account;

import static dev.chatsuite.auth.AuthApi.ADMIN_SECRET;
import static dev.chatsuite.auth.AuthApi.PASSWORD;
import static dev.chatsuite.auth.AuthApi.register;
import static dev.chatsuite.auth.AuthApi.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import dev.chatsuite.auth.account.AdminBootstrap.Outcome;
import dev.chatsuite.testsupport.PostgresDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class AdminBootstrapTest {

    @Inject
    AdminBootstrap bootstrap;

    @Test
    void shouldMakeTheConfiguredAdministratorAtStartAndNoOneByRegistering() {
        AuthApi.User admin = AuthApi.admin();
        assertThat(admin.as().get("/api/auth/me").jsonPath().getList("roles")).containsExactlyInAnyOrder("user", "admin");
        String username = unique("admin");
        var registered = register(username + "@example.test", username, PASSWORD, null);
        assertThat(registered.jsonPath().getList("user.roles")).containsExactly("user");
    }

    @Test
    void shouldIgnoreTheSecretOnceAnAdministratorExists() throws Throwable {
        String username = unique("late");
        assertThat(apply(username)).isEqualTo(Outcome.ADMIN_EXISTS);
        assertThat(rolesOf(username)).isNull();
    }

    @Test
    void shouldGrantOnlyAnAccountWhosePasswordIsTheSecret() throws Throwable {
        List<String> admins = demoteAllAdmins();
        try {
            String claimed = unique("claimed");
            assertThat(register(claimed + "@example.test", claimed, PASSWORD, null).statusCode()).isEqualTo(201);
            assertThat(apply(claimed)).isEqualTo(Outcome.REFUSED);
            assertThat(rolesOf(claimed)).containsExactly("user");

            String owned = unique("owned");
            assertThat(register(owned + "@example.test", owned, ADMIN_SECRET, null).statusCode()).isEqualTo(201);
            assertThat(apply(owned)).isEqualTo(Outcome.PROMOTED);
            assertThat(rolesOf(owned)).containsExactly("user", "admin");
            assertThat(apply(unique("after"))).isEqualTo(Outcome.ADMIN_EXISTS);
        } finally {
            restoreAdmins(admins);
        }
    }

    @Test
    void shouldCreateTheAdministratorWhenNoneExists() throws Throwable {
        List<String> admins = demoteAllAdmins();
        try {
            String fresh = unique("fresh");
            assertThat(apply(fresh)).isEqualTo(Outcome.CREATED);
            assertThat(rolesOf(fresh)).containsExactly("user", "admin");
            assertThat(AuthApi.login(fresh, ADMIN_SECRET).statusCode()).isEqualTo(200);
        } finally {
            restoreAdmins(admins);
        }
    }

    private Outcome apply(String username) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> bootstrap.apply(username, username + "@example.test", ADMIN_SECRET));
    }

    private static List<String> demoteAllAdmins() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = PostgresDatabases.connect(PostgresDatabases.forCheckout("auth_test"));
                PreparedStatement st = db.prepareStatement(
                        "UPDATE account SET roles = array_remove(roles, 'admin') WHERE 'admin' = ANY(roles) RETURNING id::text");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static void restoreAdmins(List<String> ids) throws Exception {
        try (Connection db = PostgresDatabases.connect(PostgresDatabases.forCheckout("auth_test"));
                PreparedStatement st = db.prepareStatement("UPDATE account SET roles = array_append(roles, 'admin') WHERE id::text = ?")) {
            for (String id : ids) {
                st.setString(1, id);
                st.executeUpdate();
            }
        }
    }

    private static List<String> rolesOf(String username) throws Exception {
        try (Connection db = PostgresDatabases.connect(PostgresDatabases.forCheckout("auth_test"));
                PreparedStatement st = db.prepareStatement("SELECT roles FROM account WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Array roles = rs.getArray(1);
                return List.of((String[]) roles.getArray());
            }
        }
    }
}
