package dev.chatsuite.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.chatsuite.testsupport.PostgresDatabases;
import dev.chatsuite.testsupport.S3ProxyTestResource;
import dev.chatsuite.testsupport.TcpProxy;
import dev.chatsuite.testsupport.TestEnvironment;

/**
 * Starts the suite once per test run: S3Proxy in-process, then the four packaged services as
 * separate {@code java -jar} processes on free ports, wired to each other like the launcher
 * wires them, against the machine's PostgreSQL (databases {@code *_system}) and Redis. Each
 * service's output goes to {@code target/system-logs/<service>.log}. Stopped when the run ends.
 */
public final class RunningSuite implements BeforeAllCallback {

    /** Two messaging instances on one database and Redis, so fan-out across instances is exercised. */
    private static final List<String> SERVICES = List.of("auth-service", "media-service", "messaging-service", "messaging-service-2", "gateway");
    private static final String SIGNING_SECRET = "system-test-media-signing-secret-0123456789";
    private static volatile Started started;
    /** How each service process was started, so a test can kill one and start it again. */
    private static final Map<String, ProcessBuilder> BUILDERS = new ConcurrentHashMap<>();

    /** The gateway's base URL, the only address journeys talk to. */
    public static String gateway() {
        return started.urls().get("gateway");
    }

    /**
     * The public origin browsers use: a TCP proxy in front of the gateway, which tests cut to
     * drop every browser connection at once (PUBLIC_URL points here, as it would at a load balancer).
     */
    public static String publicUrl() {
        return "http://127.0.0.1:" + started.browserProxy().port();
    }

    public static TcpProxy browserProxy() {
        return started.browserProxy();
    }

    public static String url(String service) {
        return started.urls().get(service);
    }

    /** Where a service serves /q/health, /q/metrics and /q/openapi: its own URL, or its management port (the gateway's). */
    public static String operationsUrl(String service) {
        return operationsUrl(started.urls(), service);
    }

    static String operationsUrl(Map<String, String> urls, String service) {
        return urls.getOrDefault(service + "-management", urls.get(service));
    }

    /** The log file of a service of the running suite. */
    public static Path log(String service) {
        return Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize()
                .resolve("system-tests/target/system-logs/" + service + ".log");
    }

    /** The first line after byte {@code from} of {@code log} that contains {@code text}, waited for up to 20 s. */
    public static String awaitLogLine(Path log, long from, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String tail = Files.readString(log, StandardCharsets.ISO_8859_1);
            int at = tail.indexOf(text, (int) Math.min(from, tail.length()));
            if (at >= 0) {
                int end = tail.indexOf('\n', at);
                return tail.substring(tail.lastIndexOf('\n', at) + 1, end < 0 ? tail.length() : end);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no line with '" + text + "' in " + log + " within 20 s");
    }

    /** The TCP proxy between every service and {@code postgres}, {@code redis} or {@code s3}: cut it to take that dependency away. */
    public static TcpProxy dependency(String name) {
        return started.dependencies().get(name);
    }

    /** The running process of {@code service} (e.g. {@code gateway}, {@code messaging-service-2}). */
    public static Process process(String service) {
        return started.processes().get(service);
    }

    /** Kills {@code service} abruptly, as a crashed machine would, and waits for it to be gone. */
    public static void kill(String service) throws InterruptedException {
        Process process = started.processes().get(service);
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    /** Starts {@code service} again on its port with its configuration, and waits until it is ready. */
    public static void restart(String service) throws Exception {
        Process old = started.processes().get(service);
        if (old.isAlive()) {
            kill(service);
        }
        Path log = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize()
                .resolve("system-tests/target/system-logs/" + service + ".log");
        ProcessBuilder builder = BUILDERS.get(service).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long logged = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        started.processes().put(service, process);
        awaitStarted(process, log, logged);
        awaitReady(service, operationsUrl(service), log);
        requireAlive(service, process, log);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RunningSuite.class) {
            if (started == null) {
                started = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningSuite.class.getName(),
                        (ExtensionContext.Store.CloseableResource) () -> started.stop());
            }
        }
    }

