package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.RawHttp.Answer;
import dev.chatsuite.system.Users.User;
import dev.chatsuite.testsupport.TcpProxy;
import dev.chatsuite.testsupport.TestImages;

/**
 * A missing dependency degrades, never cascades: with Redis cut, login and the API still answer;
 * with PostgreSQL or S3 cut, 503 with Retry-After, then recovery; nothing acknowledged is lost.
 * Each dependency sits behind a {@link TcpProxy} that the test cuts for every service at once.
 */
@ExtendWith(RunningSuite.class)
class FaultTest {

    private static User alice;
    private static User bob;
    private static String conversation;

    @BeforeAll
    static void accounts() {
        alice = Users.register("fault");
        bob = Users.register("fault");
        conversation = Chat.group(alice, List.of(alice, bob));
    }

    @Test
    void shouldKeepLoginAndTheApiAnsweringWithoutRedisAndDeliverAgainAfter() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        TcpProxy redis = RunningSuite.dependency("redis");
        Answer login;
        Answer list;
        Answer post;
        redis.disconnect();
        try {
            Thread.sleep(1_000);
            login = RawHttp.fromNewAddress().json("POST", "/api/auth/login", null,
                    "{\"identifier\":\"" + alice.username() + "\",\"password\":\"" + Users.PASSWORD + "\"}");
            list = RawHttp.fromNewAddress().send("GET", "/api/conversations", Map.of("Authorization", "Bearer " + alice.accessToken()), (String) null);
            post = RawHttp.fromNewAddress().json("POST", "/api/conversations/" + conversation + "/messages", alice.accessToken(),
                    "{\"body\":\"while redis is away\",\"clientMessageId\":\"redis-1\"}");
            if (post.status() == 201) {
                acknowledged.add("redis-1");
            }
        } finally {
            redis.reconnect();
        }
        SecurityReport.row("Redis cut (all services)", "login 200, API 200, post 201 (local rate limiter; fan-out degraded)",
                "login " + login.status() + ", GET /api/conversations " + list.status() + ", post " + post.status());

