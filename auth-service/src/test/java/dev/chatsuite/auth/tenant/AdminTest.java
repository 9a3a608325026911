package dev.chatsuite.auth.tenant;

import static dev.chatsuite.auth.AuthApi.refresh;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AdminTest {

    @Test
    void shouldLetAnAdminCreateATenant() {
        AuthApi.User admin = AuthApi.admin();
        String slug = AuthApi.unique("acme").replace('_', '-');
        JsonPath tenant = admin.as().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Acme", "modules", List.of("chat")))
                .post("/api/admin/tenants").then().statusCode(201).extract().jsonPath();
        assertThat(tenant.getString("slug")).isEqualTo(slug);
        assertThat(tenant.getString("id")).isNotBlank();
        assertProblem(admin.as().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Again", "modules", List.of()))
                .post("/api/admin/tenants"), 409);
    }

    @Test
    void shouldForbidNonAdmins() {
        AuthApi.User user = AuthApi.newUser("plain");
        assertProblem(user.as().contentType(ContentType.JSON).body(Map.of("slug", "nope", "name", "Nope", "modules", List.of()))
                .post("/api/admin/tenants"), 403);
        assertProblem(user.as().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/admin/users/" + user.id()), 403);
    }

    @Test
    void shouldDisableAnAccountEndingItsSessionsAndTokens() {
        AuthApi.User admin = AuthApi.admin();
        AuthApi.User user = AuthApi.newUser("todisable");
        JsonPath disabled = admin.as().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/admin/users/" + user.id()).then().statusCode(200).extract().jsonPath();
        assertThat(disabled.getString("id")).isEqualTo(user.id());
        assertProblem(refresh(user.refreshToken()), 401);
        assertProblem(user.as().get("/api/auth/me"), 401, "account-disabled");
        assertProblem(admin.as().contentType(ContentType.JSON).body(Map.of("active", false))
                .patch("/api/admin/users/" + UUID.randomUUID()), 404);
    }
}
