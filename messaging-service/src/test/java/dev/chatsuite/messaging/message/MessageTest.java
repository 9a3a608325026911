package dev.chatsuite.messaging.message;

import static dev.chatsuite.testsupport.ProblemAssertions.assertFieldError;
import static dev.chatsuite.testsupport.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.chatsuite.messaging.Chat;
import dev.chatsuite.messaging.Chat.User;
import dev.chatsuite.messaging.ServiceStubs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class MessageTest {

    @Test
    void shouldStoreAMessageWithTheContractFields() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);

        JsonPath message = Chat.posted(alice, conversation, "hello bob");

        assertThat(message.getString("id")).isNotBlank();
        assertThat(message.getString("conversationId")).isEqualTo(conversation);
        assertThat(message.getLong("seq")).isEqualTo(1);
        assertThat(message.getString("senderId")).isEqualTo(alice.id().toString());
        assertThat(message.getString("body")).isEqualTo("hello bob");
        assertThat(message.getList("attachments")).isEmpty();
        assertThat(message.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(message.getString("editedAt")).isNull();
        assertThat(message.getString("deletedAt")).isNull();
        JsonPath history = bob.request().get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.body", String.class)).containsExactly("hello bob");
    }

    @Test
    void shouldReturnTheFirstMessageForARetriedClientMessageId() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        Map<String, String> body = Map.of("body", "once", "clientMessageId", "c-123");

        String first = alice.request().body(body).post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().path("id");
        JsonPath again = alice.request().body(body).post("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();

        assertThat(again.getString("id")).isEqualTo(first);
        assertThat(again.getString("clientMessageId")).isEqualTo("c-123");
        assertThat(alice.request().get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath().getList("items")).hasSize(1);
    }

    @Test
    void shouldNumberFiftyConcurrentPostsOneToFiftyWithoutGaps() throws Exception {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Long>> posts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                User sender = i % 2 == 0 ? alice : bob;
                String text = "m" + i;
                posts.add(() -> Chat.posted(sender, conversation, text).getLong("seq"));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> f : pool.invokeAll(posts)) {
                seqs.add(f.get());
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        JsonPath all = alice.request().queryParam("limit", 100).get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath();
        assertThat(all.getList("items.seq", Long.class)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void shouldRejectAnEmptyOrTooLongBody() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        var empty = Chat.post(alice, conversation, "   ");
        assertProblem(empty, 400);
        assertFieldError(empty, "body");
        var tooLong = Chat.post(alice, conversation, "x".repeat(4001));
        assertProblem(tooLong, 400);
        assertFieldError(tooLong, "body");
        Chat.post(alice, conversation, "x".repeat(4000)).then().statusCode(201);
    }

    @Test
    void shouldPageHistoryNewestFirstByDefaultAndAscendingWithinAPage() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        for (int i = 1; i <= 7; i++) {
            Chat.posted(alice, conversation, "m" + i);
        }
        String path = "/api/conversations/" + conversation + "/messages";

        JsonPath newest = alice.request().queryParam("limit", 3).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(newest.getList("items.seq", Long.class)).containsExactly(5L, 6L, 7L);
        JsonPath older = alice.request().queryParam("limit", 3).queryParam("cursor", newest.getString("nextCursor")).get(path)
                .then().statusCode(200).extract().jsonPath();
        assertThat(older.getList("items.seq", Long.class)).containsExactly(2L, 3L, 4L);
        JsonPath oldest = alice.request().queryParam("limit", 3).queryParam("cursor", older.getString("nextCursor")).get(path)
                .then().statusCode(200).extract().jsonPath();
        assertThat(oldest.getList("items.seq", Long.class)).containsExactly(1L);
        assertThat(oldest.getString("nextCursor")).isNull();
    }

    @Test
    void shouldPageForwardAfterASeqForCatchUp() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        for (int i = 1; i <= 5; i++) {
            Chat.posted(alice, conversation, "m" + i);
        }
        String path = "/api/conversations/" + conversation + "/messages";

        JsonPath after = alice.request().queryParam("after", 1).queryParam("limit", 2).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("items.seq", Long.class)).containsExactly(2L, 3L);
        JsonPath next = alice.request().queryParam("limit", 2).queryParam("cursor", after.getString("nextCursor")).get(path).then().extract().jsonPath();
        assertThat(next.getList("items.seq", Long.class)).containsExactly(4L, 5L);
        JsonPath before = alice.request().queryParam("before", 3).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(before.getList("items.seq", Long.class)).containsExactly(1L, 2L);
        assertFieldError(alice.request().queryParam("limit", 101).get(path), "limit");
    }

    @Test
    void shouldLetTheSenderEditAndRecordEditedAt() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String id = Chat.posted(alice, conversation, "typo").getString("id");

        JsonPath edited = alice.request().body(Map.of("body", "fixed")).patch("/api/messages/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(edited.getString("body")).isEqualTo("fixed");
        assertThat(edited.getString("editedAt")).isNotNull();
        assertProblem(bob.request().body(Map.of("body", "hijack")).patch("/api/messages/" + id), 403);
        assertThat(bob.request().get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath().getString("items[0].body"))
                .isEqualTo("fixed");
    }

    @Test
    void shouldLeaveATombstoneWhenTheSenderDeletes() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String id = Chat.posted(alice, conversation, "oops").getString("id");

        assertProblem(bob.request().delete("/api/messages/" + id), 403);
        alice.request().delete("/api/messages/" + id).then().statusCode(204);

        JsonPath history = bob.request().get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath();
        assertThat(history.getString("items[0].id")).isEqualTo(id);
        assertThat(history.getString("items[0].body")).isEmpty();
        assertThat(history.getString("items[0].deletedAt")).isNotNull();
        assertThat(history.getList("items[0].attachments")).isEmpty();
        assertProblem(alice.request().body(Map.of("body", "undo")).patch("/api/messages/" + id), 409);
    }

    @Test
    void shouldHideEverythingFromAThirdUser() {
        User alice = User.create();
        User bob = User.create();
        User mallory = User.create();
        String conversation = Chat.directId(alice, bob);
        String id = Chat.posted(alice, conversation, "private").getString("id");

        assertProblem(mallory.request().get("/api/conversations/" + conversation), 404);
        assertProblem(mallory.request().get("/api/conversations/" + conversation + "/messages"), 404);
        assertProblem(Chat.post(mallory, conversation, "let me in"), 404);
        assertProblem(mallory.request().body(Map.of("body", "x")).patch("/api/messages/" + id), 404);
        assertProblem(mallory.request().delete("/api/messages/" + id), 404);
        assertProblem(mallory.request().body(Map.of("seq", 1)).post("/api/conversations/" + conversation + "/read"), 404);
    }

    @Test
    void shouldMoveTheReadMarkerOnlyForward() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        for (int i = 0; i < 4; i++) {
            Chat.posted(alice, conversation, "m" + i);
        }
        String read = "/api/conversations/" + conversation + "/read";

        bob.request().body(Map.of("seq", 3)).post(read).then().statusCode(204);
        assertThat(unread(bob, conversation)).isEqualTo(1);
        bob.request().body(Map.of("seq", 1)).post(read).then().statusCode(204);
        assertThat(unread(bob, conversation)).isEqualTo(1);
        bob.request().body(Map.of("seq", 99)).post(read).then().statusCode(204);
        assertThat(unread(bob, conversation)).isZero();
        assertFieldError(bob.request().body(Map.of()).post(read), "seq");
    }

    @Test
    void shouldAttachMediaTheSenderUploadedWithSignedUrls() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);
        String media = ServiceStubs.registerMedia(alice.id());

        JsonPath message = alice.request().body(Map.of("body", "look", "attachmentIds", List.of(media)))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().jsonPath();

        assertThat(message.getString("attachments[0].id")).isEqualTo(media);
        assertThat(message.getString("attachments[0].contentType")).isEqualTo("image/png");
        assertThat(message.getInt("attachments[0].width")).isEqualTo(64);
        assertThat(message.getString("attachments[0].url")).matches("http://gateway\\.test/api/media/" + media + "\\?exp=\\d+&sig=[A-Za-z0-9_-]+");
        assertThat(message.getString("attachments[0].thumbnailUrl")).startsWith("http://gateway.test/api/media/" + media + "/thumbnail?exp=");
    }

    @Test
    void shouldRefuseToAttachSomeoneElsesMedia() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        String bobs = ServiceStubs.registerMedia(UUID.randomUUID());

        var response = alice.request().body(Map.of("body", "mine?", "attachmentIds", List.of(bobs))).post("/api/conversations/" + conversation + "/messages");
        assertProblem(response, 400);
        assertFieldError(response, "attachmentIds");
    }

    @Test
    void shouldUploadMultipartFilesThroughMediaAndStoreTheMessage() {
        User alice = User.create();
        User bob = User.create();
        String conversation = Chat.directId(alice, bob);

        JsonPath message = given().auth().oauth2(alice.token())
                .multiPart("body", "two files")
                .multiPart("files", "a.png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }, "image/png")
                .multiPart("files", "b.pdf", "%PDF-1.4".getBytes(), "application/pdf")
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().jsonPath();

        assertThat(message.getString("body")).isEqualTo("two files");
        assertThat(message.getList("attachments.filename", String.class)).containsExactly("a.png", "b.pdf");
        assertThat(message.getString("attachments[1].thumbnailUrl")).isNull();
        assertThat(message.getString("attachments[1].url")).contains("sig=");
    }

    @Test
    void shouldPassOnARefusedFileAndRemoveThoseAlreadyUploaded() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        int before = ServiceStubs.uploads();

        var response = given().auth().oauth2(alice.token())
                .multiPart("body", "bad file")
                .multiPart("files", "ok.png", new byte[] { 1, 2, 3 }, "image/png")
                .multiPart("files", "virus.exe", new byte[] { 'M', 'Z' }, "application/octet-stream")
                .post("/api/conversations/" + conversation + "/messages");

        assertProblem(response, 415, "unsupported-file-type");
        assertThat(ServiceStubs.uploads()).isEqualTo(before + 1);
        assertThat(alice.request().get("/api/conversations/" + conversation + "/messages").then().extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void shouldRefuseMoreThanTenFiles() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        var request = given().auth().oauth2(alice.token()).multiPart("body", "many");
        for (int i = 0; i < 11; i++) {
            request = request.multiPart("files", "f" + i + ".png", new byte[] { 1 }, "image/png");
        }
        var response = request.post("/api/conversations/" + conversation + "/messages");
        assertProblem(response, 400);
        assertFieldError(response, "files");
    }

    @Test
    void shouldRefuseAnUnsupportedContentType() {
        User alice = User.create();
        String conversation = Chat.directId(alice, User.create());
        assertProblem(given().auth().oauth2(alice.token()).contentType("text/plain").body("hi").post("/api/conversations/" + conversation + "/messages"), 415);
    }

    private static long unread(User user, String conversation) {
        return user.request().get("/api/conversations/" + conversation).then().statusCode(200).extract().jsonPath().getLong("unreadCount");
    }
}
