package dev.chatsuite.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./suite up}: brings up PostgreSQL, Redis and S3 (configured, local or embedded), then
 * the four services, waits until all are ready, prints the URLs, and on Ctrl-C or SIGTERM
 * ({@code ./suite down}) stops everything it started, in reverse order.
 */
public final class Suite {

    /**
     * Small-footprint defaults for a laptop; SUITE_JAVA_OPTS replaces them. A small initial heap
     * keeps SerialGC's young generation, and so idle RSS, small. A class-data archive (see
     * {@link ClassDataArchive}) is added unless SUITE_CDS=off. Figures: docs/benchmarks.md, Start-up.
     */
    static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -Xms16m -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=64m";
    /**
     * G1 for auth-service: each login allocates a 19 MiB Argon2 array, which SerialGC promotes and
     * collects with full GCs under login load; G1 frees such humongous regions at a young pause.
     * See docs/decisions.md.
     */
    static final String AUTH_JVM_OPTIONS = DEFAULT_JVM_OPTIONS.replace("-XX:+UseSerialGC", "-XX:+UseG1GC");
    /**
     * G1 with a 50 ms pause goal for messaging-service: each run of sockets promotes its sessions,
     * and SerialGC's full collections of that old generation (0.3–0.9 s) set the delivery p99.
     * See docs/decisions.md.
     */
    static final String MESSAGING_JVM_OPTIONS = withRealtimeHeap(AUTH_JVM_OPTIONS + " -XX:MaxGCPauseMillis=50");
    /**
     * The gateway relays every frame of every socket: like messaging, it gets the real-time heap.
     */
    static final String GATEWAY_JVM_OPTIONS = withRealtimeHeap(DEFAULT_JVM_OPTIONS);
    /**
     * The two real-time services start with a 256 MB heap and may grow to 512 MB: from 16 MB, G1
     * kept messaging's eden at 8 MB under load (a young pause every few hundred ms, a marking cycle
     * after another), and SerialGC grew the gateway's old generation by full collections.
     * Figures: docs/benchmarks.md, real-time; why: docs/decisions.md.
     */
    static String withRealtimeHeap(String options) {
        return options.replace("-Xms16m", "-Xms256m").replace("-Xmx256m", "-Xmx512m");
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final List<AutoCloseable> backends = new ArrayList<>();
    private ClassDataArchive archives;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Path root;
    private final Path dataDir;
    private final Path readyMarker;

    private Suite(Path root, Path dataDir) {
        this.root = root;
        this.dataDir = dataDir;
        this.readyMarker = dataDir.resolve("run/ready");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path dataDir = Path.of(env.getOrDefault("DATA_DIR", root.resolve("data").toString())).toAbsolutePath().normalize();
        Suite suite = new Suite(root, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "suite-shutdown"));
        try {
            suite.up(env);
        } catch (Exception e) {
            System.err.println("suite: " + e.getMessage());
            System.exit(1);
        }
        Thread.currentThread().join();
    }

