import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Real-time load through one door, counted at every receiver. SOCKETS WebSockets (opened BATCH
 * at a time, each waiting for its {@code ready}), conversations of GROUP, RATE {@code send}
 * frames a second from the sockets in turn for DURATION seconds; every {@code message.created} is
 * checked per socket and conversation: a seq seen before is a duplicate, a seq below the
 * highest already seen is out of order, an acknowledged seq never seen after the drain is a
 * gap; latency is measured from the send time carried in the body.
 *
 * <p>Two targets, counted by the same code: {@code suite} (the gateway's {@code /ws} with
 * {@code ?token=}; users registered and logged in at auth-service as setup, conversations
 * created through the gateway) and {@code socketio} (the reference relay in reference/, spoken
 * as Engine.IO v4 over plain WebSocket; its events carry the same JSON as the suite's).
 *
 * <p>The sockets are Vert.x's WebSocket client on Netty's epoll transport (the classpath the
 * bench script builds): the JDK's client took as much CPU per message as the gateway, and on two
 * cores every share the client takes is taken from the suite under test.
 *
 * <p>usage: java -cp CLASSPATH Realtime.java suite AUTH_URL GATEWAY_URL | socketio URL[,URL...] ; the sizes
 * come from SOCKETS, GROUP, RATE, DURATION, BATCH (defaults 1000, 10, 1000, 30, 100).
 *
 * <p>Diagnostics, never a result (docs/benchmarks.md names each run that used one): WS_BASES
 * (comma-separated ws:// bases) opens the suite's sockets there in turn instead of at the
 * gateway, e.g. straight at the messaging instances; with it, WS_BY_CONVERSATION puts all members
 * of a conversation on the same base, and SENDERS_ONE_INSTANCE lets only the members on the
 * conversation's base (of two) send.
 */
public class Realtime {

    static final int SOCKETS = env("SOCKETS", 1000), GROUP = env("GROUP", 10), RATE = env("RATE", 1000), SECONDS = env("DURATION", 30),
            BATCH = env("BATCH", 100), HOLD = env("HOLD_SECONDS", 4), WARMUP = env("WARMUP_SECONDS", 0), WARMUP_RATE = env("WARMUP_RATE", Math.max(1, RATE / 4)), TIMELINE_MS = env("TIMELINE_MS", 1000);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
    static final boolean WS_BY_CONVERSATION = System.getenv("WS_BY_CONVERSATION") != null,
            SENDERS_ONE_INSTANCE = System.getenv("SENDERS_ONE_INSTANCE") != null;

    /** Two event loops: the client's share of two cores, on the transport the suite uses too. */
    static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setPreferNativeTransport(true));
    /** No cap on sockets per host (Vert.x's default is 50). */
    static final WebSocketClient WS = VERTX.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000)
            .setConnectTimeout(20_000));
    /** One context per event loop (each new event-loop context takes the next loop). */
    static final io.vertx.core.Context[] LOOPS = { ((io.vertx.core.impl.VertxInternal) VERTX).createEventLoopContext(),
            ((io.vertx.core.impl.VertxInternal) VERTX).createEventLoopContext() };
    static final String ID = "\"id\":\"", TOKEN = "\"accessToken\":\"";
    static final String PASSWORD = "realtime benchmark password";

    /** Send to delivery, appended by every receiver. */
    static final Samples LATENCIES = new Samples(4 * 1024 * 1024);
    /** Send to ack (stored and answered), beside send to delivery: where the time goes. */
    static final Samples ACKS = new Samples(1024 * 1024);
    /** How long the client itself took to hand a frame to its socket: its share of the latency. */
    static final Samples SENDS = new Samples(1024 * 1024);
    static volatile long loadStart;
    /** Acknowledged seqs per conversation: what every member must receive. */
    static final Map<String, BitSet> ACKED = new ConcurrentHashMap<>();
    static final AtomicLong SENT_COUNT = new AtomicLong(), ACK_COUNT = new AtomicLong(), SEND_ERRORS = new AtomicLong();

    interface Door {
        /** The WebSocket address of socket {@code i}, a member of {@code conversation}. */
        String url(int i, String conversation);

        /** The frame that sends {@code body} into {@code conversation}. */
        String send(String conversation, String body, String clientMessageId);

        /** The event JSON carried by {@code frame}, or null for transport frames (answering them through {@code reply}). */
        String event(String frame, Consumer<String> reply);
    }

    /** The suite's gateway: frames are the events. */
    record Suite(List<String> tokens, String gatewayWs) implements Door {
        public String url(int i, String conversation) {
            String[] bases = gatewayWs.split(",");
            int pick = WS_BY_CONVERSATION ? i / GROUP : i;
            return bases[pick % bases.length] + "/ws?token=" + tokens.get(i);
        }

        public String send(String conversation, String body, String clientMessageId) {
            return "{\"type\":\"send\",\"conversationId\":\"" + conversation + "\",\"body\":\"" + body + "\",\"clientMessageId\":\"" + clientMessageId + "\"}";
        }

        public String event(String frame, Consumer<String> reply) {
            return frame;
        }
    }

    /** socket.io 4 (Engine.IO v4 over WebSocket): events are {@code 42["event",{...}]}; pings ({@code 2}) are answered. */
    record SocketIo(List<String> bases) implements Door {
        public String url(int i, String conversation) {
            return bases.get(i % bases.size()).replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket&rooms="
                    + URLEncoder.encode(conversation, StandardCharsets.UTF_8);
        }

        public String send(String conversation, String body, String clientMessageId) {
            return "42[\"send\"," + new Suite(null, null).send(conversation, body, clientMessageId) + "]";
        }

        public String event(String frame, Consumer<String> reply) {
            if (frame.startsWith("42[\"event\",")) {
                return frame.substring(11, frame.length() - 1);
            }
            if (frame.equals("2")) {
                reply.accept("3");
            } else if (frame.startsWith("0{")) {
                reply.accept("40");
            }
            return null;
        }
    }

    /** One receiving socket: per conversation, the seqs seen and how they arrived. */
    static final class Receiver {
        final Door door;
        final String conversation;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final BitSet seen = new BitSet();
        long highest, received, duplicates, outOfOrder;
        volatile boolean closed;
        volatile WebSocket socket;
        private final Consumer<String> reply = frame -> socket.writeTextMessage(frame);

        Receiver(Door door, String conversation) {
            this.door = door;
            this.conversation = conversation;
        }

        /** Called on the socket's event loop as it opens, before any frame of it is read. */
        void attach(WebSocket ws) {
            socket = ws;
            ws.textMessageHandler(frame -> {
                String event = door.event(frame, reply);
                if (event != null) {
                    handle(event);
                }
            });
            ws.closeHandler(v -> {
                closed = true;
                ready.completeExceptionally(new IllegalStateException("closed " + ws.closeStatusCode() + " " + ws.closeReason()));
            });
            ws.exceptionHandler(e -> {
                closed = true;
                ready.completeExceptionally(e);
            });
        }

        private void handle(String event) {
            String type = text(event, "\"type\":\"");
            if (type == null) {
                return;
            }
            switch (type) {
                case "ready" -> ready.complete(null);
                case "message.created" -> created(event);
                case "ack" -> {
                    String c = text(event, "\"conversationId\":\"");
                    long s = number(event, "\"seq\":");
                    if (c != null && s >= 0) {
                        BitSet acked = ACKED.computeIfAbsent(c, k -> new BitSet());
                        synchronized (acked) {
                            acked.set((int) s);
                        }
                        ACK_COUNT.incrementAndGet();
                    }
                    long t = number(event, "\"body\":\"t=");
                    if (t >= 0) {
                        ACKS.add(t, System.nanoTime());
                    }
                }
                default -> {
                }
            }
        }

        private void created(String event) {
            long now = System.nanoTime();
            long s = number(event, "\"seq\":"), t = number(event, "\"body\":\"t=");
            if (s < 0) {
                return;
            }
            int seq = (int) s;
            synchronized (this) {
                if (seen.get(seq)) {
                    duplicates++;
                    return;
                }
                seen.set(seq);
                received++;
                if (seq < highest) {
                    outOfOrder++;
                }
                highest = Math.max(highest, seq);
            }
            if (t >= 0) {
                LATENCIES.add(t, now);
            }
        }

        void send(String frame) {
            long queued = System.nanoTime();
            socket.writeTextMessage(frame).onComplete(done -> {
                SENDS.add(queued, System.nanoTime());
                if (done.failed()) {
                    SEND_ERRORS.incrementAndGet();
                }
            });
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
        }
        // Vert.x's and HttpClient's threads would keep the JVM alive.
        System.exit(0);
    }

    static void run(String[] args) throws Exception {
        String target = args[0];
        List<String> conversations = new ArrayList<>();
        Door door;
        if (target.equals("suite")) {
            String auth = args[1], gateway = args[2];
            List<String[]> users = users(auth);
            List<String> tokens = users.stream().map(u -> u[1]).toList();
            for (int g = 0; g * GROUP < SOCKETS; g++) {
                conversations.add(group(gateway, users.subList(g * GROUP, Math.min(SOCKETS, (g + 1) * GROUP))));
            }
            door = new Suite(tokens, System.getenv().getOrDefault("WS_BASES", gateway.replaceFirst("^http", "ws")));
        } else {
            String run = Long.toString(System.nanoTime(), 36);
            for (int g = 0; g * GROUP < SOCKETS; g++) {
                conversations.add("room-" + run + "-" + g);
            }
            door = new SocketIo(List.of(args[1].split(",")));
        }
        System.out.println("SETUP-DONE " + conversations.size() + " conversations");
        Thread.sleep(HOLD * 1000L);

        List<Receiver> receivers = new ArrayList<>();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        long connectStart = System.nanoTime();
        for (int from = 0; from < SOCKETS; from += BATCH) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(SOCKETS, from + BATCH); i++) {
                Receiver receiver = new Receiver(door, conversations.get(i / GROUP));
                receivers.add(receiver);
                // Connected from an event loop, the socket lives on that loop and the first listener sets its
                // handlers there before it reads a frame (from another thread, a first frame can be lost).
                String url = door.url(i, receiver.conversation);
                io.vertx.core.Context loop = LOOPS[i % LOOPS.length];
                Future<WebSocket> open = Future.future(opened -> loop.runOnContext(
                        v -> WS.connect(new WebSocketConnectOptions().setAbsoluteURI(url)).onSuccess(receiver::attach).onComplete(opened)));
                batch.add(open.toCompletionStage().toCompletableFuture().thenCompose(ws -> receiver.ready).orTimeout(15, TimeUnit.SECONDS).handle((ok, failure) -> {
                            if (failure != null) {
                                Throwable root = failure;
                                while (root.getCause() != null) {
                                    root = root.getCause();
                                }
                                String why = root instanceof UpgradeRejectedException u ? "HTTP " + u.getStatus()
                                        : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage().replaceAll("[0-9a-f-]{36}", "…"));
                                refused.merge(why.length() > 80 ? why.substring(0, 80) : why, 1, Integer::sum);
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        }
        long connected = receivers.stream().filter(r -> r.ready.isDone() && !r.ready.isCompletedExceptionally()).count();
        System.out.printf("CONNECTED %d of %d in %.1f s; refused %s%n", connected, SOCKETS, (System.nanoTime() - connectStart) / 1e9, refused);
        Thread.sleep(HOLD * 1000L);

        if (WARMUP > 0) {
            // Not measured: the client's own receive path (a fresh JVM each run) is compiled before the load counts.
            System.out.println("WARMUP-START");
            load(receivers, door, WARMUP_RATE, WARMUP, "w");
            Thread.sleep(env("WARMUP_PAUSE_SECONDS", 3) * 1000L);
            LATENCIES.reset();
            SENDS.reset();
            ACKS.reset();
        }
        System.out.println("LOAD-START");
        loadStart = System.nanoTime();
        load(receivers, door, RATE, SECONDS, Long.toString(System.nanoTime(), 36));
        System.out.println("LOAD-END");
        Thread.sleep(5_000);

        long expected = 0, delivered = 0, gaps = 0, duplicates = 0, outOfOrder = 0, closed = 0;
        for (Receiver r : receivers) {
            if (!r.ready.isDone() || r.ready.isCompletedExceptionally()) {
                continue;
            }
            closed += r.closed ? 1 : 0;
            BitSet acked = ACKED.getOrDefault(r.conversation, new BitSet());
            synchronized (r) {
                BitSet missing = (BitSet) acked.clone();
                missing.andNot(r.seen);
                expected += acked.cardinality();
                delivered += acked.cardinality() - missing.cardinality();
                gaps += missing.cardinality();
                duplicates += r.duplicates;
                outOfOrder += r.outOfOrder;
            }
        }
        long[] sorted = LATENCIES.all();
        int n = sorted.length;
        // The same percentile without the first 5 s of load: apart from how the load's start is absorbed.
        long[] steady = LATENCIES.sentAfterStart(5_000_000_000L);
        // Send to the sender's own acknowledgement: the post's path to storage and back, without the fan-out.
        long[] acks = ACKS.all();
        System.out.printf(java.util.Locale.ROOT,
                "RESULT target %s sockets %d connected %d sent %d acked %d expected %d delivered %d delivered-pct %.3f out-of-order %d duplicates %d gaps %d "
                        + "p50-ms %.2f p99-ms %.2f max-ms %.2f steady-p99-ms %.2f ack-p50-ms %.2f ack-p99-ms %.2f closed-during-run %d send-errors %d%n",
                target, SOCKETS, connected, SENT_COUNT.get(), ACK_COUNT.get(), expected, delivered, expected == 0 ? 0 : 100.0 * delivered / expected,
                outOfOrder, duplicates, gaps, pct(sorted, 0.50), pct(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1000.0, pct(steady, 0.99), pct(acks, 0.50), pct(acks, 0.99), closed,
                SEND_ERRORS.get());
        timeline();
        // The bench reads the gateway's live heap here, with the sockets still open but the load counted.
        System.out.println("COUNTED");
        Thread.sleep(env("HOLD_AFTER_SECONDS", 0) * 1000L);
        for (Receiver r : receivers) {
            if (r.socket != null) {
                r.socket.close((short) 1000, "done");
            }
        }
        Thread.sleep(500);
    }

    /** Sends {@code rate} frames/s for {@code seconds} from the receivers in turn; returns when the time is up. */
    static void load(List<Receiver> receivers, Door door, int rate, int seconds, String prefix) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long end = System.currentTimeMillis() + seconds * 1000L;
        ticker.scheduleAtFixedRate(() -> {
            if (System.currentTimeMillis() >= end) {
                return;
            }
            for (int attempt = 0; attempt < receivers.size(); attempt++) {
                int k = Math.floorMod(next.getAndIncrement(), receivers.size());
                if (SENDERS_ONE_INSTANCE && k % 2 != (k / GROUP) % 2) {
                    continue;
                }
                Receiver sender = receivers.get(k);
                if (sender.socket != null && sender.ready.isDone() && !sender.ready.isCompletedExceptionally() && !sender.closed) {
                    long n = SENT_COUNT.incrementAndGet();
                    sender.send(door.send(sender.conversation, "t=" + System.nanoTime(), prefix + n));
                    return;
                }
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L);
        ticker.shutdown();
    }

    /** Latency by the slot (TIMELINE_MS, a second by default) of the load its message was sent in: a stall shows where it hit. */
    static void timeline() {
        Map<Long, long[]> sends = SENDS.bySlot(), acks = ACKS.bySlot();
        long[] none = {0};
        LATENCIES.bySlot().forEach((slot, sorted) -> {
            long[] sent = sends.getOrDefault(slot, none), acked = acks.getOrDefault(slot, none);
            System.out.printf(java.util.Locale.ROOT, "TIMELINE slot %d deliveries %d p50-ms %.1f p99-ms %.1f max-ms %.1f client-send-p99-ms %.1f "
                    + "ack-p50-ms %.1f ack-p99-ms %.1f%n", slot, sorted.length, pct(sorted, 0.50), pct(sorted, 0.99), sorted[sorted.length - 1] / 1000.0,
                    pct(sent, 0.99), pct(acked, 0.50), pct(acked, 0.99));
        });
    }

    /** Delays in microseconds, each with the System.nanoTime() its message was sent at; appended from any thread. */
    static final class Samples {
        private final long[] micros;
        private final long[] sentAt;
        private final AtomicInteger count = new AtomicInteger();

        Samples(int capacity) {
            micros = new long[capacity];
            sentAt = new long[capacity];
        }

        void add(long sentNanos, long nowNanos) {
            int i = count.getAndIncrement();
            if (i < micros.length) {
                micros[i] = (nowNanos - sentNanos) / 1000;
                sentAt[i] = sentNanos;
            }
        }

        void reset() {
            count.set(0);
        }

        private int size() {
            return Math.min(count.get(), micros.length);
        }

        /** Every delay, sorted. */
        long[] all() {
            long[] sorted = java.util.Arrays.copyOf(micros, size());
            java.util.Arrays.sort(sorted);
            return sorted;
        }

        /** The delays of messages sent {@code offsetNanos} or more after the load's start, sorted. */
        long[] sentAfterStart(long offsetNanos) {
            return java.util.stream.IntStream.range(0, size()).filter(i -> sentAt[i] - loadStart >= offsetNanos).mapToLong(i -> micros[i]).sorted()
                    .toArray();
        }

        /** The delays by slot of TIMELINE_MS since the load's start, each slot sorted. */
        Map<Long, long[]> bySlot() {
            Map<Long, List<Long>> slots = new java.util.TreeMap<>();
            for (int i = 0; i < size(); i++) {
                slots.computeIfAbsent((sentAt[i] - loadStart) / (TIMELINE_MS * 1_000_000L), k -> new ArrayList<>()).add(micros[i]);
            }
            Map<Long, long[]> sorted = new java.util.TreeMap<>();
            slots.forEach((slot, values) -> sorted.put(slot, values.stream().mapToLong(Long::longValue).sorted().toArray()));
            return sorted;
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1000.0;
    }

    /**
     * SOCKETS users as {id, access token, username}: registered at auth-service (setup, not
     * measured) and logged in there; kept in users.tsv beside the outputs, reused as they are for
     * 10 minutes and logged in again after that, so reruns skip most of the hashing.
     */
    static List<String[]> users(String auth) throws Exception {
        Path cache = Path.of(System.getenv().getOrDefault("USERS_FILE", "bench/realtime/out/users.tsv"));
        List<String[]> cached = Files.exists(cache) ? Files.readAllLines(cache).stream().map(l -> l.split("\t")).filter(u -> u.length == 3).toList() : List.of();
        boolean fresh = Files.exists(cache) && System.currentTimeMillis() - Files.getLastModifiedTime(cache).toMillis() < 600_000;
        if (cached.size() >= SOCKETS && fresh) {
            return cached.subList(0, SOCKETS);
        }
        boolean known = cached.size() >= SOCKETS;
        String prefix = "rt" + Long.toString(System.nanoTime(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<CompletableFuture<String[]>> all = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            String name = known ? cached.get(i)[2] : prefix + i;
            String knownId = known ? cached.get(i)[0] : null;
            all.add(CompletableFuture.supplyAsync(() -> {
                try {
                    // Accounts outlive a run; their tokens (15 min) do not: log them in again.
                    String id = knownId != null ? knownId : find(ID, post(auth + "/api/auth/register", null, "{\"email\":\"" + name
                            + "@example.test\",\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}"));
                    String tokens = post(auth + "/api/auth/login", null, "{\"identifier\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
                    return new String[] { id, find(TOKEN, tokens), name };
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        List<String[]> users = all.stream().map(CompletableFuture::join).toList();
        pool.shutdown();
        Files.createDirectories(cache.getParent());
        Files.write(cache, users.stream().map(u -> String.join("\t", u)).toList());
        return users;
    }

    static String group(String gateway, List<String[]> members) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (String[] m : members.subList(1, members.size())) {
            ids.append(ids.length() == 0 ? "" : ",").append('"').append(m[0]).append('"');
        }
        String body = "{\"type\":\"group\",\"title\":\"rt\",\"participantIds\":[" + ids + "]}";
        for (int attempt = 0;; attempt++) {
            String answer = post(gateway + "/api/conversations", members.get(0)[1], body);
            if (answer.contains("\"id\"")) {
                return find(ID, answer);
            }
            if (attempt == 5) {
                throw new IllegalStateException("group: " + answer);
            }
            Thread.sleep(1000);
        }
    }

    static String post(String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@link #text}, for set-up answers that must hold the field. */
    static String find(String prefix, String json) {
        String value = text(json, prefix);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("not found in " + json);
        }
        return value;
    }

    /** The string after the first {@code prefix} (which ends with a quote) up to the next quote; null when absent. */
    static String text(String json, String prefix) {
        int from = json.indexOf(prefix);
        if (from < 0) {
            return null;
        }
        from += prefix.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    /** The decimal digits right after the first {@code prefix}; -1 when absent. (No regex: this runs per delivery in the client.) */
    static long number(String json, String prefix) {
        int i = json.indexOf(prefix);
        if (i < 0) {
            return -1;
        }
        i += prefix.length();
        long v = 0;
        int start = i;
        for (char c; i < json.length() && (c = json.charAt(i)) >= '0' && c <= '9'; i++) {
            v = v * 10 + (c - '0');
        }
        return i == start ? -1 : v;
    }

    static int env(String name, int fallback) {
        return Integer.parseInt(System.getenv().getOrDefault(name, Integer.toString(fallback)));
    }
}
