package dev.chatsuite.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.utility.DockerImageName;

import dev.chatsuite.testsupport.PostgresDatabases;
import dev.chatsuite.testsupport.S3ProxyTestResource;

/**
 * Starts the four service images that {@code ./suite images} built, with Testcontainers, as the
 * suite's users would: through podman's Docker-compatible socket (the surefire configuration
 * points {@code DOCKER_HOST} at it and turns Ryuk off, since no registry can serve its image).
 * The containers share the host's network so they reach the machine's PostgreSQL and Redis and
 * the in-process S3Proxy on 127.0.0.1; each listens on a free port. Without podman or without
 * the images the tests are skipped with the reason, never passed.
 */
public final class RunningContainers implements BeforeAllCallback {

    static final String TAG = System.getProperty("images.tag", "1.0.0");
    private static final List<String> SERVICES = List.of("auth-service", "media-service", "messaging-service", "gateway");
    private static volatile Started started;
    private static volatile String skipped;

    static String gateway() {
        return started.urls().get("gateway");
    }

    static String url(String service) {
        return started.urls().get(service);
    }

    static String operationsUrl(String service) {
        return RunningSuite.operationsUrl(started.urls(), service);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RunningContainers.class) {
            if (started == null && skipped == null) {
                skipped = whyNotRunnable();
                if (skipped == null) {
                    started = start();
                    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RunningContainers.class.getName(),
                            (ExtensionContext.Store.CloseableResource) () -> started.stop());
                }
            }
        }
        Assumptions.assumeTrue(skipped == null, () -> "container tests skipped: " + skipped);
    }

    private static String whyNotRunnable() throws Exception {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost == null || !dockerHost.startsWith("unix://")) {
            return "DOCKER_HOST is not a unix socket; run through ./mvnw verify, whose surefire configuration sets it";
        }
        if (!onPath("podman")) {
            return "podman is not installed (apt-get install podman runc), so the images cannot run here";
        }
        if (!startPodmanService(Path.of(dockerHost.substring("unix://".length())))) {
            return "podman's API service did not start; see target/podman/service.log";
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "Testcontainers cannot reach podman at " + dockerHost;
        }
        for (String service : SERVICES) {
            if (!imageExists(service)) {
                return "image " + image(service) + " is missing: build it with ./suite images";
            }
        }
        return null;
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /**
     * Starts {@code podman system service} on {@code socket}, with runc and modest ulimits (what
     * our sandboxes allow; see k8s/README.md, Images). It lives as long as this test JVM.
     */
    private static boolean startPodmanService(Path socket) throws Exception {
        Path dir = Files.createDirectories(socket.getParent());
        Path conf = dir.resolve("containers.conf");
        Files.writeString(conf, "[containers]\ndefault_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]\n[engine]\nruntime = \"runc\"\n");
        Files.deleteIfExists(socket);
        ProcessBuilder builder = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket.toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("CONTAINERS_CONF", conf.toAbsolutePath().toString());
        Process service = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroy));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline && service.isAlive()) {
            if (Files.exists(socket)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean imageExists(String service) {
        try {
            DockerClientFactory.lazyClient().inspectImageCmd(image(service)).exec();
            return true;
        } catch (RuntimeException missing) {
            return false;
        }
    }

    static String image(String service) {
        return "localhost/chat-suite/" + service + ":" + TAG;
    }

    record Started(Map<String, String> urls, List<GenericContainer<?>> containers, S3ProxyTestResource s3) {
        void stop() {
            containers.forEach(GenericContainer::stop);
            s3.stop();
        }
    }

    private static Started start() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/container-logs"));
        S3ProxyTestResource s3 = new S3ProxyTestResource();
        s3.init(Map.of("bucket", "chat-media-containers"));
        Map<String, String> s3Config = s3.start();

        Map<String, Integer> ports = RunningSuite.freePorts(SERVICES);
        Map<String, String> urls = RunningSuite.localUrls(ports);
        Map<String, String> env = RunningSuite.environment(urls, s3Config, "chat-media-containers", urls.get("gateway"));
        // The image's heap defaults to 75% of the container's memory; these containers have no limit.
        env.put("JAVA_OPTS_APPEND", "-Xmx256m");
        env.put("DATA_DIR", "/tmp/data");

        List<GenericContainer<?>> containers = new ArrayList<>();
        Started suite = new Started(urls, containers, s3);
        try {
            for (String service : SERVICES) {
                String database = service.replace("-service", "") + "_containers";
                if (!service.equals("gateway")) {
                    PostgresDatabases.ensureExists(database);
                }
                Path log = logs.resolve(service + ".log");
                Files.deleteIfExists(log);
                GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image(service)))
                        .withNetworkMode("host")
                        .withEnv(env)
                        .withFileSystemBind(env.get("JWT_PRIVATE_KEY_FILE"), env.get("JWT_PRIVATE_KEY_FILE"), org.testcontainers.containers.BindMode.READ_ONLY)
                        .withEnv("DB_NAME", database)
                        .withEnv("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)))
                        .withLogConsumer(frame -> append(log, frame))
                        .withStartupTimeout(java.time.Duration.ofSeconds(90));
                container.start();
                containers.add(container);
            }
            for (String service : SERVICES) {
                RunningSuite.awaitReady(service, RunningSuite.operationsUrl(urls, service), logs.resolve(service + ".log"));
            }
            RunningSuite.requireAuthAt(urls.get("auth-service"));
            return suite;
        } catch (Exception | Error e) {
            suite.stop();
            throw e;
        }
    }

    private static void append(Path log, OutputFrame frame) {
        try {
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // A lost log line must not fail the run.
        }
    }
}
