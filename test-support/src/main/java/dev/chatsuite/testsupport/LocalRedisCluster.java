package dev.chatsuite.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Redis Cluster on this machine for tests: 3 primaries and 3 replicas, each a
 * {@code redis-server --cluster-enabled yes} process on free ports in a temp dir, joined with
 * {@code redis-cli --cluster create}. {@link #killPrimary} crashes one primary (SIGKILL) and waits
 * until the cluster has promoted its replica. Everything stops on {@link #close()}, or at JVM exit.
 */
public final class LocalRedisCluster implements AutoCloseable {

    /**
     * Short enough that a replica is promoted within a few seconds, long enough that a node
     * starved of CPU for a moment on a loaded 2-core box is not failed over by the cluster itself.
     */
    private static final int NODE_TIMEOUT_MILLIS = 3000;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(45);
    /** Node ports are drawn from [12000, 22000), so bus ports fall in [22000, 32000). */
    private static final int FIRST_PORT = 12000;
    private static final int PORT_SPAN = 10000;
    private static final Random RANDOM = new Random();
    private static LocalRedisCluster shared;

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses, "local-redis-cluster-stop");

    /** One {@code redis-server} process. */
    public record Node(int port, Process process) {
        public boolean alive() {
            return process.isAlive();
        }
    }

    private LocalRedisCluster(Path dir) {
        this.dir = dir;
    }

    /** One cluster per JVM for tests that do not kill nodes; started on first use. */
    public static synchronized LocalRedisCluster shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Starts 3 primaries + 3 replicas and waits until the cluster answers {@code cluster_state:ok} everywhere. */
    public static LocalRedisCluster start() {
        try {
            LocalRedisCluster cluster = new LocalRedisCluster(Files.createTempDirectory("redis-cluster"));
            Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
            try {
                cluster.launch(6);
                cluster.create();
                cluster.awaitHealthy(Set.of(), READY_TIMEOUT);
                cluster.awaitReplicasInSync(READY_TIMEOUT);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temp dir for the Redis Cluster", e);
        }
    }

    /** The seed nodes as the services' {@code REDIS_URL} takes them: a comma-separated list. */
    public String seeds() {
        return nodes.stream().filter(Node::alive).map(n -> "redis://127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Ports of the current primaries, as the cluster itself reports them. */
    public List<Integer> primaries() {
        return slotOwners().stream().map(SlotRange::primary).distinct().sorted().toList();
    }

    /** The port of the primary that owns {@code key}'s slot. */
    public int primaryOf(String key) {
        int slot = Integer.parseInt(cli(anyAlive(), "CLUSTER", "KEYSLOT", key).trim());
        return slotOwners().stream().filter(r -> r.from() <= slot && slot <= r.to()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No owner for slot " + slot)).primary();
    }

    /** Runs one command against a node (no redirections followed); answers redis-cli's raw output. */
    public String cli(int port, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        args.addAll(List.of(command));
        return run(args, Duration.ofSeconds(10));
    }

    /** Runs one command in cluster mode ({@code -c}: follows MOVED), starting at any live node. */
    public String clusterCli(String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-c", "-h", "127.0.0.1", "-p", Integer.toString(anyAlive())));
        args.addAll(List.of(command));
        return run(args, Duration.ofSeconds(10));
    }

    /**
     * Crashes the primary on {@code port} (SIGKILL) and waits until one of its replicas has been
     * promoted by the cluster's own election and every live node says {@code cluster_state:ok}.
     * Answers the port of the new primary of that primary's slots.
     */
    public int killPrimary(int port) {
        Node victim = nodes.stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node on " + port));
        List<SlotRange> owned = slotOwners().stream().filter(r -> r.primary() == port).toList();
        if (owned.isEmpty()) {
            throw new IllegalArgumentException(port + " is not a primary");
        }
        victim.process().destroyForcibly();
        try {
            victim.process().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitHealthy(Set.of(port), FAILOVER_TIMEOUT);
        int slot = owned.get(0).from();
        return slotOwners().stream().filter(r -> r.from() <= slot && slot <= r.to()).findFirst().orElseThrow().primary();
    }

    /**
     * Until the replicas of the primary on {@code port} have acknowledged everything it holds
     * (each one's {@code offset} in the primary's {@code INFO replication} at its
     * {@code master_repl_offset}), so that killing it loses nothing. Fails if it has none, or
     * is no longer a primary (the cluster failed it over by itself).
     */
    public void awaitReplicasCaughtUp(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String info = "";
        while (System.nanoTime() < deadline) {
            info = cli(port, "INFO", "replication");
            if (!info.contains("role:master")) {
                throw new IllegalStateException(port + " is no longer a primary:\n" + info + describe());
            }
            long offset = field(info, "master_repl_offset");
            List<String> replicas = info.lines().filter(l -> l.matches("slave\\d+:.*")).toList();
            if (!replicas.isEmpty() && replicas.stream().allMatch(r -> r.contains("state=online") && replicaOffset(r) >= offset)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("The replicas of " + port + " did not catch up within " + timeout + ":\n" + info + describe());
    }

    /**
     * What each node says of the cluster, for a failing test's message: one live node's
     * {@code CLUSTER NODES}, each live node's role and replication offsets, and the lines of
     * every node's log about failovers and resyncs.
     */
    public String describe() {
        StringBuilder out = new StringBuilder("\n--- cluster ---\n");
        try {
            out.append(cli(anyAlive(), "CLUSTER", "NODES"));
        } catch (IllegalStateException e) {
            out.append(e.getMessage()).append('\n');
        }
        for (Node node : nodes) {
            out.append("--- node ").append(node.port()).append(node.alive() ? "" : " (dead)").append(" ---\n");
            if (node.alive()) {
                try {
                    cli(node.port(), "INFO", "replication").lines()
                            .filter(l -> l.startsWith("role") || l.startsWith("master_") || l.startsWith("slave") || l.startsWith("connected"))
                            .forEach(l -> out.append(l.trim()).append('\n'));
                } catch (IllegalStateException e) {
                    out.append(e.getMessage()).append('\n');
                }
            }
            Path log = dir.resolve(Integer.toString(node.port())).resolve("redis.log");
            try {
                Files.readAllLines(log).stream()
                        .filter(l -> l.matches("(?i).*(fail|sync|promot|master|replica|elect|epoch|flush|loading).*") && !l.contains("overcommit"))
                        .forEach(l -> out.append("  ").append(l).append('\n'));
            } catch (IOException e) {
                out.append("  no log: ").append(e.getMessage()).append('\n');
            }
        }
        return out.toString();
    }

    private static long field(String info, String name) {
        return info.lines().filter(l -> l.startsWith(name + ":")).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length() + 1).trim())).orElse(-1L);
    }

    /** The acknowledged offset in a primary's {@code slave0:ip=..,port=..,state=online,offset=123,lag=0} line. */
    private static long replicaOffset(String line) {
        for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
            if (part.startsWith("offset=")) {
                return Long.parseLong(part.substring("offset=".length()).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
        deleteQuietly(dir);
    }

    /** A range of slots and the port of its primary, from {@code CLUSTER SLOTS}. */
    record SlotRange(int from, int to, int primary) {
    }

    /** Slot ranges of the live primaries, from one live node's {@code CLUSTER NODES} ({@code <id> <ip:port@bus> <flags> ... <slots>}). */
    List<SlotRange> slotOwners() {
        List<SlotRange> ranges = new ArrayList<>();
        for (String line : cli(anyAlive(), "CLUSTER", "NODES").lines().toList()) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            String address = fields[1];
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue;
                }
                String[] bounds = fields[i].split("-");
                int from = Integer.parseInt(bounds[0]);
                ranges.add(new SlotRange(from, bounds.length > 1 ? Integer.parseInt(bounds[1]) : from, port));
            }
        }
        return ranges;
    }

    private void launch(int count) throws IOException {
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < count; i++) {
            nodes.add(startNode(taken));
        }
    }

    /** Starts one node; a node that exits before answering PING (its port taken meanwhile) is retried on another port. */
    private Node startNode(Set<Integer> taken) throws IOException {
        String lastLog = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort(taken);
            Path nodeDir = Files.createDirectories(dir.resolve(Integer.toString(port)));
            Path log = nodeDir.resolve("redis.log");
            ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                    // Any replica may take over, however long it was cut off.
                    "--cluster-replica-validity-factor", "0",
                    // A replica's first sync starts at once instead of after the default 5 s.
                    "--repl-diskless-sync-delay", "0",
                    "--dir", nodeDir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Node node = new Node(port, builder.start());
            if (awaitPing(node)) {
                return node;
            }
            node.process().destroyForcibly();
            lastLog = Files.exists(log) ? Files.readString(log) : "";
        }
        throw new IllegalStateException("redis-server did not start in 5 attempts; last log:\n" + lastLog);
    }

    private void create() {
        List<String> args = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> args.add("127.0.0.1:" + n.port()));
        args.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        String out = run(args, Duration.ofSeconds(60));
        if (!out.contains("All 16384 slots covered")) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
        }
    }

    /** Until every live node (all but {@code gone}) reports cluster_state:ok and no range is owned by a gone node or lacks an owner. */
    private void awaitHealthy(Set<Integer> gone, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                boolean ok = nodes.stream().filter(Node::alive).allMatch(n -> cli(n.port(), "CLUSTER", "INFO").contains("cluster_state:ok"));
                List<SlotRange> ranges = ok ? slotOwners() : List.of();
                int covered = ranges.stream().mapToInt(r -> r.to() - r.from() + 1).sum();
                if (ok && covered == 16384 && ranges.stream().noneMatch(r -> gone.contains(r.primary()))) {
                    return;
                }
                last = ranges.toString();
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage();
            }
            sleep(200);
        }
        throw new IllegalStateException("Redis Cluster not healthy within " + timeout + ": " + last + describe());
    }

    /** Until every replica's link to its primary is up (synced), so a failover loses nothing written before. */
    private void awaitReplicasInSync(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> primaries = primaries();
            long synced = nodes.stream().filter(n -> !primaries.contains(n.port()))
                    .filter(n -> cli(n.port(), "INFO", "replication").contains("master_link_status:up")).count();
            if (synced == nodes.size() - primaries.size()) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("Redis Cluster replicas not in sync within " + timeout);
    }

    /** True once the node answers PING; false if its process exited or it stayed silent for 20 s. */
    private boolean awaitPing(Node node) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && node.alive()) {
            try {
                if (cli(node.port(), "PING").contains("PONG")) {
                    return true;
                }
            } catch (IllegalStateException notYet) {
                // Not listening yet.
            }
            sleep(100);
        }
        return false;
    }

    private static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || text.startsWith("Could not connect")) {
                throw new IllegalStateException(command + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + command, e);
        }
    }

    /**
     * A free port whose cluster bus port (+10000) is free too, both below the kernel's ephemeral
     * range (32768 and up by default) so no outgoing connection takes them between this check and
     * redis-server's bind.
     */
    private static int freePort(Set<Integer> taken) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_PORT + RANDOM.nextInt(PORT_SPAN);
            if (taken.contains(port) || !bindable(port) || !bindable(port + 10000)) {
                continue;
            }
            taken.add(port);
            return port;
        }
        throw new IOException("No free port pair for a Redis Cluster node");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    private int anyAlive() {
        return nodes.stream().filter(Node::alive).findFirst().orElseThrow(() -> new IllegalStateException("No live node")).port();
    }

    private void stopProcesses() {
        nodes.forEach(n -> n.process().destroyForcibly());
        for (Node n : nodes) {
            try {
                n.process().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // A temp dir; the OS cleans it eventually.
        }
    }
}
