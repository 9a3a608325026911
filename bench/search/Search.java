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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search latency through the gateway, for bench.sh.
 *
 * <p>{@code setup AUTH GATEWAY OUT}: registers SEARCHERS users who search and FRIENDS who only
 * take part (at auth-service, not measured), then each searcher creates its 50 conversations
 * through the gateway: a direct one with each of the first DIRECTS friends, groups with two
 * friends for the rest. Writes OUT/users.tsv (role, id, username) and OUT/conversations.tsv
 * (searcher id, conversation id).
 *
 * <p>{@code measure AUTH GATEWAY OUT LABEL}: logs the searchers in, searches from CLIENTS
 * concurrent clients for WARMUP_SECONDS (not timed: the JIT needs a minute of load on two shared
 * cores), then sends REQUESTS one after another and REQUESTS spread over CLIENTS concurrent
 * clients. Request k asks query k mod |queries| as searcher (k / |queries|) mod SEARCHERS, with
 * {@code limit=LIMIT} (the SPA asks 20). Every answer must be 200, and every message in it must
 * belong to a conversation of the searcher who asked; the no-match query must find nothing.
 * Prints one RESULT line per mode and one QUERY line per query and mode; with SUITE_PIDS
 * ("gateway:123 messaging:456") also the CPU time each of them, every PostgreSQL process and this
 * client used per request in that mode (from /proc; other work on the box counts too).
 */
public class Search {

