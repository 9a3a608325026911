package dev.chatsuite.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.List;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.chatsuite.gateway.UpstreamStub;
import dev.chatsuite.gateway.upstream.SocketBudget;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.DisabledOnIntegrationTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's live heap per proxied socket, measured in this JVM (client, gateway and stub
 * share it): 1,000 sockets straight to the stub, then 1,000 through the gateway; the
 * difference per socket is what the gateway holds. Then 10 frames a second on each of the
 * 1,000 (10,000 frames/s) for a few seconds must leave the heap where it was, and an upstream
 * flooding a client that reads nothing must be paused rather than buffered. The figures go to
 * the log; the bounds are generous, to catch a leak or a per-socket buffer, not to time.
 */
@QuarkusTest
@DisabledOnIntegrationTest("measures the heap of the application's own JVM")
class WebSocketHeapTest {

    private static final Logger LOG = Logger.getLogger(WebSocketHeapTest.class);
    private static final int SOCKETS = 1000;

    @TestHTTPResource("/")
    URL root;

    @Inject
    SocketBudget budget;

    @Test
    void shouldHoldLittleHeapPerProxiedSocketAndStayFlatUnderTraffic() throws Exception {
        WebSocketRelayTest.await(() -> budget.open() == 0);
        long direct = perSocket(new URL("http://127.0.0.1:" + UpstreamStub.port + "/"));
        long throughGateway;
        long afterTraffic;
        long oldCollections;
        long frames;
        long rate;
        try (Sockets sockets = new Sockets(root)) {
            long before = liveHeap();
            List<Sockets.Client> clients = WebSocketCapacityTest.opened(sockets.openAll(SOCKETS, i -> "/ws/echo", i -> WebSocketCapacityTest.bearer("heap")));
            awaitEchoes(clients);
            long opened = liveHeap();
            throughGateway = (opened - before) / SOCKETS;

            long collectionsBefore = oldCollections();
            long start = System.nanoTime();
            frames = traffic(clients, 10);
            rate = frames * 1_000_000_000L / (System.nanoTime() - start);
            oldCollections = oldCollections() - collectionsBefore;
            afterTraffic = liveHeap() - opened;
        }
        long gateway = throughGateway - direct;
        LOG.infof("WebSocket heap: %d B per socket straight to the stub, %d B through the gateway: the gateway holds %d B per proxied socket; "
                + "after %d frames sent and echoed at %d/s the live heap moved %d KiB, with %d old-generation collections", direct, throughGateway, gateway,
                frames, rate, afterTraffic / 1024, oldCollections);

        assertThat(gateway).isLessThan(64 * 1024);
        assertThat(afterTraffic).isLessThan(16L * 1024 * 1024);
        WebSocketRelayTest.await(() -> budget.open() == 0);
    }

    @Test
    void shouldPauseAFloodingUpstreamWhileTheClientDoesNotRead() throws Exception {
        long before = liveHeap();
        try (RawUpgrade raw = RawUpgrade.open(root, "/ws/flood", WebSocketCapacityTest.bearer("flood"))) {
            assertThat(raw.status).isEqualTo(101);
            // The client reads nothing: the gateway must stop reading the upstream, not buffer its 64 MiB.
            Thread.sleep(3000);
            long held = liveHeap() - before;
            LOG.infof("WebSocket back-pressure: %d KiB of live heap held while a client read nothing of a 64 MiB flood", held / 1024);
            assertThat(held).isLessThan(16L * 1024 * 1024);

            assertThat(raw.readBinaryUntilText()).isEqualTo(UpstreamStub.FLOOD_BYTES);
        }
    }

    /**
     * Waits until every socket echoes a frame: a greeting the upstream sends at once may reach the
     * test client before its handlers are set, so the greeting alone is no proof of an open relay.
     */
    private static void awaitEchoes(List<Sockets.Client> clients) throws InterruptedException {
        for (Sockets.Client client : clients) {
            client.socket.writeTextMessage("open");
        }
        for (Sockets.Client client : clients) {
            String text;
            do {
                text = client.nextText();
            } while (!text.equals("echo:open"));
        }
    }

    /** Live heap per open socket (with its peer) to one address. */
    private long perSocket(URL target) throws Exception {
        try (Sockets sockets = new Sockets(target)) {
            long before = liveHeap();
            List<Sockets.Client> clients = WebSocketCapacityTest.opened(sockets.openAll(SOCKETS, i -> "/ws/echo", i -> WebSocketCapacityTest.bearer("heap")));
            awaitEchoes(clients);
            return (liveHeap() - before) / SOCKETS;
        }
    }

    /**
     * Each socket sends one frame every 100 ms for {@code seconds} without waiting for its
     * echoes (10,000 frames/s offered by 1,000 sockets; the gateway relays each twice); then every
     * socket must have had all its echoes, in order.
     */
    private static long traffic(List<Sockets.Client> clients, int seconds) throws Exception {
        long sent = 0;
        int rounds = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long tick = System.nanoTime();
            for (Sockets.Client client : clients) {
                client.socket.writeTextMessage("frame-" + rounds);
            }
            sent += clients.size();
            rounds++;
            long pause = 100 - (System.nanoTime() - tick) / 1_000_000;
            if (pause > 0) {
                Thread.sleep(pause);
            }
        }
        for (Sockets.Client client : clients) {
            for (int round = 0; round < rounds; round++) {
                assertThat(client.nextText()).isEqualTo("echo:frame-" + round);
            }
        }
        return sent;
    }

    private static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long oldCollections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.contains("Old") || name.contains("MarkSweep") || name.contains("Full")) {
                count += Math.max(0, gc.getCollectionCount());
            }
        }
        return count;
    }
}
