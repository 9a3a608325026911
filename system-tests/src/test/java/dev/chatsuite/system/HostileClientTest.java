package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.chatsuite.system.RawHttp.Answer;
import dev.chatsuite.system.Users.User;
import dev.chatsuite.testsupport.TestImages;

/**
 * Issue 21's attacks, from outside, through the gateway only, with the launcher's rate limits:
 * each asserts the answer and that the gateway's live heap after a full GC stays within a few
 * MiB of what it was before. Every result is also written to target/security-report.md.
 */
@ExtendWith(RunningSuite.class)
class HostileClientTest {

    /** "A few MB": what the gateway may keep after an attack (pools warming up, caches). */
    private static final long HEAP_SLACK_KIB = 8 * 1024;
    private static final String ALLOWED_ORIGIN = "http://localhost:5173";
    private static final String WRONG_PASSWORD = "a wrong password for sure";
    private static User alice;
    private static User bob;
    private static String conversation;
    private static String message;

    @BeforeAll
    static void accounts() {
        alice = Users.register("hostile");
        bob = Users.register("hostile");
        conversation = Chat.group(alice, List.of(alice, bob));
        message = Chat.post(RunningSuite.gateway(), alice, conversation, "first", "h-1").then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldAnswerChunkedOversizeBodiesOnEveryAnonymousRouteWith413AtOnce() throws Exception {
        List<String> routes = List.of("/api/session", "/api/auth/login", "/api/auth/register", "/api/auth/refresh",
                "/api/auth/logout", "/api/auth/password/forgot", "/api/auth/password/reset");
        long before = Heap.settledKib("gateway");
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String route : routes) {
            answers.put(route, RawHttp.fromNewAddress().chunked("POST", route, Map.of(), 64L << 20));
        }
        long after = Heap.settledKib("gateway");
        answers.forEach((route, answer) -> SecurityReport.row("chunked body of up to 64 MiB to POST " + route,
                "413 problem+json before 16 MiB of 64 MiB is sent (the gateway's JSON cap is 1 MiB; the rest is the two sockets' buffers, which loopback grows to several MiB)", answer.status() + " after " + (answer.bytesSentBeforeAnswer() >> 10) + " KiB sent",
                before, after));
        answers.forEach((route, answer) -> {
            assertThat(answer.status()).as("%s: %s", route, answer).isEqualTo(413);
            assertThat(answer.isProblem()).as("%s is problem+json: %s", route, answer).isTrue();
            assertThat(answer.bytesSentBeforeAnswer()).as("%s answered while the body streamed", route).isLessThan(16L << 20);
        });
        assertHeapFlat(before, after);
    }

