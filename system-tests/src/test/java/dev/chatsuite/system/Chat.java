package dev.chatsuite.system;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chatsuite.system.Users.User;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Conversations and messages over REST, for tests that load the real-time path. */
final class Chat {

    private Chat() {
    }

    /** A group of {@code owner} and {@code members}, created through the gateway. */
    static String group(User owner, List<User> members) {
        List<String> ids = members.stream().filter(m -> !m.id().equals(owner.id())).map(User::id).toList();
        return owner.json().body(Map.of("type", "group", "title", "load", "participantIds", ids)).post("/api/conversations")
                .then().statusCode(201).extract().path("id");
    }

    /** Posts a message at {@code baseUrl} (the gateway or one messaging instance); the answer as given. */
    static Response post(String baseUrl, User sender, String conversation, String body, String clientMessageId) {
        return given().baseUri(baseUrl).auth().oauth2(sender.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("body", body, "clientMessageId", clientMessageId))
                .post("/api/conversations/" + conversation + "/messages");
    }

    /** Every seq after {@code after}, ascending, read page by page through the gateway. */
    static List<Long> seqsAfter(User reader, String conversation, long after) {
        List<Long> seqs = new ArrayList<>();
        String cursor = null;
        do {
            var request = reader.api().queryParam("limit", 100);
            request = cursor == null ? request.queryParam("after", after) : request.queryParam("cursor", cursor);
            JsonPath page = request.get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
            seqs.addAll(page.getList("items.seq", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seqs;
    }

    /** {@code 1..n}. */
    static List<Long> oneTo(long n) {
        List<Long> seqs = new ArrayList<>();
        for (long s = 1; s <= n; s++) {
            seqs.add(s);
        }
        return seqs;
    }
}
