package dev.chatsuite.auth.tenant;

import static dev.chatsuite.auth.AuthApi.refresh;
import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@SuppressWarnings("unchecked")
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
    void shouldGiveATenantCreatedWithoutModulesChatAndMediaInItsViewAndTokens() {
        AuthApi.User admin = AuthApi.admin();
        String absent = slug("nomods");
        JsonPath created = createTenant(admin, Map.of("slug", absent, "name", "No modules given")).then().statusCode(201).extract().jsonPath();
        assertThat(created.getList("modules")).containsExactly("chat", "media");
        Map<String, Object> explicitNull = new HashMap<>(Map.of("slug", slug("nullmods"), "name", "Null modules"));
        explicitNull.put("modules", null);
        assertThat(createTenant(admin, explicitNull).then().statusCode(201).extract().jsonPath().getList("modules"))
                .containsExactly("chat", "media");

        AuthApi.User member = AuthApi.newUser("member", absent);
        Map<String, Object> claims = claims(member.accessToken());
        assertThat(claims.get("tid")).isEqualTo(created.getString("id"));
        assertThat(claims.get("tenant")).isEqualTo(absent);
        assertThat((List<Object>) claims.get("modules")).containsExactly("chat", "media");
        assertThat(member.as().get("/api/auth/me").then().statusCode(200).extract().jsonPath().getList("tenant.modules"))
                .containsExactly("chat", "media");
    }

    @Test
    void shouldKeepAnExplicitEmptyListAndPutItInTheTokenAsAnEmptyList() {
        AuthApi.User admin = AuthApi.admin();
        String slug = slug("empty");
        assertThat(createTenant(admin, Map.of("slug", slug, "name", "Directory only", "modules", List.of()))
                .then().statusCode(201).extract().jsonPath().getList("modules")).isEmpty();
        Map<String, Object> claims = claims(AuthApi.newUser("bare", slug).accessToken());
        assertThat(claims).containsKeys("tid", "tenant", "modules");
        assertThat((List<Object>) claims.get("modules")).isEmpty();
    }

    @Test
    void shouldStoreEachModuleOnceInTheOrderGiven() {
        AuthApi.User admin = AuthApi.admin();
        assertThat(createTenant(admin, Map.of("slug", slug("dups"), "name", "Dups", "modules", List.of("media", "chat", "media")))
                .then().statusCode(201).extract().jsonPath().getList("modules")).containsExactly("media", "chat");
    }

    @Test
    void shouldRefuseModulesThatDoNotExist() {
        AuthApi.User admin = AuthApi.admin();
        String slug = slug("typo");
        Response typo = createTenant(admin, Map.of("slug", slug, "name", "Typo", "modules", List.of("chat", "meda")));
        assertProblem(typo, 400, "validation");
        assertFieldError(typo, "modules[1]");
        assertThat(typo.jsonPath().getString("errors[0].message")).isEqualTo("Unknown module; the modules are chat and media.");
        assertThat(typo.jsonPath().getList("errors")).hasSize(1);
        refused(createTenant(admin, Map.of("slug", slug, "name", "Case", "modules", List.of("Chat"))), "modules[0]");
        refused(createTenant(admin, Map.of("slug", slug, "name", "Null", "modules", Arrays.asList("chat", null))), "modules[1]");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add("chat");
        }
        refused(createTenant(admin, Map.of("slug", slug, "name", "Many", "modules", tooMany)), "modules");
        // Nothing was created: the slug is still free.
        createTenant(admin, Map.of("slug", slug, "name", "Now right")).then().statusCode(201);
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

    private static Response createTenant(AuthApi.User admin, Map<String, Object> body) {
        return admin.as().contentType(ContentType.JSON).body(body).post("/api/admin/tenants");
    }

    private static void refused(Response response, String field) {
        assertProblem(response, 400, "validation");
        assertFieldError(response, field);
    }

    private static String slug(String prefix) {
        return AuthApi.unique(prefix).replace('_', '-');
    }

    private static Map<String, Object> claims(String token) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8)).getMap("");
    }
}