    @Test
    void shouldCountEveryPathSpellingOfALimitedRouteAgainstItsLimit() throws Exception {
        Limits.awaitWindowWithAtLeast(40);
        long before = Heap.settledKib("gateway");
        List<CompletableFuture<List<String>>> runs = List.of(
                CompletableFuture.supplyAsync(() -> bypass("login 10/min per IP+identifier", "POST", "/api/auth/login", 10,
                        n -> loginBody("nobody" + UUID.randomUUID().toString().substring(0, 8)), 401, true)),
                CompletableFuture.supplyAsync(() -> bypass("browser login 10/min per IP+identifier", "POST", "/api/session", 10,
                        n -> loginBody("nobody" + UUID.randomUUID().toString().substring(0, 8)), 401, true)),
                CompletableFuture.supplyAsync(() -> bypass("register 5/min per IP", "POST", "/api/auth/register", 5, n -> {
                    String name = ("by" + UUID.randomUUID().toString().replace("-", "")).substring(0, 20);
                    return "{\"email\":\"" + name + "@example.test\",\"username\":\"" + name + "\",\"password\":\"" + Users.PASSWORD + "\"}";
                }, 201, false)),
                CompletableFuture.supplyAsync(() -> bypass("forgot-password 3/min per IP", "POST", "/api/auth/password/forgot", 3,
                        n -> "{\"email\":\"nobody@example.test\"}", 202, false)),
                CompletableFuture.supplyAsync(HostileClientTest::uploadBypass),
                CompletableFuture.supplyAsync(HostileClientTest::defaultBypass));
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<List<String>> run : runs) {
            failures.addAll(run.get(120, TimeUnit.SECONDS));
        }
        long after = Heap.settledKib("gateway");
        assertThat(failures).as("spellings that reached the service past its limit").isEmpty();
        assertHeapFlat(before, after);
    }

    @Test
    void shouldNotServeOperationsEndpointsOnThePublicPort() throws Exception {
        List<String> paths = List.of("/q/metrics", "/q/openapi", "/q/health", "/q/health/ready", "/q/dev-ui", "/api/../q/metrics",
                "/api/%2e%2e/q/metrics", "/api/..%2fq/metrics", "/%71/metrics", "/q/metrics/", "/q;x/metrics", "/./q/openapi");
        List<String> served = new ArrayList<>();
        RawHttp client = RawHttp.fromNewAddress();
        for (String path : paths) {
            Answer answer = client.send("GET", path, Map.of(), (String) null);
            boolean leaks = answer.status() == 200 || answer.body().contains("# TYPE") || answer.body().contains("openapi:")
                    || answer.body().contains("\"checks\"");
            SecurityReport.row("GET " + path + " on the public port", "404, nothing of /q", answer.status() + (leaks ? " (served)" : ""));
            if (leaks) {
                served.add(path + " → " + answer.status());
            }
        }
        assertThat(served).as("operations endpoints reachable on the gateway's public port").isEmpty();
    }

    @Test
    void shouldApplyTheAnonymousPerIpLimitToForgedBearerTokens() throws Exception {
        Limits.awaitWindowWithAtLeast(30);
        long before = Heap.settledKib("gateway");
        RawHttp client = RawHttp.fromNewAddress();
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 620; i++) {
            calls.add(pool.submit(() -> {
                Answer answer = client.send("GET", "/api/conversations", Map.of("Authorization", "Bearer " + forgedToken()), (String) null);
                statuses.merge(answer.status(), 1, Integer::sum);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();
        long after = Heap.settledKib("gateway");
        SecurityReport.row("620 requests from one IP, each with a different forged (unverifiable) bearer token",
                "401 for the first 600, then 429 (the anonymous per-IP limit)", statuses.toString(), before, after);
        assertThat(statuses.getOrDefault(429, 0)).as("answers %s", statuses).isGreaterThanOrEqualTo(20);
        assertThat(statuses.getOrDefault(401, 0)).as("answers %s", statuses).isLessThanOrEqualTo(600);
        assertHeapFlat(before, after);
    }

    @Test
    void shouldAnswerWrongShapeJsonOnEveryJsonRouteWithProblem400() throws Exception {
        record Route(String method, String path, boolean authenticated, String wrongTypes) {
        }
        List<Route> routes = List.of(
                new Route("POST", "/api/session", false, "{\"identifier\":7,\"password\":[]}"),
                new Route("POST", "/api/auth/login", false, "{\"identifier\":7,\"password\":[]}"),
                new Route("POST", "/api/auth/register", false, "{\"email\":7,\"username\":[],\"password\":{}}"),
                new Route("POST", "/api/auth/refresh", false, "{\"refreshToken\":7}"),
                new Route("POST", "/api/auth/logout", false, "{\"refreshToken\":[]}"),
                new Route("POST", "/api/auth/password/forgot", false, "{\"email\":[]}"),
                new Route("POST", "/api/auth/password/reset", false, "{\"token\":7,\"newPassword\":{}}"),
                new Route("PATCH", "/api/auth/me", true, "{\"displayName\":7,\"links\":\"x\"}"),
                new Route("POST", "/api/auth/me/password", true, "{\"currentPassword\":7,\"newPassword\":[]}"),
                new Route("POST", "/api/conversations", true, "{\"type\":7,\"participantId\":[]}"),
                new Route("POST", "/api/conversations/" + conversation + "/messages", true, "{\"body\":{},\"attachmentIds\":\"x\"}"),
                new Route("PATCH", "/api/messages/" + message, true, "{\"body\":[]}"),
                new Route("POST", "/api/conversations/" + conversation + "/read", true, "{\"seq\":\"x\"}"),
                new Route("POST", "/api/conversations/" + conversation + "/members", true, "{\"userId\":7}"));
        long before = Heap.settledKib("gateway");
        List<String> wrong = new ArrayList<>();
        for (Route route : routes) {
            List<String> seen = new ArrayList<>();
            for (String body : List.of("[]", "\"text\"", "7", "{\"unclosed\":", route.wrongTypes())) {
                Answer answer = RawHttp.fromNewAddress().json(route.method(), route.path(), route.authenticated() ? alice.accessToken() : null, body);
                boolean ok = answer.status() == 400 && answer.isProblem() && answer.body().contains("\"detail\"");
                seen.add(body + " → " + answer.status() + (answer.isProblem() ? " problem" : " " + answer.headers().getOrDefault("content-type", "no body")));
                if (!ok) {
                    wrong.add(route.method() + " " + route.path() + " " + body + ": " + answer);
                }
            }
            SecurityReport.row("wrong-shape JSON to " + route.method() + " " + route.path().replace(conversation, "{id}").replace(message, "{id}"),
                    "400 problem+json each", String.join("; ", seen));
        }
        long after = Heap.settledKib("gateway");
        assertThat(wrong).as("answers that are not a 400 problem+json with a detail").isEmpty();
        assertHeapFlat(before, after);
    }

    @Test
    void shouldCloseSocketsThatSendOversizeFrames() throws Exception {
        long before = Heap.settledKib("gateway");
        String big = "{\"type\":\"send\",\"conversationId\":\"" + conversation + "\",\"clientMessageId\":\"big\",\"body\":\"" + "x".repeat(512 << 10) + "\"}";
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String path : List.of("/ws?token=" + alice.accessToken(), "/ws/echo")) {
                Closing socket = Closing.open(RunningSuite.gateway().replaceFirst("^http", "ws") + path);
                if (socket.socket == null) {
                    codes.add(-1);
                    continue;
                }
                if (path.startsWith("/ws?")) {
                    socket.ready.get(20, TimeUnit.SECONDS);
                }
                socket.socket.sendText(big, true);
                codes.add(socket.code(20));
            }
        }
        long after = Heap.settledKib("gateway");
        SecurityReport.row("512 KiB WebSocket text frames (over the 64 KiB message limit) to /ws and /ws/echo (10 each)", "closed with 1009 (message too big)",
                "close codes " + codes, before, after);
        assertThat(codes).as("close codes").allMatch(code -> code == 1009);
        assertHeapFlat(before, after);
    }

    @Test
    void shouldLeakNothingWhenASocketClosesDuringAuthentication() throws Exception {
        User watcher = bob;
        LiveSocket watching = LiveSocket.open(LiveSocket.gatewayWs(watcher.accessToken()), Map.of()).get(20, TimeUnit.SECONDS);
        watching.ready.get(20, TimeUnit.SECONDS);
        long before = Heap.settledKib("gateway");
        long messagingBefore = Heap.settledKib("messaging-service") + Heap.settledKib("messaging-service-2");
        try {
            abortUpgrades(alice, 200);
            Thread.sleep(5_000);
            long after = Heap.settledKib("gateway");
            long messagingAfter = Heap.settledKib("messaging-service") + Heap.settledKib("messaging-service-2");
            // A new socket of bob's is told which contacts are online now: a leaked session would show alice.
            // The gateway must still take new sockets (aborted upgrades must not hold its upstream connections).
            String afterwards;
            Boolean online = watching.presence.get(alice.id());
            try {
                LiveSocket fresh = LiveSocket.open(LiveSocket.gatewayWs(watcher.accessToken()), Map.of())
                        .thenCompose(socket -> socket.ready.thenApply(id -> socket)).get(20, TimeUnit.SECONDS);
                Thread.sleep(1_500);
                fresh.close();
                afterwards = "ready";
                online = fresh.presence.containsKey(alice.id()) ? fresh.presence.get(alice.id()) : online;
            } catch (Exception refused) {
                afterwards = "not ready within 20 s (" + ReconnectStormTest.reason(refused) + ")";
            }
            SecurityReport.row("200 upgrades to /ws closed by the client while authenticating (after 0-19 ms)",
                    "nothing kept: a new socket is ready, alice not shown online, heaps flat", "new socket " + afterwards + "; alice last shown "
                            + (online == null ? "never" : online ? "online" : "offline")
                            + "; messaging live heap " + messagingBefore / 1024 + " → " + messagingAfter / 1024 + " MiB",
                    before, after);
            if (!afterwards.equals("ready")) {
                // A wedged gateway would fail every later test of the run for this test's reason.
                RunningSuite.restart("gateway");
            }
            assertThat(afterwards).as("a new socket through the gateway after the aborted upgrades").isEqualTo("ready");
            assertThat(messagingAfter - messagingBefore).as("messaging instances' live heap growth (KiB)").isLessThan(HEAP_SLACK_KIB);
            assertHeapFlat(before, after);
        } finally {
            watching.close();
        }
    }

    /** Opens {@code count} upgrades of {@code user} and drops each 0-19 ms in, at different moments of authentication. */
    private static void abortUpgrades(User user, int count) throws Exception {
        RawHttp client = RawHttp.fromNewAddress();
        for (int i = 0; i < count; i++) {
            try (java.net.Socket socket = client.connect()) {
                socket.getOutputStream().write(("GET /ws?token=" + user.accessToken() + " HTTP/1.1\r\nHost: gateway\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16).getBytes())
                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                Thread.sleep(i % 20);
            }
        }
    }

    @Test
    void shouldNotShowAUserOnlineAfterTheirUpgradesWereAborted() throws Exception {
        abortUpgrades(alice, 200);
        // Aborted openings may still be in progress on a busy machine: a leak is alice still shown
        // online to a new socket of bob's 30 s later (presence itself expires only after 90 s).
        Boolean shown = Boolean.TRUE;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Boolean.TRUE.equals(shown) && System.nanoTime() < deadline) {
            LiveSocket fresh = LiveSocket.open(LiveSocket.gatewayWs(bob.accessToken()), Map.of())
                    .thenCompose(socket -> socket.ready.thenApply(id -> socket)).get(20, TimeUnit.SECONDS);
            Thread.sleep(1_500);
            fresh.close();
            shown = fresh.presence.get(alice.id());
        }
        assertThat(shown).as("alice's presence as bob sees it once every aborted socket is gone").isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void shouldCloseAnUpgradeWithAMalformedTokenWith4001() throws Exception {
        List<String> seen = new ArrayList<>();
        for (String token : List.of("%%%", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "....", "x".repeat(4000))) {
            Closing socket = Closing.open(RunningSuite.gateway().replaceFirst("^http", "ws") + "/ws?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
            seen.add(String.valueOf(socket.code(20)));
        }
        SecurityReport.row("/ws?token= malformed (%%%, a.b.c, alg none, ...., 4000 chars)", "upgraded, then closed 4001", "close codes " + seen);
        assertThat(seen).allMatch("4001"::equals);
    }

    @Test
    void shouldSendCorsHeadersOnTheGatewaysOwnErrorsForAnAllowedOrigin() throws Exception {
        Map<String, Answer> answers = new LinkedHashMap<>();
        Map<String, String> origin = Map.of("Origin", ALLOWED_ORIGIN);
        answers.put("401", RawHttp.fromNewAddress().send("GET", "/api/session", origin, (String) null));
        answers.put("403", RawHttp.fromNewAddress().send("POST", "/api/admin/tenants",
                Map.of("Origin", ALLOWED_ORIGIN, "Authorization", "Bearer " + alice.accessToken(), "Content-Type", "application/json"),
                "{\"slug\":\"x\",\"name\":\"x\",\"modules\":[]}"));
        answers.put("413", RawHttp.fromNewAddress().chunked("POST", "/api/session", origin, 32L << 20));
        RawHttp limited = RawHttp.fromNewAddress();
        Answer last = null;
        // The limit (10/min) counts fixed one-minute windows: 11 logins can straddle a boundary and
        // never pass it, 21 cannot (one window holds 11). The loop stops at the first 429.
        for (int i = 0; i < 21 && (last == null || last.status() != 429); i++) {
            last = limited.send("POST", "/api/auth/login", Map.of("Origin", ALLOWED_ORIGIN, "Content-Type", "application/json"), loginBody("cors-nobody"));
        }
        answers.put("429", last);
        RunningSuite.kill("media-service");
        try {
            answers.put("502/503", RawHttp.fromNewAddress().send("GET", "/api/media/" + UUID.randomUUID(), origin, (String) null));
        } finally {
            RunningSuite.restart("media-service");
        }
        List<String> missing = new ArrayList<>();
        answers.forEach((expected, answer) -> {
            String allow = answer.header("access-control-allow-origin");
            SecurityReport.row("gateway error " + expected + " for allowed Origin " + ALLOWED_ORIGIN,
                    "status " + expected + ", Access-Control-Allow-Origin and -Credentials", answer.status() + ", ACAO " + allow
                            + ", ACAC " + answer.header("access-control-allow-credentials"));
            if (!expected.contains(Integer.toString(answer.status())) || !ALLOWED_ORIGIN.equals(allow)
                    || !"true".equals(answer.header("access-control-allow-credentials"))) {
                missing.add(expected + ": " + answer.status() + " ACAO=" + allow);
            }
        });
        assertThat(missing).as("error answers without their CORS headers (or with another status)").isEmpty();
    }

    // ---- helpers

    private static void assertHeapFlat(long beforeKib, long afterKib) {
        assertThat(afterKib - beforeKib).as("gateway live heap growth after a full GC (KiB), %d → %d", beforeKib, afterKib)
                .isLessThan(HEAP_SLACK_KIB);
    }

    static String loginBody(String identifier) {
        return "{\"identifier\":\"" + identifier + "\",\"password\":\"" + WRONG_PASSWORD + "\"}";
    }

    /** Spellings of {@code path} that a lenient router may take for it. */
    static List<String> spellings(String path) {
        int slash = path.lastIndexOf('/');
        String head = path.substring(0, slash);
        String last = path.substring(slash + 1);
        return List.of(path + "/", path + ";x=1", path + "/;", head + "/%" + Integer.toHexString(last.charAt(0)).toUpperCase() + last.substring(1),
                head + "//" + last, head + "/./" + last, path.replaceFirst("^/api/", "/api/x/../"), path + "?x=1");
    }

    /**
     * Uses up {@code limit} with the canonical path (each answered {@code processed}), checks that
     * the next canonical call is 429, then sends every other spelling: none may be processed.
     * Returns the spellings that got through.
     */
    private static List<String> bypass(String name, String method, String path, int limit, Function<Integer, String> body, int processed,
            boolean sameBody) {
        List<String> through = new ArrayList<>();
        try {
            RawHttp client = RawHttp.fromNewAddress();
            String fixed = body.apply(0);
            Map<String, String> json = Map.of("Content-Type", "application/json");
            List<Integer> canonical = new ArrayList<>();
            for (int i = 0; i <= limit; i++) {
                canonical.add(client.send(method, path, json, sameBody ? fixed : body.apply(i)).status());
            }
            List<String> seen = new ArrayList<>();
            for (String spelling : spellings(path)) {
                Answer answer = client.send(method, spelling, json, sameBody ? fixed : body.apply(100 + seen.size()));
                seen.add(spelling + " → " + answer.status());
                if (answer.status() == processed) {
                    through.add(name + ": " + spelling + " → " + answer.status());
                }
            }
            SecurityReport.row(name + ": " + method + " " + path + " spelled 8 ways once the limit is used up",
                    limit + " × " + processed + ", then 429 for every spelling (or 404)", "canonical " + canonical + "; " + String.join(", ", seen));
            if (canonical.get(limit) != 429) {
                through.add(name + ": the canonical call past the limit answered " + canonical);
            }
        } catch (Exception e) {
            through.add(name + ": " + e);
        }
        return through;
    }

    private static List<String> uploadBypass() {
        List<String> through = new ArrayList<>();
        try {
            User uploader = Users.register("uploader");
            RawHttp client = RawHttp.fromNewAddress();
            byte[] png = TestImages.png(8, 8);
            List<Integer> canonical = new ArrayList<>();
            for (int i = 0; i <= 30; i++) {
                canonical.add(client.multipart("/api/media", uploader.accessToken(), png).status());
            }
            List<String> seen = new ArrayList<>();
            for (String spelling : spellings("/api/media")) {
                Answer answer = client.multipart(spelling, uploader.accessToken(), png);
                seen.add(spelling + " → " + answer.status());
                if (answer.status() == 201) {
                    through.add("upload: " + spelling + " → 201");
                }
            }
            SecurityReport.row("upload 30/min per user: POST /api/media spelled 8 ways once the limit is used up",
                    "30 × 201, then 429 for every spelling (or 404)", "canonical " + summary(canonical) + "; " + String.join(", ", seen));
            if (canonical.get(30) != 429) {
                through.add("upload: the canonical call past the limit answered " + summary(canonical));
            }
        } catch (Exception e) {
            through.add("upload: " + e);
        }
        return through;
    }

    private static List<String> defaultBypass() {
        List<String> through = new ArrayList<>();
        try {
            User reader = Users.register("reader");
            RawHttp client = RawHttp.fromNewAddress();
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + reader.accessToken());
            // 600 at once from 8 connections, so they fit in one of the limiter's minutes on a slow box.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                calls.add(pool.submit(() -> client.send("GET", "/api/auth/me", bearer, (String) null).status()));
            }
            List<Integer> canonical = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> call : calls) {
                canonical.add(call.get());
            }
            pool.shutdown();
            canonical.add(client.send("GET", "/api/auth/me", bearer, (String) null).status());
            List<String> seen = new ArrayList<>();
            for (String spelling : spellings("/api/auth/me")) {
                Answer answer = client.send("GET", spelling, bearer, (String) null);
                seen.add(spelling + " → " + answer.status());
                if (answer.status() == 200) {
                    through.add("default: " + spelling + " → 200");
                }
            }
            SecurityReport.row("default 600/min per user: GET /api/auth/me spelled 8 ways once the limit is used up",
                    "600 × 200, then 429 for every spelling (or 404)", "canonical " + summary(canonical) + "; " + String.join(", ", seen));
            if (canonical.get(600) != 429) {
                through.add("default: the canonical call past the limit answered " + summary(canonical));
            }
        } catch (Exception e) {
            through.add("default: " + e);
        }
        return through;
    }

    private static String summary(List<Integer> statuses) {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts + " (last " + statuses.get(statuses.size() - 1) + ")";
    }

    /** A JWT-shaped token with a random subject and a signature no key made. */
    private static String forgedToken() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"forged\"}".getBytes(StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\",\"exp\":4102444800,\"iss\":\"chat-suite\"}").getBytes(StandardCharsets.UTF_8));
        byte[] signature = new byte[256];
        new java.util.Random().nextBytes(signature);
        return header + "." + payload + "." + url.encodeToString(signature);
    }

    /** A WebSocket that only waits for its close code. */
    static final class Closing implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        WebSocket socket;

        static Closing open(String url) throws Exception {
            Closing closing = new Closing();
            try {
                closing.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), closing).get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException refused) {
                closing.closed.complete(-1);
            }
            return closing;
        }

        int code(int seconds) {
            try {
                return closed.get(seconds, TimeUnit.SECONDS);
            } catch (Exception none) {
                return 0;
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (data.toString().contains("\"ready\"")) {
                ready.complete(null);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
