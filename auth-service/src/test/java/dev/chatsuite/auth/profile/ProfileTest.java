package dev.chatsuite.auth.profile;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.AuthApi;
import dev.chatsuite.auth.MediaStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class ProfileTest {

    @Test
    void shouldMergePatchOnlyTheGivenFieldsAndClearNulls() {
        AuthApi.User user = AuthApi.newUser("patch");
        user.as().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ada", "bio", "Engines", "links", List.of("https://ada.example/")))
                .patch("/api/auth/me").then().statusCode(200);
        Map<String, Object> clearBio = new HashMap<>();
        clearBio.put("bio", null);
        JsonPath me = user.as().contentType("application/merge-patch+json").body(clearBio).patch("/api/auth/me")
                .then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("displayName")).isEqualTo("Ada");
        assertThat(me.getString("bio")).isNull();
        assertThat(me.getList("links")).containsExactly("https://ada.example/");
        assertThat(me.getString("email")).isEqualTo(user.email());
    }

    @Test
    void shouldRejectTooLongFieldsAndNonHttpLinks() {
        AuthApi.User user = AuthApi.newUser("badpatch");
        Response response = user.as().contentType(ContentType.JSON)
                .body(Map.of("displayName", "x".repeat(81), "links", List.of("javascript:alert(1)")))
                .patch("/api/auth/me");
        assertProblem(response, 400, "validation");
        assertFieldError(response, "displayName");
        assertFieldError(response, "links[0]");
    }

    @Test
    void shouldAcceptAnAvatarTheCallerUploadedAndShowItToOthers() {
        AuthApi.User owner = AuthApi.newUser("avatar");
        AuthApi.User viewer = AuthApi.newUser("viewer");
        String mediaId = UUID.randomUUID().toString();
        MediaStub.register(mediaId, owner.id(), "avatar", "image/png");
        JsonPath me = owner.as().contentType(ContentType.JSON).body(Map.of("avatarMediaId", mediaId)).patch("/api/auth/me")
                .then().statusCode(200).extract().jsonPath();
        assertThat(me.getString("avatar.id")).isEqualTo(mediaId);
        assertThat(me.getString("avatar.url")).isEqualTo("http://gateway.test/api/media/" + mediaId);
        assertThat(me.getString("avatar.thumbnailUrl")).isEqualTo("http://gateway.test/api/media/" + mediaId + "/thumbnail");
        JsonPath seen = viewer.as().get("/api/users/" + owner.id()).then().statusCode(200).extract().jsonPath();
        assertThat(seen.getString("avatar.url")).isEqualTo(me.getString("avatar.url"));
    }

    @Test
    void shouldRejectAnAvatarSomeoneElseUploadedOrNotMarkedAvatar() {
        AuthApi.User user = AuthApi.newUser("notmyavatar");
        String othersImage = UUID.randomUUID().toString();
        MediaStub.register(othersImage, UUID.randomUUID().toString(), "avatar", "image/png");
        String attachment = UUID.randomUUID().toString();
        MediaStub.register(attachment, user.id(), "attachment", "image/png");
        for (String mediaId : List.of(othersImage, attachment, UUID.randomUUID().toString())) {
            Response response = user.as().contentType(ContentType.JSON).body(Map.of("avatarMediaId", mediaId)).patch("/api/auth/me");
            assertProblem(response, 400, "validation");
            assertFieldError(response, "avatarMediaId");
        }
    }

    @Test
    void shouldShowPublicProfilesWithoutEmail() {
        AuthApi.User owner = AuthApi.newUser("public");
        AuthApi.User viewer = AuthApi.newUser("looker");
        Response response = viewer.as().get("/api/users/" + owner.id());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getMap("")).containsOnlyKeys("id", "username", "displayName", "bio", "location", "links", "avatar");
        assertThat(response.asString()).doesNotContain(owner.email());
    }

    @Test
    void shouldHideUsersOfAnotherTenantAndUnknownIds() {
        AuthApi.User admin = AuthApi.admin();
        String slug = AuthApi.unique("iso").replace('_', '-');
        admin.as().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Isolated", "modules", List.of()))
                .post("/api/admin/tenants").then().statusCode(201);
        AuthApi.User insider = AuthApi.newUser("insider", slug);
        AuthApi.User outsider = AuthApi.newUser("outsider");
        assertProblem(outsider.as().get("/api/users/" + insider.id()), 404);
        assertProblem(insider.as().get("/api/users/" + outsider.id()), 404);
        assertProblem(outsider.as().get("/api/users/" + UUID.randomUUID()), 404);
    }

    @Test
    void shouldSearchByPrefixWithinTheTenantAndPage() {
        String prefix = AuthApi.unique("srch");
        AuthApi.User a = AuthApi.newUser(prefix + "a");
        AuthApi.newUser(prefix + "b");
        AuthApi.newUser(prefix + "c");
        JsonPath first = a.as().queryParam("q", prefix).queryParam("limit", 2).get("/api/users").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.username", String.class)).hasSize(2).allMatch(u -> u.startsWith(prefix));
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath second = a.as().queryParam("q", prefix).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/users")
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("items.username", String.class)).hasSize(1);
        assertThat(second.getString("nextCursor")).isNull();
        assertProblem(a.as().queryParam("limit", 101).get("/api/users"), 400);
    }
}
