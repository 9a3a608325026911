package dev.chatsuite.gateway.proxy;

import static dev.chatsuite.gateway.proxy.WebSocketRelayTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.GatewayTestSupport;
import dev.chatsuite.gateway.GatewayTestSupport.Browser;
import dev.chatsuite.gateway.LinkStub;
import dev.chatsuite.gateway.UpstreamStub;
import dev.chatsuite.gateway.upstream.SocketBudget;
import dev.chatsuite.gateway.upstream.SocketLinks;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.json.JsonObject;

/**
 * Messaging's {@code /ws} sockets through the gateway ride the socket link to the stub
 * ({@link LinkStub}): many sockets on one link per event loop, each with its own handshake,
 * messages and close; a dropped link, an oversize message and a client too far behind.
 */
@QuarkusTest
class SocketLinkTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    SocketLinks links;

    @Inject
    SocketBudget budget;

    @Inject
    Vertx vertx;

    @Test
    void shouldCarryFiftySocketsOnOneLinkPerEventLoopEachWithItsOwnHandshakeAndMessages() throws Exception {
        int count = 50;
        int messages = 20;
        Browser browser = Browser.signIn("link-" + UUID.randomUUID());
        String access = browser.cookies().get("chat_access");
        Map<String, String> headers = Map.of("Cookie", "theme=dark; chat_access=" + access + "; chat_refresh=" + browser.cookies().get("chat_refresh"),
                "Origin", GatewayTestSupport.ownOrigin());
        List<String> ids = IntStream.range(0, count).mapToObj(i -> UUID.randomUUID().toString()).toList();
        int linksBefore = LinkStub.LINKS.get();
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = WebSocketCapacityTest.opened(sockets.openAll(count, i -> "/ws?id=" + ids.get(i) + "&n=" + i, i -> headers));
            for (Sockets.Client client : clients) {
                assertThat(new JsonObject(client.nextText()).getString("authorization")).isEqualTo("Bearer " + access);
            }
            for (int i = 0; i < count; i++) {
                for (int m = 0; m < messages; m++) {
                    clients.get(i).socket.writeTextMessage("s" + i + "-m" + m);
                }
            }
            for (int i = 0; i < count; i++) {
                List<String> expected = new ArrayList<>();
                List<String> received = new ArrayList<>();
                for (int m = 0; m < messages; m++) {
                    expected.add("echo:s" + i + "-m" + m);
                    received.add(clients.get(i).nextText());
                }
                assertThat(received).as("socket %d", i).containsExactlyElementsOf(expected);
            }

            int loops = eventLoops();
            Set<Integer> carrying = new HashSet<>();
            ids.forEach(id -> carrying.add(LinkStub.LINK_OF.get(id)));
            assertThat(carrying).as("links carrying the %d sockets, with %d event loops", count, loops).doesNotContainNull()
                    .hasSizeLessThanOrEqualTo(loops).hasSizeLessThan(count);
            assertThat(LinkStub.LINKS.get() - linksBefore).as("links the stub accepted").isLessThanOrEqualTo(loops);
            assertThat(links.size()).isLessThanOrEqualTo(loops);
            for (int i = 0; i < count; i++) {
                JsonObject handshake = LinkStub.HANDSHAKES.get(ids.get(i));
                assertThat(handshake.getString("uri")).isEqualTo("/ws?id=" + ids.get(i) + "&n=" + i);
                JsonObject sent = handshake.getJsonObject("headers");
                assertThat(sent.getString("Authorization")).isEqualTo("Bearer " + access);
                assertThat(sent.getString("Cookie")).as("the session cookies stay at the gateway").isEqualTo("theme=dark");
                assertThat(sent.getString("X-Request-Id")).isNotBlank();
                assertThat(sent.getString("X-Forwarded-For")).isNotBlank();
                assertThat(sent.fieldNames()).noneMatch(name -> name.equalsIgnoreCase("Sec-WebSocket-Key") || name.equalsIgnoreCase("Upgrade"));
            }
        }
        await(() -> budget.open() == 0);
    }

    @Test
    void shouldCloseOnlyTheSocketTheInstanceClosesWithItsCodeAndReason() throws Exception {
        String reason = "module-disabled: chat is turned off for this workspace";
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = WebSocketCapacityTest.opened(sockets.openAll(3, i -> "/ws", i -> WebSocketCapacityTest.bearer("disabled")));
            for (Sockets.Client client : clients) {
                client.nextText();
            }
            clients.get(1).socket.writeTextMessage("close:4003:" + reason);

            assertThat(clients.get(1).closeCode()).isEqualTo((short) 4003);
            assertThat(clients.get(1).socket.closeReason()).isEqualTo(reason);
            for (int i : new int[] { 0, 2 }) {
                clients.get(i).socket.writeTextMessage("still here " + i);
                assertThat(clients.get(i).nextText()).isEqualTo("echo:still here " + i);
                assertThat(clients.get(i).closed).isNotDone();
            }
        }
    }

    @Test
    void shouldTellTheInstanceTheCodeEachClientClosedWith() throws Exception {
        int[] codes = { 1000, 4000, 4321 };
        List<String> ids = IntStream.range(0, codes.length).mapToObj(i -> UUID.randomUUID().toString()).toList();
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = WebSocketCapacityTest.opened(sockets.openAll(codes.length, i -> "/ws?id=" + ids.get(i),
                    i -> WebSocketCapacityTest.bearer("leaving")));
            for (int i = 0; i < codes.length; i++) {
                clients.get(i).nextText();
                clients.get(i).socket.close((short) codes[i], "bye");
            }
            for (int i = 0; i < codes.length; i++) {
                String id = ids.get(i);
                await(() -> UpstreamStub.CLOSES.containsKey(id));
                assertThat(UpstreamStub.CLOSES.get(id)).isEqualTo(codes[i]);
                assertThat(clients.get(i).closeCode()).isEqualTo((short) codes[i]);
            }
        }
        await(() -> budget.open() == 0);
    }

    @Test
    void shouldCloseEverySocketWith1011WhenTheLinkDropsAndOpenANewLinkAfter() throws Exception {
        try (Sockets sockets = new Sockets(root)) {
            List<Sockets.Client> clients = WebSocketCapacityTest.opened(sockets.openAll(10, i -> "/ws", i -> WebSocketCapacityTest.bearer("dropped")));
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).nextText();
                clients.get(i).socket.writeTextMessage("before " + i);
                assertThat(clients.get(i).nextText()).isEqualTo("echo:before " + i);
            }
            int linksBefore = LinkStub.LINKS.get();

            LinkStub.dropLinks();

            for (Sockets.Client client : clients) {
                assertThat(client.closeCode()).isEqualTo((short) 1011);
            }
            await(() -> links.size() == 0);
            String id = UUID.randomUUID().toString();
            Sockets.Client after = sockets.open("/ws?id=" + id, WebSocketCapacityTest.bearer("after")).get(20, TimeUnit.SECONDS);
            assertThat(after.nextText()).contains("\"authorization\":\"Bearer ");
            after.socket.writeTextMessage("again");
            assertThat(after.nextText()).isEqualTo("echo:again");
            assertThat(LinkStub.LINK_OF.get(id)).as("a new link").isGreaterThan(linksBefore);
        }
    }

    @Test
    void shouldCloseWith1009AMessageOverTheLimitAndCloseItsChannel() throws Exception {
        try (Sockets sockets = new Sockets(root)) {
            String whole = UUID.randomUUID().toString();
            Sockets.Client big = sockets.open("/ws?id=" + whole, WebSocketCapacityTest.bearer("big")).get(20, TimeUnit.SECONDS);
            big.nextText();
            big.socket.writeTextMessage("x".repeat(100 * 1024));
            assertThat(big.closeCode()).isEqualTo((short) 1009);
            assertThat(big.socket.closeReason()).isEqualTo("A message is at most 65536 bytes.");
            await(() -> UpstreamStub.CLOSES.containsKey(whole));
            assertThat(UpstreamStub.CLOSES.get(whole)).isEqualTo(1001);

            String fragmented = UUID.randomUUID().toString();
            Sockets.Client fragments = sockets.open("/ws?id=" + fragmented, WebSocketCapacityTest.bearer("fragments")).get(20, TimeUnit.SECONDS);
            fragments.nextText();
            fragments.socket.writeFrame(WebSocketFrame.textFrame("y".repeat(40 * 1024), false));
            fragments.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("y".repeat(40 * 1024)), true));
            assertThat(fragments.closeCode()).isEqualTo((short) 1009);
            await(() -> UpstreamStub.CLOSES.containsKey(fragmented));
            assertThat(UpstreamStub.CLOSES.get(fragmented)).isEqualTo(1001);

            Sockets.Client small = sockets.open("/ws", WebSocketCapacityTest.bearer("small")).get(20, TimeUnit.SECONDS);
            small.nextText();
            small.socket.writeFrame(WebSocketFrame.textFrame("a".repeat(30 * 1024), false));
            small.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("b".repeat(30 * 1024)), true));
            small.socket.writeTextMessage("z".repeat(60 * 1024));
            assertThat(small.nextText()).isEqualTo("echo:" + "a".repeat(30 * 1024) + "b".repeat(30 * 1024));
            assertThat(small.nextText()).isEqualTo("echo:" + "z".repeat(60 * 1024));
        }
    }

    @Test
    void shouldCloseAClientTooFarBehindWith4008WhileItsLinkKeepsServingTheOthers() throws Exception {
        String flooded = UUID.randomUUID().toString();
        try (RawUpgrade raw = RawUpgrade.open(root, "/ws?id=" + flooded, WebSocketCapacityTest.bearer("behind"));
                Sockets sockets = new Sockets(root)) {
            assertThat(raw.status).isEqualTo(101);
            await(() -> LinkStub.LINK_OF.containsKey(flooded));
            Sockets.Client partner = partnerOnTheLinkOf(sockets, flooded);

            // The raw client reads nothing from here on, while the stub floods its channel.
            partner.socket.writeTextMessage("flood:" + flooded);
            List<String> expected = new ArrayList<>();
            List<String> received = new ArrayList<>();
            for (int m = 0; m < 20; m++) {
                partner.socket.writeTextMessage("during " + m);
                expected.add("echo:during " + m);
            }
            for (int m = 0; m < 20; m++) {
                received.add(partner.nextText());
            }
            assertThat(received).containsExactlyElementsOf(expected);

            await(() -> UpstreamStub.CLOSES.containsKey(flooded));
            assertThat(UpstreamStub.CLOSES.get(flooded)).as("the channel's CLOSE at the stub").isEqualTo(1001);
            RawUpgrade.Close close = raw.readUntilClose();
            assertThat(close.code()).isEqualTo(4008);
            assertThat(close.reason()).isEqualTo("Too far behind; reconnect and catch up over REST.");
            assertThat(close.texts()).as("texts queued before the close").isGreaterThan(8);

            partner.socket.writeTextMessage("after");
            assertThat(partner.nextText()).isEqualTo("echo:after");
            assertThat(partner.closed).isNotDone();
        }
    }

    /** Opens sockets until one lands on the same link (event loop) as socket {@code id}. */
    private static Sockets.Client partnerOnTheLinkOf(Sockets sockets, String id) throws Exception {
        int link = LinkStub.LINK_OF.get(id);
        for (int attempt = 0; attempt < 64; attempt++) {
            String candidate = UUID.randomUUID().toString();
            Sockets.Client client = sockets.open("/ws?id=" + candidate, WebSocketCapacityTest.bearer("partner")).get(20, TimeUnit.SECONDS);
            client.nextText();
            if (LinkStub.LINK_OF.get(candidate) == link) {
                return client;
            }
        }
        throw new AssertionError("no socket landed on link " + link + " in 64 attempts");
    }

    private int eventLoops() {
        int count = 0;
        for (EventExecutor ignored : ((VertxInternal) vertx).getEventLoopGroup()) {
            count++;
        }
        return count;
    }
}