    private void up(Map<String, String> env) throws Exception {
        Files.createDirectories(dataDir.resolve("run"));
        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        Files.deleteIfExists(readyMarker);
        int messagingInstances = Integer.parseInt(env.getOrDefault("MESSAGING_INSTANCES", "1"));
        List<Integer> messagingPorts = new ArrayList<>();
        for (int i = 0; i < messagingInstances; i++) {
            messagingPorts.add(i == 0 ? 8082 : 8082 + 2 * i);
        }
        int gatewayManagement = Integer.parseInt(env.getOrDefault("GATEWAY_MANAGEMENT_PORT", "9080"));
        List<Integer> ports = new ArrayList<>(List.of(8080, 8081, 8083, gatewayManagement));
        ports.addAll(messagingPorts);
        for (int port : ports) {
            if (Ports.answers("127.0.0.1", port)) {
                throw new IllegalStateException("port " + port + " is already in use (is the suite running? ./suite status)");
            }
        }

        LocalSecrets secrets = new LocalSecrets(dataDir);
        Postgres postgres = Postgres.resolve(env, dataDir);
        backends.add(postgres);
        System.out.println("suite: using " + postgres.describe());
        Postgres.Settings settings = postgres.prepare(List.of("auth", "messaging", "media"));
        if (settings.warning() != null) {
            System.out.println("suite: warning: " + settings.warning());
        }
        // auth, media and each messaging instance hold a pool each.
        int pooled = 2 + messagingInstances;
        int pool = settings.connections().poolSize(env, pooled);
        String tooMany = settings.connections().warning(pooled, pool);
        if (tooMany != null) {
            System.out.println("suite: warning: " + tooMany);
        } else if (pool < ConnectionBudget.DEFAULT_POOL && !ConnectionBudget.given(env)) {
            System.out.println("suite: database pools of " + pool + " connections per service, so that all " + pooled
                    + " fit in PostgreSQL's max_connections");
        }
        Redis redis = Redis.resolve(env);
        backends.add(redis);
        System.out.println("suite: using " + redis.describe());

        Map<String, String> shared = new HashMap<>(env);
        shared.put("DATA_DIR", dataDir.toString());
        shared.put("DB_HOST", postgres.host);
        shared.put("DB_PORT", Integer.toString(postgres.port));
        shared.put("DB_USER", postgres.user);
        shared.put("DB_PASSWORD", postgres.password);
        shared.put("DB_POOL_SIZE", Integer.toString(pool));
        shared.put("REDIS_URL", redis.url);
        shared.putIfAbsent("MEDIA_SIGNING_SECRET", secrets.get("media-signing-secret"));
        // The services run in the prod profile, which needs every secret set (no local defaults).
        if (!env.containsKey("JWT_PRIVATE_KEY_FILE")) {
            shared.put("JWT_PRIVATE_KEY_FILE", secrets.signingKey("jwt-signing-key.pem").toString());
            shared.put("JWT_KEY_ID", "local-1");
        }
        shared.putIfAbsent("AUTH_ADMIN_BOOTSTRAP_SECRET", secrets.get("admin-bootstrap-secret"));
        if (!env.containsKey("S3_ENDPOINT")) {
            String bucket = env.getOrDefault("S3_BUCKET", "chat-media");
            String accessKey = secrets.get("s3-access-key");
            String secretKey = secrets.get("s3-secret-key");
            LocalS3 s3 = LocalS3.start(dataDir, bucket, accessKey, secretKey);
            backends.add(s3);
            System.out.println("suite: using local S3 (S3Proxy) at " + s3.endpoint + " (data under data/s3)");
            shared.put("S3_ENDPOINT", s3.endpoint);
            shared.put("S3_BUCKET", bucket);
            shared.put("S3_ACCESS_KEY", accessKey);
            shared.put("S3_SECRET_KEY", secretKey);
        } else {
            System.out.println("suite: using configured S3 at " + env.get("S3_ENDPOINT"));
        }
        shared.put("AUTH_URL", "http://127.0.0.1:8081");
        shared.put("MEDIA_URL", "http://127.0.0.1:8083");
        shared.put("MESSAGING_URL", String.join(",", messagingPorts.stream().map(p -> "http://127.0.0.1:" + p).toList()));
        shared.putIfAbsent("JWKS_URL", "http://127.0.0.1:8081/.well-known/jwks.json");
        shared.putIfAbsent("PUBLIC_URL", "http://localhost:8080");
        shared.putIfAbsent("MAIL_MODE", "log");

        List<String> jvm = jvmOptions(env, DEFAULT_JVM_OPTIONS);
        List<String> authJvm = jvmOptions(env, AUTH_JVM_OPTIONS);
        List<String> messagingJvm = jvmOptions(env, MESSAGING_JVM_OPTIONS);
        List<String> gatewayJvm = jvmOptions(env, GATEWAY_JVM_OPTIONS);
        archives = "off".equals(env.get("SUITE_CDS")) ? null : new ClassDataArchive(dataDir.resolve("cds"));
        start("auth-service", 8081, 8081, "auth", shared, authJvm, logs);
        start("media-service", 8083, 8083, "media", shared, jvm, logs);
        for (int i = 0; i < messagingPorts.size(); i++) {
            int port = messagingPorts.get(i);
            start(i == 0 ? "messaging-service" : "messaging-service-" + (i + 1), port, port, "messaging", shared, messagingJvm, logs);
        }
        // The gateway serves /q/health (and metrics, OpenAPI) on its management port only.
        Map<String, String> gatewayEnv = new HashMap<>(shared);
        gatewayEnv.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(gatewayManagement));
        start("gateway", 8080, gatewayManagement, null, gatewayEnv, gatewayJvm, logs);

