package dev.chatsuite.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import dev.chatsuite.gateway.UpstreamStub;
import dev.chatsuite.gateway.upstream.SocketBudget;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What one proxied socket carries: frames in order, close codes both ways, the 101's cookies, release on close. */
@QuarkusTest
class WebSocketRelayTest {

    @TestHTTPResource("/")
    java.net.URL root;

    @Inject
    SocketBudget budget;

    @AfterEach
    void restoreTokenLifetime() {
        GatewayTestSupport.accessTtl(900);
    }

    @Test
    void shouldKeepTheOrderOfManyFramesBothWays() throws Exception {
        int frames = 2000;
        try (Sockets sockets = new Sockets(root)) {
            Sockets.Client client = sockets.open("/ws/echo", WebSocketCapacityTest.bearer("order")).get(20, TimeUnit.SECONDS);
            client.nextText();
            for (int i = 0; i < frames; i++) {
                client.socket.writeTextMessage("n" + i);
            }
            for (int i = 0; i < frames; i++) {
                assertThat(client.nextText()).isEqualTo("echo:n" + i);
            }
        }
    }

    @Test
    void shouldCloseWith1009AMessageOverTheLimitWholeOrInFragments() throws Exception {
        try (Sockets sockets = new Sockets(root)) {
            String whole = UUID.randomUUID().toString();
            Sockets.Client big = sockets.open("/ws/echo?id=" + whole, WebSocketCapacityTest.bearer("big")).get(20, TimeUnit.SECONDS);
            big.nextText();
            big.socket.writeTextMessage("x".repeat(100 * 1024));
            assertThat(big.closeCode()).isEqualTo((short) 1009);
            await(() -> UpstreamStub.CLOSES.containsKey(whole));
            assertThat(UpstreamStub.CLOSES.get(whole)).as("the upstream is let go too").isEqualTo(1001);

            Sockets.Client fragments = sockets.open("/ws/echo", WebSocketCapacityTest.bearer("fragments")).get(20, TimeUnit.SECONDS);
            fragments.nextText();
            fragments.socket.writeFrame(io.vertx.core.http.WebSocketFrame.textFrame("y".repeat(40 * 1024), false));
            fragments.socket.writeFrame(io.vertx.core.http.WebSocketFrame.continuationFrame(io.vertx.core.buffer.Buffer.buffer("y".repeat(40 * 1024)), true));
            assertThat(fragments.closeCode()).isEqualTo((short) 1009);

            Sockets.Client small = sockets.open("/ws/echo", WebSocketCapacityTest.bearer("small")).get(20, TimeUnit.SECONDS);
            small.nextText();
            small.socket.writeTextMessage("z".repeat(60 * 1024));
            assertThat(small.nextText()).hasSize(5 + 60 * 1024);
        }
    }

    @Test
    void shouldPassTheClientsCloseCodeToTheUpstreamAndReleaseTheSocket() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Sockets sockets = new Sockets(root)) {
            Sockets.Client client = sockets.open("/ws/echo?id=" + id, WebSocketCapacityTest.bearer("close")).get(20, TimeUnit.SECONDS);
            client.nextText();
            assertThat(budget.open()).isPositive();
            client.socket.close((short) 4321, "bye");

            await(() -> UpstreamStub.CLOSES.containsKey(id));
            assertThat(UpstreamStub.CLOSES.get(id)).isEqualTo(4321);
            assertThat(client.closeCode()).isEqualTo((short) 4321);
        }
        await(() -> budget.open() == 0);
    }

    @Test
    void shouldPassTheUpstreamsCloseCodeToTheClientAfterTheFramesBeforeIt() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Sockets sockets = new Sockets(root)) {
            Sockets.Client client = sockets.open("/ws/echo?id=" + id, WebSocketCapacityTest.bearer("upclose")).get(20, TimeUnit.SECONDS);
            client.nextText();
            client.socket.writeTextMessage("last words");
            client.socket.writeTextMessage("close:4444");

            assertThat(client.nextText()).isEqualTo("echo:last words");
            assertThat(client.closeCode()).isEqualTo((short) 4444);
            await(() -> UpstreamStub.CLOSES.containsKey(id));
        }
        await(() -> budget.open() == 0);
    }

    @Test
    void shouldCloseTheUpstreamWhenTheClientDropsItsConnection() throws Exception {
        String id = UUID.randomUUID().toString();
        try (RawUpgrade raw = RawUpgrade.open(root, "/ws/echo?id=" + id, WebSocketCapacityTest.bearer("drop"))) {
            assertThat(raw.status).isEqualTo(101);
            await(() -> budget.open() > 0);
        }
        await(() -> UpstreamStub.CLOSES.containsKey(id));
        assertThat(UpstreamStub.CLOSES.get(id)).isEqualTo(1001);
        await(() -> budget.open() == 0);
    }

    @Test
    void shouldLeaveNoUpstreamOpenAfterUpgradesAbortedBeforeTheirAnswer() throws Exception {
        int before = UpstreamStub.OPEN_SOCKETS.get();
        Map<String, String> bearer = WebSocketCapacityTest.bearer("abort");
        String head = "GET /ws/echo?id=abort HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\n"
                + bearer.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\r\n").collect(Collectors.joining()) + "\r\n";
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                if (i % 2 == 0) {
                    socket.setSoLinger(true, 0);
                }
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(i % 20);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((budget.open() > 0 || UpstreamStub.OPEN_SOCKETS.get() > before) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(budget.open()).as("sockets the gateway still counts as proxied").isZero();
        assertThat(UpstreamStub.OPEN_SOCKETS.get()).as("upstream sockets still open").isLessThanOrEqualTo(before);
    }

    @Test
    void shouldSendTheRotatedCookiesWithTheOneHundredOne() throws Exception {
        GatewayTestSupport.accessTtl(5);
        Browser browser = Browser.signIn("ws-cookies-" + UUID.randomUUID());
        int refreshesBefore = GatewayTestSupport.refreshes();
        String cookie = "chat_access=" + browser.cookies().get("chat_access") + "; chat_refresh=" + browser.cookies().get("chat_refresh");

        try (RawUpgrade raw = RawUpgrade.open(root, "/ws/echo", Map.of("Cookie", cookie, "Origin", GatewayTestSupport.ownOrigin()))) {
            assertThat(raw.status).isEqualTo(101);
            List<String> setCookies = raw.header("Set-Cookie");
            assertThat(setCookies).hasSize(2);
            assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("chat_access=").doesNotContain(browser.cookies().get("chat_access"))
                    .containsIgnoringCase("HttpOnly").contains("SameSite=Strict"));
            assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("chat_refresh=").doesNotContain(browser.cookies().get("chat_refresh"))
                    .containsIgnoringCase("HttpOnly"));
        }
        assertThat(GatewayTestSupport.refreshes()).isEqualTo(refreshesBefore + 1);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
