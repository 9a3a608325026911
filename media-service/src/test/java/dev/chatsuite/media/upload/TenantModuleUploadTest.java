package dev.chatsuite.media.upload;

import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.PostgresDatabases;
import dev.chatsuite.testsupport.TestImages;
import dev.chatsuite.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Tenant modules: an upload by a caller with a tenant needs {@code media} in the token's
 * modules; reading and deleting what one owns does not, nor does anything need it without a tenant.
 */
@QuarkusTest
class TenantModuleUploadTest {

    private static final String DATABASE = PostgresDatabases.forCheckout("media_test");

    @Test
    void shouldRefuseEveryUploadOfATenantUserWithoutMediaAndStoreNothing() throws SQLException {
        User chatOnly = tenantUser(UUID.randomUUID(), List.of("chat"));

        assertModuleDisabled(MediaApi.upload(chatOnly, "a.pdf", "application/pdf", TestImages.pdf(), null));
        assertModuleDisabled(MediaApi.upload(chatOnly, "me.png", "image/png", TestImages.png(8, 8), "avatar"));
        assertModuleDisabled(MediaApi.upload(tenantUser(UUID.randomUUID(), List.of()), "a.pdf", "application/pdf", TestImages.pdf(), null));
        // A body larger than what arrives before the answer: still refused with the problem.
        assertModuleDisabled(MediaApi.upload(chatOnly, "big.pdf", "application/pdf", new byte[2 * 1024 * 1024], null));

        assertThat(rowsOf(chatOnly.id())).isZero();
    }

    @Test
    void shouldStoreTheUploadOfATenantUserWithMedia() throws SQLException {
        User withMedia = tenantUser(UUID.randomUUID(), List.of("media"));
        MediaApi.stored(withMedia, "a.pdf", "application/pdf", TestImages.pdf(), null);
        assertThat(rowsOf(withMedia.id())).isEqualTo(1);
    }

    @Test
    void shouldLeaveUsersWithoutATenantAlone() throws SQLException {
        User plain = User.random();
        MediaApi.stored(plain, "a.pdf", "application/pdf", TestImages.pdf(), null);
        assertThat(rowsOf(plain.id())).isEqualTo(1);
    }

    @Test
    void shouldLetATenantUserWithoutMediaReadAndDeleteWhatTheyOwn() {
        UUID tenant = UUID.randomUUID();
        User before = tenantUser(tenant, List.of("chat", "media"));
        String id = MediaApi.stored(before, "a.pdf", "application/pdf", TestImages.pdf(), null).getString("id");
        User after = new User(before.id(), TestTokens.forTenantUser(before.id(), "member", tenant, "acme", List.of("chat")));

        given().auth().oauth2(after.token()).get("/api/media/" + id + "/metadata").then().statusCode(200);
        given().auth().oauth2(after.token()).get("/api/media/" + id).then().statusCode(200);
        given().auth().oauth2(after.token()).delete("/api/media/" + id).then().statusCode(204);
    }

    private static User tenantUser(UUID tenant, List<String> modules) {
        UUID id = UUID.randomUUID();
        return new User(id, TestTokens.forTenantUser(id, "member", tenant, "acme", modules));
    }

    private static void assertModuleDisabled(Response response) {
        assertProblem(response, 403, "module-disabled");
        assertThat(response.jsonPath().getString("detail")).contains("\"media\"");
    }

    private static int rowsOf(UUID owner) throws SQLException {
        try (Connection db = PostgresDatabases.connect(DATABASE);
                PreparedStatement count = db.prepareStatement("SELECT count(*) FROM media WHERE owner_id = ?")) {
            count.setObject(1, owner);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