        for (ServiceProcess service : services) {
            if (!service.awaitReady(READY_TIMEOUT)) {
                throw new IllegalStateException(service.name + " did not become ready; see " + service.log);
            }
        }
        StringBuilder pids = new StringBuilder();
        for (ServiceProcess service : services) {
            pids.append(service.name).append(' ').append(service.pid()).append(' ').append(service.port).append(' ').append(service.healthPort)
                    .append('\n');
        }
        Files.writeString(dataDir.resolve("run/services"), pids, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("suite: all services are ready");
        System.out.println("  app (gateway)      http://localhost:8080");
        for (ServiceProcess service : services) {
            System.out.printf("  %-18s %s   (log: %s)%n", service.name, service.url(), root.relativize(service.log));
        }
        System.out.println("  gateway health     http://localhost:" + gatewayManagement + "/q/health/ready   (its management port: also /q/metrics, /q/openapi)");
        System.out.println("Stop with Ctrl-C (or ./suite down).");
        Files.writeString(readyMarker, "ready\n", StandardCharsets.UTF_8);
    }

    /** Quarkus's setting of a service's Vert.x event-loop threads. */
    static final String EVENT_LOOPS_VARIABLE = "QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE";

    /**
     * Event loops of the gateway and each messaging instance: that setting when given, else
     * SUITE_EVENT_LOOPS, else one. They share one machine, where Vert.x would give each twice its
     * cores. auth-service and media-service keep Vert.x's default: with one loop, /me answered
     * slower while logins filled the hashing pool.
     */
    static String eventLoops(Map<String, String> env) {
        return env.getOrDefault(EVENT_LOOPS_VARIABLE, env.getOrDefault("SUITE_EVENT_LOOPS", "1"));
    }

    /** The services on the real-time path, whose loops {@link #eventLoops} sets. */
    static boolean onRealTimePath(String name) {
        return name.equals("gateway") || name.startsWith("messaging-service");
    }

    /**
     * SUITE_JAVA_OPTS when set, else the service's defaults, then SUITE_JAVA_OPTS_APPEND (as
     * JAVA_OPTS_APPEND in the images: a GC log or an agent without restating the defaults),
     * split into arguments.
     */
    static List<String> jvmOptions(Map<String, String> env, String defaults) {
        String options = env.getOrDefault("SUITE_JAVA_OPTS", defaults) + " " + env.getOrDefault("SUITE_JAVA_OPTS_APPEND", "");
        return Arrays.asList(options.trim().split("\\s+"));
    }

    private void start(String name, int port, int healthPort, String database, Map<String, String> shared, List<String> jvm, Path logs)
            throws Exception {
        String module = name.startsWith("messaging-service") ? "messaging-service" : name;
        Map<String, String> env = new HashMap<>(shared);
        if (database != null) {
            env.put("DB_NAME", database);
        }
        if (onRealTimePath(name)) {
            env.put(EVENT_LOOPS_VARIABLE, eventLoops(shared));
        }
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        List<String> options = new ArrayList<>(jvm);
        if (archives != null && Files.exists(jar)) {
            options.addAll(archives.options(name, jar));
        }
        services.add(ServiceProcess.start(name, jar, port, healthPort, env, options, logs));
    }

    private synchronized void stopAll() {
        try {
            Files.deleteIfExists(readyMarker);
            Files.deleteIfExists(dataDir.resolve("run/services"));
        } catch (Exception ignored) {
            // Best effort: the markers only help ./suite status.
        }
        List<ServiceProcess> reversed = new ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        for (ServiceProcess service : reversed) {
            try {
                service.stop(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        List<AutoCloseable> backendsReversed = new ArrayList<>(backends);
        java.util.Collections.reverse(backendsReversed);
        for (AutoCloseable backend : backendsReversed) {
            try {
                backend.close();
            } catch (Exception e) {
                System.err.println("suite: stopping a backend failed: " + e.getMessage());
            }
        }
        backends.clear();
        System.out.println("suite: stopped");
    }
}