        boolean delivered = awaitLiveDelivery("after redis", 30_000);
        SecurityReport.row("Redis restored", "live delivery again within 30 s, acknowledged messages kept",
                "live delivery " + (delivered ? "yes" : "no"));
        assertThat(login.status()).as("login without Redis: %s", login).isEqualTo(200);
        assertThat(list.status()).as("API without Redis: %s", list).isEqualTo(200);
        assertThat(post.status()).as("post without Redis: %s", post).isEqualTo(201);
        assertThat(delivered).as("live delivery after Redis came back").isTrue();
        assertStored(acknowledged);
    }

    @Test
    void shouldAnswer503WithRetryAfterWithoutPostgresAndRecover() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        acknowledged.add(postOk("before-pg"));
        TcpProxy postgres = RunningSuite.dependency("postgres");
        Answer post;
        Answer me;
        postgres.disconnect();
        try {
            Thread.sleep(1_000);
            post = RawHttp.fromNewAddress().json("POST", "/api/conversations/" + conversation + "/messages", alice.accessToken(),
                    "{\"body\":\"while postgres is away\",\"clientMessageId\":\"pg-1\"}");
            me = RawHttp.fromNewAddress().send("GET", "/api/auth/me", Map.of("Authorization", "Bearer " + alice.accessToken()), (String) null);
        } finally {
            postgres.reconnect();
        }
        long recoveredIn = awaitStatus(() -> Chat.post(RunningSuite.gateway(), alice, conversation, "after pg", "after-pg").statusCode(), 201, 30_000);
        acknowledged.add("after-pg");
        if (post.status() == 201) {
            acknowledged.add("pg-1");
        }
        SecurityReport.row("PostgreSQL cut (all services)", "503 problem+json with Retry-After; recovery; nothing acknowledged lost",
                "post " + post.status() + " Retry-After " + post.header("retry-after") + ", GET /api/auth/me " + me.status()
                        + " Retry-After " + me.header("retry-after") + "; posting again " + (recoveredIn < 0 ? "never" : "after " + recoveredIn + " ms"));
        assertUnavailable(post);
        assertUnavailable(me);
        assertThat(recoveredIn).as("ms until posts succeed again").isGreaterThanOrEqualTo(0);
        assertStored(acknowledged);
    }

    @Test
    void shouldAnswer503WithRetryAfterWithoutS3AndRecover() throws Exception {
        byte[] png = TestImages.png(16, 16);
        String before = alice.api().multiPart("file", "a.png", png, "image/png").post("/api/media").then().statusCode(201).extract().path("id");
        TcpProxy s3 = RunningSuite.dependency("s3");
        Answer upload;
        Answer download;
        s3.disconnect();
        try {
            Thread.sleep(500);
            upload = RawHttp.fromNewAddress().multipart("/api/media", alice.accessToken(), png);
            download = RawHttp.fromNewAddress().send("GET", "/api/media/" + before, Map.of("Authorization", "Bearer " + alice.accessToken()), (String) null);
        } finally {
            s3.reconnect();
        }
        long recoveredIn = awaitStatus(() -> alice.api().multiPart("file", "b.png", png, "image/png").post("/api/media").statusCode(), 201, 30_000);
        int after = alice.api().get("/api/media/" + before).statusCode();
        SecurityReport.row("S3 cut", "upload 503 problem+json with Retry-After; recovery; stored media still served",
                "upload " + upload.status() + " Retry-After " + upload.header("retry-after") + ", download " + download.status()
                        + "; uploads again " + (recoveredIn < 0 ? "never" : "after " + recoveredIn + " ms") + ", earlier media then " + after);
        assertUnavailable(upload);
        assertThat(recoveredIn).as("ms until uploads succeed again").isGreaterThanOrEqualTo(0);
        assertThat(after).as("media stored before the cut").isEqualTo(200);
    }

    // ---- helpers

    private static void assertUnavailable(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(503);
        assertThat(answer.header("retry-after")).as("Retry-After of %s", answer).isNotBlank();
        assertThat(answer.isProblem()).as("problem+json: %s", answer).isTrue();
    }

    private static String postOk(String clientMessageId) {
        Chat.post(RunningSuite.gateway(), alice, conversation, clientMessageId, clientMessageId).then().statusCode(201);
        return clientMessageId;
    }

    /** Every acknowledged clientMessageId is in the conversation's history. */
    private static void assertStored(List<String> clientMessageIds) {
        List<String> stored = new ArrayList<>();
        String cursor = null;
        do {
            var request = alice.api().queryParam("limit", 100);
            request = cursor == null ? request.queryParam("after", 0) : request.queryParam("cursor", cursor);
            var page = request.get("/api/conversations/" + conversation + "/messages").then().statusCode(200).extract().jsonPath();
            stored.addAll(page.getList("items.clientMessageId", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(stored).as("history after recovery").containsAll(clientMessageIds);
    }

    /** Milliseconds until {@code call} answers {@code status}, or -1 when it did not within {@code millis}. */
    private static long awaitStatus(Supplier<Integer> call, int status, long millis) throws InterruptedException {
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < millis) {
            try {
                if (call.get() == status) {
                    return System.currentTimeMillis() - start;
                }
            } catch (RuntimeException notYet) {
                // Keep trying until the deadline.
            }
            Thread.sleep(500);
        }
        return -1;
    }

    /** Whether a message posted now reaches bob's socket live, retrying until {@code millis} have passed. */
    private static boolean awaitLiveDelivery(String body, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
            LiveSocket socket = LiveSocket.open(LiveSocket.gatewayWs(bob.accessToken()), Map.of()).get(20, TimeUnit.SECONDS);
            try {
                socket.ready.get(20, TimeUnit.SECONDS);
                int before = socket.seqs(conversation).size();
                Chat.post(RunningSuite.gateway(), alice, conversation, body, body + "-" + attempt).then().statusCode(201);
                long wait = System.currentTimeMillis() + 3_000;
                while (System.currentTimeMillis() < wait) {
                    if (socket.seqs(conversation).size() > before) {
                        return true;
                    }
                    Thread.sleep(100);
                }
            } catch (Exception notYet) {
                Thread.sleep(500);
            } finally {
                socket.close();
            }
        }
        return false;
    }
}
