import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fan-out across messaging instances: USERS real users (registered through auth-service), one
 * WebSocket each, spread over the instances; groups of GROUP users; every connection sends at
 * RATE/USERS messages per second for SECONDS. Each message carries its send time; every
 * receiver records the delay of its message.created. Reports delivery latency percentiles and
 * the fraction delivered.
 * usage: java FanOut.java <auth-url> <users> <group> <rate-per-second> <seconds> <messaging-url>...
 */
public class FanOut {

    static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final Pattern SENT = Pattern.compile("\"body\":\"t=(\\d+)\"");

    record User(String id, String token) {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            // The HttpClient's threads would keep a failed run alive.
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        String auth = args[0];
        int users = Integer.parseInt(args[1]), group = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        int seconds = Integer.parseInt(args[4]);
        List<String> instances = Arrays.asList(args).subList(5, args.length);
        String prefix = "fan" + Long.toString(System.nanoTime(), 36);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<User>> registering = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String name = prefix + i;
            registering.add(CompletableFuture.supplyAsync(() -> register(auth, name), pool));
        }
        List<User> all = registering.stream().map(CompletableFuture::join).toList();
        System.out.println("registered " + all.size());

        List<String> conversations = new ArrayList<>();
        Map<Integer, String> conversationOf = new ConcurrentHashMap<>();
        for (int g = 0; g * group < users; g++) {
            List<User> members = all.subList(g * group, Math.min(users, (g + 1) * group));
            StringBuilder ids = new StringBuilder();
            for (User m : members.subList(1, members.size())) {
                ids.append(ids.length() == 0 ? "" : ",").append('"').append(m.id()).append('"');
            }
            String body = "{\"type\":\"group\",\"title\":\"fan " + g + "\",\"participantIds\":[" + ids + "]}";
            String conversation = null;
            for (int attempt = 0; conversation == null; attempt++) {
                String answer = post(instances.get(0) + "/api/conversations", members.get(0).token(), body);
                if (answer.contains("\"id\"")) {
                    conversation = id(answer);
                } else if (attempt >= 5) {
                    throw new IllegalStateException("group " + g + ": " + answer);
                } else {
                    System.out.println("retrying group " + g + ": " + answer);
                    Thread.sleep(1000);
                }
            }
            conversations.add(conversation);
            for (int i = g * group; i < Math.min(users, (g + 1) * group); i++) {
                conversationOf.put(i, conversation);
            }
        }

        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        AtomicLong received = new AtomicLong();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String base = instances.get(i % instances.size()).replaceFirst("^http", "ws");
            for (int attempt = 1;; attempt++) {
                try {
                    sockets.add(connect(base + "/ws?token=" + all.get(i).token(), delays, received));
                    break;
                } catch (Exception e) {
                    if (attempt == 5) {
                        throw e;
                    }
                    Thread.sleep(200L * attempt);
                }
            }
            if (i % 50 == 49) {
                Thread.sleep(100);
            }
        }
        System.out.println("connected " + sockets.size());
        Thread.sleep(2000);

        // A warm-up at half the rate, not counted: both instances are cold JVMs until then, and
        // after a fifth of the rate for 10 s the JIT was still compiling (11 % of the CPU) in the run.
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP_SECONDS", "20"));
        if (warmup > 0) {
            blast(sockets, conversationOf, users, rate / 2, warmup, new AtomicInteger(), "w");
            Thread.sleep(3000);
            delays.clear();
            received.set(0);
            System.out.println("warmed up " + warmup + " s");
        }
        AtomicInteger sent = new AtomicInteger();
        measureStart = System.currentTimeMillis();
        blast(sockets, conversationOf, users, rate, seconds, sent, "c");

        long expected = (long) sent.get() * group;
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("RESULT sent %d expected %d received %d fraction %.4f p50-ms %.2f p99-ms %.2f max-ms %.2f connections %d%n",
                sent.get(), expected, received.get(), received.get() / (double) expected,
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, sockets.size());
        // Per second of the measured run: the worst delivery and how many took over 50 ms, to lay
        // beside GC logs (-Xlog:gc:...:time) of the instances and of this generator.
        StringBuilder timeline = new StringBuilder("TIMELINE start-epoch-ms " + measureStart + " second:worst-ms/over-50ms");
        for (int i = 0; i < seconds + 5; i++) {
            timeline.append(' ').append(i).append(':').append(worst.get(i) / 1_000_000).append('/').append(slow.get(i));
        }
        System.out.println(timeline);
        System.out.println("IDLE connections open; measure memory now");
        if (System.getenv("HOLD_SECONDS") != null) {
            Thread.sleep(Long.parseLong(System.getenv("HOLD_SECONDS")) * 1000);
        }
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        System.exit(0);
    }

    /** Sends {@code rate} frames a second for {@code seconds}, from the users in turn, then waits 5 s for deliveries. */
    static void blast(List<WebSocket> sockets, Map<Integer, String> conversationOf, int users, double rate, int seconds, AtomicInteger sent,
            String idPrefix) throws InterruptedException {
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
        long periodMicros = (long) (1_000_000 / rate);
        AtomicInteger next = new AtomicInteger();
        long end = System.currentTimeMillis() + seconds * 1000L;
        ticker.scheduleAtFixedRate(() -> {
            if (System.currentTimeMillis() >= end) {
                return;
            }
            int i = Math.floorMod(next.getAndIncrement(), users);
            String frame = "{\"type\":\"send\",\"conversationId\":\"" + conversationOf.get(i) + "\",\"body\":\"t=" + System.nanoTime()
                    + "\",\"clientMessageId\":\"" + idPrefix + sent.incrementAndGet() + "\"}";
            synchronized (sockets.get(i)) {
                sockets.get(i).sendText(frame, true).join();
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L + 5000);
        ticker.shutdownNow();
    }

    static volatile long measureStart;
    static final java.util.concurrent.atomic.AtomicLongArray worst = new java.util.concurrent.atomic.AtomicLongArray(600);
    static final java.util.concurrent.atomic.AtomicLongArray slow = new java.util.concurrent.atomic.AtomicLongArray(600);

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    static WebSocket connect(String url, ConcurrentLinkedQueue<Long> delays, AtomicLong received) throws Exception {
        StringBuilder partial = new StringBuilder();
        return HTTP.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    if (frame.startsWith("{\"type\":\"message.created\"")) {
                        Matcher m = SENT.matcher(frame);
                        if (m.find()) {
                            long delay = System.nanoTime() - Long.parseLong(m.group(1));
                            delays.add(delay);
                            if (measureStart > 0) {
                                int second = (int) Math.min(worst.length() - 1, Math.max(0, (System.currentTimeMillis() - measureStart) / 1000));
                                worst.accumulateAndGet(second, delay, Math::max);
                                if (delay > 50_000_000L) {
                                    slow.incrementAndGet(second);
                                }
                            }
                            received.incrementAndGet();
                        }
                    }
                }
                ws.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
    }

    static User register(String auth, String name) {
        try {
            post(auth + "/api/auth/register", null, "{\"email\":\"" + name + "@example.test\",\"username\":\"" + name
                    + "\",\"password\":\"fan-out benchmark pw\"}");
            String tokens = post(auth + "/api/auth/login", null, "{\"identifier\":\"" + name + "\",\"password\":\"fan-out benchmark pw\"}");
            Matcher t = TOKEN.matcher(tokens);
            t.find();
            String token = t.group(1);
            String me = HTTP.send(HttpRequest.newBuilder(URI.create(auth + "/api/auth/me")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return new User(id(me), token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
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

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
