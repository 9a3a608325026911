package dev.chatsuite.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

    record Started(Map<String, String> urls, List<Process> processes, S3ProxyTestResource s3, TcpProxy browserProxy) {
        void stop() {
            browserProxy.close();
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                try {
                    if (!process.waitFor(15, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            s3.stop();
        }
    }

    private static Started start() throws Exception {
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
        Map<String, String> env = environment(urls, s3Config, "chat-media-system", "http://127.0.0.1:" + browserProxy.port());
        env.put("DATA_DIR", dataDir.toString());

        List<Process> processes = new ArrayList<>();
        Started suite = new Started(urls, processes, s3, browserProxy);
        try {
            for (String service : SERVICES) {
                String module = service.replaceAll("-\\d+$", "");
                Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " is missing: run the system tests through ./mvnw verify from the root");
                }
                String database = module.replace("-service", "") + "_system";
                if (!module.equals("gateway")) {
                    PostgresDatabases.ensureExists(database);
                }
                ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(service + ".log").toFile());
                builder.environment().putAll(env);
                builder.environment().put("DB_NAME", database);
                builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
                processes.add(builder.start());
            }
            for (String service : SERVICES) {
                awaitReady(service, operationsUrl(urls, service), logs.resolve(service + ".log"));
            }
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
                .map(Map.Entry::getValue).sorted().collect(java.util.stream.Collectors.joining(",")));
        env.put("MEDIA_URL", urls.get("media-service"));
        env.put("JWKS_URL", urls.get("auth-service") + "/.well-known/jwks.json");
        env.put("MEDIA_SIGNING_SECRET", SIGNING_SECRET);
        env.put("PUBLIC_URL", publicUrl);
        // The gateway serves its operations endpoints on a management port of its own (a free one here).
        try {
            int management = freePort();
            env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(management));
            urls.put("gateway-management", "http://127.0.0.1:" + management);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Journeys make many calls from one IP; the limits themselves are tested in the gateway module.
        for (String limit : List.of("LOGIN", "REGISTER", "FORGOT", "UPLOAD", "DEFAULT")) {
            env.put("RATE_LIMIT_" + limit, "0");
        }
        return env;
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

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** A free local port for each service, in the order given. */
    static Map<String, Integer> freePorts(List<String> services) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : services) {
            ports.put(service, freePort());
        }
        return ports;
    }

    static Map<String, String> localUrls(Map<String, Integer> ports) {
        Map<String, String> urls = new HashMap<>();
        ports.forEach((service, port) -> urls.put(service, "http://127.0.0.1:" + port));
        return urls;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
