package dev.chatsuite.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.chatsuite.testsupport.LocalRedisCluster;
import dev.chatsuite.testsupport.PostgresDatabases;

/**
 * The packaged auth-service, two messaging instances and the gateway as processes on a
 * {@link LocalRedisCluster} ({@code REDIS_CLIENT_TYPE=cluster}, seed nodes in {@code REDIS_URL}),
 * with databases of their own ({@code *_cluster} plus TEST_DB_SUFFIX) so they never meet the
 * {@link RunningSuite}'s. Media is not started: nothing here uploads. Logs go to
 * {@code target/system-logs/cluster-<service>.log}.
 */
final class ClusterSuite implements AutoCloseable {

    static final List<String> MESSAGING = List.of("messaging-service", "messaging-service-2");
    private static final List<String> SERVICES = List.of("auth-service", "messaging-service", "messaging-service-2", "gateway");

    private final LocalRedisCluster redis;
    private final Map<String, String> urls;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();

    private ClusterSuite(LocalRedisCluster redis, Map<String, String> urls) {
        this.redis = redis;
        this.urls = urls;
    }

    static ClusterSuite start(LocalRedisCluster redis) throws Exception {
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("system-tests/target/system-logs"));
        List<String> withMedia = new ArrayList<>(SERVICES);
        withMedia.add("media-service");
        Map<String, String> urls = RunningSuite.localUrls(RunningSuite.freePorts(withMedia));
        ClusterSuite suite = new ClusterSuite(redis, urls);
        // media-service's port stays closed: messaging and the gateway only need its address.
        Map<String, String> env = RunningSuite.environment(urls, Map.of("quarkus.s3.endpoint-override", urls.get("media-service")),
                "chat-media-cluster", urls.get("gateway"));
        env.put("REDIS_CLIENT_TYPE", "cluster");
        env.put("REDIS_URL", redis.seeds());
        // instanceSubscribedTo names the instance holding a user's channel as the one client with shard subscriptions on
        // that channel's primary; each instance's own address (posts sent to their conversation's owner) would be a second
        // one on a third of the primaries. Serving that address on a cluster is ShardedRedisBrokerContractTest's case.
        env.put("MESSAGING_POSTS_TO_OWNER", "false");
        try {
            for (String service : SERVICES) {
                String port = urls.get(service).substring(urls.get(service).lastIndexOf(':') + 1);
                ProcessBuilder builder = RunningSuite.serviceProcess(root, service,
                        module -> PostgresDatabases.forCheckout(module.replace("-service", "") + "_cluster"), env, Integer.parseInt(port),
                        logs.resolve("cluster-" + service + ".log"), "package the services first (./mvnw package -DskipTests)");
                suite.processes.put(service, builder.start());
            }
            for (String service : SERVICES) {
                Path log = logs.resolve("cluster-" + service + ".log");
                RunningSuite.awaitStarted(suite.processes.get(service), log, 0);
                RunningSuite.awaitReady(service, RunningSuite.operationsUrl(urls, service), log);
                RunningSuite.requireAlive(service, suite.processes.get(service), log);
            }
            RunningSuite.requireAuthAt(urls.get("auth-service"));
            return suite;
        } catch (Exception e) {
            suite.close();
            throw e;
        }
    }

    String gateway() {
        return urls.get("gateway");
    }

    String auth() {
        return urls.get("auth-service");
    }

    /** The gateway's ws:// address of {@code /ws} with {@code ?token=}. */
    String gatewayWs(String accessToken) {
        return gateway().replaceFirst("^http", "ws") + "/ws?token=" + accessToken;
    }

    /**
     * The messaging instance subscribed to {@code chat:user:<userId>}: the one client of the
     * channel's primary with a sharded subscription (CLIENT LIST {@code ssub}), traced to its
     * process through the kernel's socket table. Empty while no instance, or more than one, is
     * (so a test keeps its conversations' channels off that primary).
     */
    Optional<String> instanceSubscribedTo(String userId) throws IOException {
        int primary = redis.primaryOf("chat:user:" + userId);
        List<Integer> subscribers = new ArrayList<>();
        for (String line : redis.cli(primary, "CLIENT", "LIST").lines().toList()) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : line.trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            if (Integer.parseInt(fields.getOrDefault("ssub", "0")) > 0) {
                String addr = fields.get("addr");
                subscribers.add(Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1)));
            }
        }
        if (subscribers.size() != 1) {
            return Optional.empty();
        }
        Optional<Long> inode = socketInode(subscribers.get(0), primary);
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        for (String service : MESSAGING) {
            if (ownsSocket(processes.get(service).pid(), inode.get())) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The inode of the local TCP socket on {@code localPort} connected to {@code remotePort} (/proc/net/tcp and tcp6). */
    private static Optional<Long> socketInode(int localPort, int remotePort) throws IOException {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (port(f[1]) == localPort && port(f[2]) == remotePort) {
                    return Optional.of(Long.parseLong(f[9]));
                }
            }
        }
        return Optional.empty();
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.lastIndexOf(':') + 1), 16);
    }

    private static boolean ownsSocket(long pid, long inode) throws IOException {
        String wanted = "socket:[" + inode + "]";
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(wanted);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }

    @Override
    public void close() {
        Processes.stop(processes.values());
    }
}