    static final int SEARCHERS = env("SEARCHERS", 8), FRIENDS = env("FRIENDS", 6), CONVERSATIONS = env("CONVERSATIONS_PER_USER", 50),
            DIRECTS = env("DIRECTS", 5), WARMUP_SECONDS = env("WARMUP_SECONDS", 60), REQUESTS = env("REQUESTS", 500), CLIENTS = env("CLIENTS", 4),
            LIMIT = env("LIMIT", 20);
    static final String PASSWORD = "search benchmark password";
    static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");
    static final Pattern CONVERSATION = Pattern.compile("\"conversationId\":\"([^\"]+)\"");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4)).build();

    /** The mix: name and query text (websearch syntax). The last one matches nothing. */
    static final String[][] QUERIES = {
            { "common word", "meeting" },
            { "stem of a rarer word", "deployed" },
            { "two words", "lunch tomorrow" },
            { "phrase", "\"release notes\"" },
            { "rare word", "zeppelin" },
            { "no match", "xylophone" } };

    record User(String id, String name, String token, Set<String> conversations) {
    }

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            status = switch (args[0]) {
                case "setup" -> setup(args[1], args[2], Path.of(args[3]));
                case "measure" -> measure(args[1], args[2], Path.of(args[3]), args[4]);
                default -> throw new IllegalArgumentException("usage: setup AUTH GATEWAY OUT | measure AUTH GATEWAY OUT LABEL");
            };
        } catch (Exception e) {
            e.printStackTrace();
        }
        // The HttpClient's threads would keep the JVM alive.
        System.exit(status);
    }

    static int setup(String auth, String gateway, Path out) throws Exception {
        String run = "sb" + Long.toString(System.currentTimeMillis(), 36);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String[]>> registered = new ArrayList<>();
        for (int i = 0; i < SEARCHERS + FRIENDS; i++) {
            String role = i < SEARCHERS ? "searcher" : "friend", name = run + (i < SEARCHERS ? "s" + i : "f" + (i - SEARCHERS));
            registered.add(pool.submit(() -> {
                String answer = call("POST", auth + "/api/auth/register", null,
                        "{\"email\":\"" + name + "@example.test\",\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", 201);
                return new String[] { role, find(ID, answer), name };
            }));
        }
        List<String[]> users = new ArrayList<>();
        for (Future<String[]> f : registered) {
            users.add(f.get());
        }
        pool.shutdown();
        Files.createDirectories(out);
        Files.write(out.resolve("users.tsv"), users.stream().map(u -> String.join("\t", u)).toList());
        List<String[]> friends = users.subList(SEARCHERS, users.size());
        List<String> rows = new ArrayList<>();
        for (String[] searcher : users.subList(0, SEARCHERS)) {
            String token = login(auth, searcher[2]);
            for (int c = 0; c < CONVERSATIONS; c++) {
                String body;
                if (c < DIRECTS) {
                    body = "{\"type\":\"direct\",\"participantId\":\"" + friends.get(c % friends.size())[1] + "\"}";
                } else {
                    String a = friends.get(c % friends.size())[1], b = friends.get((c + 1 + (c / friends.size()) % (friends.size() - 1)) % friends.size())[1];
                    body = "{\"type\":\"group\",\"title\":\"team " + c + "\",\"participantIds\":[\"" + a + "\",\"" + b + "\"]}";
                }
                rows.add(searcher[1] + "\t" + find(ID, call("POST", gateway + "/api/conversations", token, body, 201)));
            }
        }
        Files.write(out.resolve("conversations.tsv"), rows);
        System.out.println("SETUP-DONE " + users.size() + " users, " + rows.size() + " conversations");
        return 0;
    }

    static int measure(String auth, String gateway, Path out, String label) throws Exception {
        Map<String, Set<String>> mine = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("conversations.tsv"))) {
            String[] f = line.split("\t");
            mine.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
        }
        List<User> searchers = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("users.tsv"))) {
            String[] f = line.split("\t");
            if (f[0].equals("searcher")) {
                searchers.add(new User(f[1], f[2], login(auth, f[2]), mine.get(f[1])));
            }
        }
        Run warm = new Run(gateway, searchers, 1_000_000, System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L);
        warm.concurrent(CLIENTS);
        int failures = warm.failures();
        for (String mode : List.of("sequential", "concurrent")) {
            Run run = new Run(gateway, searchers, REQUESTS, 0);
            Map<String, Long> from = cpu();
            long start = System.nanoTime();
            if (mode.equals("sequential")) {
                run.sequential();
            } else {
                run.concurrent(CLIENTS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> after = cpu();
            failures += run.failures();
            String name = mode + (mode.equals("concurrent") ? "-" + CLIENTS : "");
            run.print(label, name, seconds);
            StringBuilder line = new StringBuilder("CPU size " + label + " mode " + name);
            long ours = 0;
            for (var e : after.entrySet()) {
                long used = e.getValue() - from.getOrDefault(e.getKey(), 0L);
                if (!e.getKey().equals("box")) {
                    ours += used;
                    line.append(String.format(Locale.ROOT, " %s-ms-per-request %.2f", e.getKey(), used * 1000.0 / TICKS / REQUESTS));
                }
            }
            // What the box was busy with besides the suite, PostgreSQL and this client, as a share of all cores.
            long box = after.getOrDefault("box", 0L) - from.getOrDefault("box", 0L);
            line.append(String.format(Locale.ROOT, " others-pct %.0f", Math.max(0, box - ours) * 100.0 / (seconds * TICKS * Runtime.getRuntime().availableProcessors())));
            System.out.println(line);
        }
        System.out.println("WARMUP requests " + Math.min(warm.next.get(), warm.requests) + " failures " + warm.failures() + " " + warm.problems);
        return failures == 0 ? 0 : 2;
    }

    /** One series of searches: latencies per query, and everything that was wrong. */
    static final class Run {
        final String gateway;
        final List<User> searchers;
        final int requests;
        /** System.nanoTime() after which no request starts; 0 for none. */
        final long deadline;
        final long[] micros;
        final int[] query;
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong non200 = new AtomicLong(), foreign = new AtomicLong(), unexpected = new AtomicLong();
        final long[] items = new long[QUERIES.length];
        final Map<String, Integer> problems = new ConcurrentHashMap<>();

        Run(String gateway, List<User> searchers, int requests, long deadline) {
            this.gateway = gateway;
            this.searchers = searchers;
            this.requests = requests;
            this.deadline = deadline;
            this.micros = new long[requests];
            this.query = new int[requests];
        }

        void sequential() {
            for (int k; (deadline == 0 || System.nanoTime() < deadline) && (k = next.getAndIncrement()) < requests;) {
                one(k);
            }
        }

        void concurrent(int clients) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> all = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                all.add(pool.submit(this::sequential));
            }
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
        }

        void one(int k) {
            int q = k % QUERIES.length;
            User user = searchers.get((k / QUERIES.length) % searchers.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/search/messages?limit=" + LIMIT + "&q="
                    + URLEncoder.encode(QUERIES[q][1], StandardCharsets.UTF_8))).header("Authorization", "Bearer " + user.token())
                    .timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                micros[k] = (System.nanoTime() - start) / 1000;
                query[k] = q;
                non200.incrementAndGet();
                problems.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                return;
            }
            micros[k] = (System.nanoTime() - start) / 1000;
            query[k] = q;
            if (response.statusCode() != 200) {
                non200.incrementAndGet();
                problems.merge("HTTP " + response.statusCode(), 1, Integer::sum);
                return;
            }
            String body = response.body();
            if (!body.contains("\"items\":[")) {
                unexpected.incrementAndGet();
                problems.merge("no items", 1, Integer::sum);
                return;
            }
            Matcher m = CONVERSATION.matcher(body);
            int found = 0;
            while (m.find()) {
                found++;
                if (!user.conversations().contains(m.group(1))) {
                    foreign.incrementAndGet();
                }
            }
            synchronized (items) {
                items[q] += found;
            }
            if (q == QUERIES.length - 1 && found > 0) {
                unexpected.incrementAndGet();
                problems.merge("no-match query found messages", 1, Integer::sum);
            }
        }

        int failures() {
            return (int) (non200.get() + foreign.get() + unexpected.get());
        }

        void print(String label, String mode, double seconds) {
            System.out.printf(Locale.ROOT, "RESULT size %s mode %s requests %d non-200 %d foreign %d unexpected %d p50-ms %.2f p95-ms %.2f p99-ms %.2f max-ms %.2f req/s %.1f problems %s%n",
                    label, mode, requests, non200.get(), foreign.get(), unexpected.get(), pct(micros, 0.50), pct(micros, 0.95), pct(micros, 0.99),
                    pct(micros, 1.0), requests / seconds, problems.isEmpty() ? "none" : problems.toString().replace(' ', '_'));
            for (int q = 0; q < QUERIES.length; q++) {
                int n = 0;
                long[] these = new long[requests];
                for (int k = 0; k < requests; k++) {
                    if (query[k] == q) {
                        these[n++] = micros[k];
                    }
                }
                these = Arrays.copyOf(these, n);
                System.out.printf(Locale.ROOT, "QUERY size %s mode %s name %s q %s requests %d items-per-answer %.1f p50-ms %.2f p95-ms %.2f p99-ms %.2f max-ms %.2f%n",
                        label, mode, QUERIES[q][0].replace(' ', '_'), QUERIES[q][1].replace(' ', '_'), n, n == 0 ? 0.0 : (double) items[q] / n,
                        pct(these, 0.50), pct(these, 0.95), pct(these, 0.99), pct(these, 1.0));
            }
        }
    }

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    static final int TICKS = env("CLOCK_TICKS", 100);

    /** CPU ticks used so far by each process of SUITE_PIDS, by all PostgreSQL processes together, and by this client. */
    static Map<String, Long> cpu() {
        Map<String, Long> ticks = new java.util.LinkedHashMap<>();
        String pids = System.getenv("SUITE_PIDS");
        if (pids == null || pids.isBlank()) {
            return ticks;
        }
        for (String entry : pids.trim().split("\\s+")) {
            String[] f = entry.split(":");
            ticks.put(f[0], ticksOf(Path.of("/proc", f[1])));
        }
        long postgres = 0;
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    if (Files.readString(dir.resolve("comm")).strip().equals("postgres")) {
                        postgres += ticksOf(dir);
                    }
                } catch (Exception gone) {
                    // the process ended while listing
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ticks.put("postgresql", postgres);
        ticks.put("client", ticksOf(Path.of("/proc/self")));
        try {
            // The first line of /proc/stat: user nice system idle iowait irq softirq steal ...; busy is all but idle and iowait.
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8; i++) {
                busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
            }
            ticks.put("box", busy);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ticks;
    }

    /** utime + stime of a process, in clock ticks (0 when it is gone). */
    static long ticksOf(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception gone) {
            return 0;
        }
    }

    /** The nearest-rank percentile, in milliseconds. */
    static double pct(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }

    static String login(String auth, String name) throws Exception {
        return find(TOKEN, call("POST", auth + "/api/auth/login", null, "{\"identifier\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", 200));
    }

    static String call(String method, String url, String token, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("not in answer: " + p + " in " + s);
        }
        return m.group(1);
    }

    static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : Integer.parseInt(v);
    }
}
