package dev.chatsuite.media;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import dev.chatsuite.testsupport.TestTokens;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Uploads as a given user, the way a client does. */
public final class MediaApi {

    private MediaApi() {
    }

    public record User(UUID id, String token) {
        public static User random() {
            UUID id = UUID.randomUUID();
            return new User(id, TestTokens.forUser(id, "user-" + id.toString().substring(0, 8)));
        }
    }

    public static Response upload(User user, String fileName, String declaredType, byte[] bytes, String purpose) {
        var request = given().auth().oauth2(user.token()).multiPart("file", fileName, bytes, declaredType);
        if (purpose != null) {
            request = request.multiPart("purpose", purpose);
        }
        return request.post("/api/media");
    }

    /** Uploads and answers the {@code Media} JSON, failing unless it was stored (201). */
    public static JsonPath stored(User user, String fileName, String declaredType, byte[] bytes, String purpose) {
        return upload(user, fileName, declaredType, bytes, purpose).then().statusCode(201).extract().jsonPath();
    }

    /** The path and query of one of a {@code Media}'s absolute URLs, to call this service directly. */
    public static String local(String url) {
        return url.substring(url.indexOf("/api/media/"));
    }
}