    record Started(Map<String, String> urls, Map<String, Process> processes, S3ProxyTestResource s3, TcpProxy browserProxy,
            Map<String, TcpProxy> dependencies) {
        void stop() {
            browserProxy.close();
            Processes.stop(processes.values());
            dependencies.values().forEach(TcpProxy::close);
            s3.stop();
        }
    }

    /**
     * Starts the suite, again on fresh ports when a service could not bind its port (another
     * process took it between the allocation and the bind) or answered as another service.
     */
    private static Started start() throws Exception {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce();
            } catch (IllegalStateException failed) {
                last = failed;
                System.err.println("system tests: the suite did not start (attempt " + attempt + "): " + failed.getMessage());
            }
        }
        throw last;
    }

    private static Started startOnce() throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        Path target = root.resolve("system-tests/target");
        Path logs = Files.createDirectories(target.resolve("system-logs"));
        Path dataDir = Files.createDirectories(target.resolve("system-data"));

        S3ProxyTestResource s3 = new S3ProxyTestResource();
        s3.init(Map.of("bucket", "chat-media-system"));
        Map<String, String> s3Config = s3.start();

        Map<String, Integer> ports = freePorts(SERVICES);
        Map<String, String> urls = localUrls(ports);

        TcpProxy browserProxy = new TcpProxy("127.0.0.1", ports.get("gateway")).start();
        // Every dependency behind a proxy that fault tests cut and restore.
        URI s3Endpoint = URI.create(s3Config.get("quarkus.s3.endpoint-override"));
        Map<String, TcpProxy> dependencies = Map.of(
                "postgres", new TcpProxy(TestEnvironment.dbHost(), TestEnvironment.dbPort()).start(),
                "redis", new TcpProxy(TestEnvironment.redisHost(), TestEnvironment.redisPort()).start(),
                "s3", new TcpProxy(s3Endpoint.getHost(), s3Endpoint.getPort()).start());
        Map<String, String> env = environment(urls, s3Config, "chat-media-system", "http://127.0.0.1:" + browserProxy.port());
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", Integer.toString(dependencies.get("postgres").port()));
        // Its own Redis database, so no other module's rate-limit keys on this machine meet the suite's.
        env.put("REDIS_URL", "redis://127.0.0.1:" + dependencies.get("redis").port() + "/9");
        env.put("S3_ENDPOINT", "http://127.0.0.1:" + dependencies.get("s3").port());
        env.put("DATA_DIR", dataDir.toString());

        Map<String, Process> processes = new ConcurrentHashMap<>();
        Started suite = new Started(urls, processes, s3, browserProxy, dependencies);
        try {
            for (String service : SERVICES) {
                ProcessBuilder builder = serviceProcess(root, service, module -> module.replace("-service", "") + "_system", env,
                        ports.get(service), logs.resolve(service + ".log"), "run the system tests through ./mvnw verify from the root");
                BUILDERS.put(service, builder);
                processes.put(service, builder.start());
            }
            for (String service : SERVICES) {
                awaitStarted(processes.get(service), logs.resolve(service + ".log"), 0);
                awaitReady(service, operationsUrl(urls, service), logs.resolve(service + ".log"));
            }
            for (String service : SERVICES) {
                requireAlive(service, processes.get(service), logs.resolve(service + ".log"));
            }
            requireAuthAt(urls.get("auth-service"));
            return suite;
        } catch (Exception e) {
            suite.stop();
            throw e;
        }
    }

    /**
     * The services' environment, wired to each other by {@code urls} as the launcher wires them;
     * shared with {@link RunningContainers} so both run the same configuration.
     */
    static Map<String, String> environment(Map<String, String> urls, Map<String, String> s3Config, String bucket, String publicUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", TestEnvironment.dbHost());
        env.put("DB_PORT", Integer.toString(TestEnvironment.dbPort()));
        env.put("DB_USER", TestEnvironment.dbUser());
        env.put("DB_PASSWORD", TestEnvironment.dbPassword());
        env.put("REDIS_URL", "redis://" + TestEnvironment.redisHost() + ":" + TestEnvironment.redisPort());
        env.put("S3_ENDPOINT", s3Config.get("quarkus.s3.endpoint-override"));
        env.put("S3_BUCKET", bucket);
        env.put("S3_ACCESS_KEY", S3ProxyTestResource.ACCESS_KEY);
        env.put("S3_SECRET_KEY", S3ProxyTestResource.SECRET_KEY);
        env.put("AUTH_URL", urls.get("auth-service"));
        env.put("MESSAGING_URL", urls.entrySet().stream().filter(e -> e.getKey().startsWith("messaging-service"))
                .map(Map.Entry::getValue).sorted().collect(Collectors.joining(",")));
        env.put("MEDIA_URL", urls.get("media-service"));
        env.put("JWKS_URL", urls.get("auth-service") + "/.well-known/jwks.json");
        env.put("MEDIA_SIGNING_SECRET", SIGNING_SECRET);
        // Reset mails are logged, as the launcher does for local runs; journeys read the link there.
        env.put("MAIL_MODE", "log");
        env.put("PUBLIC_URL", publicUrl);
        // auth-service refuses to start in production without its signing key, as in a real deployment.
        env.put("JWT_PRIVATE_KEY_FILE", signingKey().toString());
        env.put("JWT_KEY_ID", "system-1");
        // The gateway serves its operations endpoints on a management port of its own (a free one here).
        env.put("GATEWAY_MANAGEMENT_PORT", urls.get("gateway-management").substring(urls.get("gateway-management").lastIndexOf(':') + 1));
        // Rate limits stay at the launcher's defaults: journeys register their accounts at
        // auth-service directly (setup) and do everything else through the gateway.
        return env;
    }

    /**
     * Waits (up to 5 minutes) for Quarkus's "started in" line in the service's log: on a crowded
     * machine start-up alone can take longer than the readiness wait below.
     */
    static void awaitStarted(Process process, Path log, long fromByte) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).indexOf("started in", (int) fromByte) >= 0) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /** An RSA signing key (PKCS#8 PEM) for auth-service, made once per build under target/. */
    static synchronized Path signingKey() {
        Path file = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize()
                .resolve("system-tests/target/system-secrets/jwt-signing-key.pem");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
                Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write the system tests' JWT signing key", e);
        }
    }

    /**
     * A service that exited (its port taken, a bad setting) while another process answers on its
     * port would turn every test into a puzzle: fail here with the end of its log instead.
     */
    static void requireAlive(String service, Process process, Path log) throws IOException {
        if (!process.isAlive()) {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
            throw new IllegalStateException(service + " exited with " + process.exitValue() + " during start-up; its log ends with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
    }

    /** The process on auth-service's port is auth-service: it serves the JWKS. */
    static void requireAuthAt(String url) throws Exception {
        HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/.well-known/jwks.json")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (jwks.statusCode() != 200 || !jwks.body().contains("\"keys\"")) {
            throw new IllegalStateException("the service at " + url + " is not auth-service: /.well-known/jwks.json answered "
                    + jwks.statusCode());
        }
    }

    static void awaitReady(String service, String url, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " was not ready within 90 s; see " + log);
    }

    /**
     * A packaged service ({@code service} may carry an instance suffix, "-2") ready to start:
     * its jar, its own database (made when missing; the gateway has none), {@code env}, its port
     * and its log. Fails with {@code missingHint} when the jar was not built.
     */
    static ProcessBuilder serviceProcess(Path root, String service, UnaryOperator<String> databaseOf, Map<String, String> env, int port,
            Path log, String missingHint) {
        String module = service.replaceAll("-\\d+$", "");
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: " + missingHint);
        }
        String database = databaseOf.apply(module);
        if (!module.equals("gateway")) {
            PostgresDatabases.ensureExists(database);
        }
        ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("DB_NAME", database);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return builder;
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /**
     * A free local port for each service, in the order given, and one for the gateway's
     * management interface ({@code gateway-management}); all held open until every one is
     * chosen, so no two are the same.
     */
    static Map<String, Integer> freePorts(List<String> services) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String service : services) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(service, socket.getLocalPort());
            }
            ServerSocket management = new ServerSocket(0);
            held.add(management);
            ports.put("gateway-management", management.getLocalPort());
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    static Map<String, String> localUrls(Map<String, Integer> ports) {
        Map<String, String> urls = new HashMap<>();
        ports.forEach((service, port) -> urls.put(service, "http://127.0.0.1:" + port));
        return urls;
    }

}
