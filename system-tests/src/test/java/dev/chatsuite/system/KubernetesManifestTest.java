package dev.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * Renders each kustomize overlay with the real kubectl and checks what a cluster would run:
 * probes on the paths and ports the services serve, limits and security settings on every
 * container, every referenced Secret and ConfigMap present (or, in prod, one of the documented
 * external Secrets), and only the gateway reachable from outside; and reads every object into
 * fabric8's Kubernetes model, so a field the API would not know fails the build.
 */
class KubernetesManifestTest {

    private static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final Set<String> SERVICES = Set.of("auth-service", "messaging-service", "media-service", "gateway");
    private static final Set<String> EXTERNAL_SECRETS = Set.of("chat-suite-secrets", "auth-signing-key");

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod", "overlays/scale" })
    void shouldRunEveryServiceWithRealProbesLimitsAndLockedDownContainers(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        int checked = 0;
        for (JsonNode deployment : kind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            if (!SERVICES.contains(name)) {
                continue;
            }
            checked++;
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name + " runAsNonRoot").isTrue();
            JsonNode container = pod.at("/containers/0");
            int port = container.at("/ports/0/containerPort").asInt();
            assertThat(port).as(name + " port").isEqualTo(servedPort(name));
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            // A service with a management port (the gateway) is probed there; the others on their one port.
            int management = managementPort(name);
            String probed = management > 0 ? "management" : "http";
            if (management > 0) {
                assertThat(container.at("/ports/1/name").asText()).isEqualTo("management");
                assertThat(container.at("/ports/1/containerPort").asInt()).as(name + " management port").isEqualTo(management);
            }
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(name + " " + probe).isEqualTo(probed);
            }
            assertThat(container.at("/resources/limits/cpu").isMissingNode()).as(name + " cpu limit").isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).as(name + " memory limit").isFalse();
            assertThat(container.at("/resources/requests/memory").isMissingNode()).as(name + " memory request").isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name + " read-only root").isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.at("/securityContext/capabilities/drop").toString()).contains("ALL");
            assertThat(pod.at("/terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(30);
            assertThat(container.at("/lifecycle/preStop").isMissingNode()).as(name + " preStop").isFalse();
        }
        assertThat(checked).isEqualTo(4);
        for (String scaled : List.of("messaging-service", "gateway")) {
            assertThat(named(kind(objects, "HorizontalPodAutoscaler"), scaled)).as(scaled + " HPA").isTrue();
            assertThat(named(kind(objects, "PodDisruptionBudget"), scaled)).as(scaled + " PDB").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod", "overlays/scale" })
    void shouldReferenceOnlySecretsAndConfigMapsThatExist(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        Set<String> secrets = names(kind(objects, "Secret"));
        Set<String> configMaps = names(kind(objects, "ConfigMap"));
        Set<String> referencedSecrets = new HashSet<>();
        Set<String> referencedConfigMaps = new HashSet<>();
        for (JsonNode object : objects) {
            object.findValues("secretKeyRef").forEach(ref -> referencedSecrets.add(ref.get("name").asText()));
            object.findValues("secretName").forEach(ref -> referencedSecrets.add(ref.asText()));
            object.findValues("configMapRef").forEach(ref -> referencedConfigMaps.add(ref.get("name").asText()));
            object.findValues("configMap").forEach(ref -> referencedConfigMaps.add(ref.get("name").asText()));
        }
        assertThat(referencedConfigMaps).isNotEmpty();
        assertThat(configMaps).containsAll(referencedConfigMaps);
        for (String secret : referencedSecrets) {
            assertThat(secrets.contains(secret) || (!overlay.endsWith("dev") && EXTERNAL_SECRETS.contains(secret)))
                    .as("secret " + secret + " exists or is one of the documented external ones").isTrue();
        }
        for (JsonNode secret : kind(objects, "Secret")) {
            secret.path("data").fields().forEachRemaining(entry -> assertThat(decoded(entry.getValue().asText()))
                    .as("secret values in the repo are development placeholders").startsWith("dev-only-"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod", "overlays/scale" })
    void shouldLeaveOnlyTheGatewayReachableFromOutside(String overlay) throws Exception {
        List<JsonNode> objects = render(overlay);
        List<JsonNode> policies = kind(objects, "NetworkPolicy");
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.at("/spec/podSelector").size()).isZero();
            assertThat(p.at("/spec/ingress").isMissingNode()).isTrue();
        });
        for (JsonNode policy : policies) {
            for (JsonNode rule : policy.at("/spec/ingress")) {
                boolean open = rule.path("from").isMissingNode() || rule.path("from").isEmpty();
                if (open) {
                    assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                            .as("only the gateway takes traffic from anywhere").isEqualTo("gateway");
                }
            }
        }
        for (JsonNode ingress : kind(objects, "Ingress")) {
            ingress.findValues("service").forEach(service -> assertThat(service.get("name").asText()).isEqualTo("gateway"));
        }
        for (JsonNode service : kind(objects, "Service")) {
            assertThat(service.at("/spec/type").asText("ClusterIP")).isEqualTo("ClusterIP");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "overlays/dev", "overlays/prod", "overlays/scale" })
    void shouldReadEveryRenderedObjectIntoTheKubernetesModelWithNoUnknownField(String overlay) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (JsonNode object : render(overlay)) {
            String what = object.path("apiVersion").asText() + " " + object.path("kind").asText() + " " + object.at("/metadata/name").asText();
            Class<? extends KubernetesResource> type = MODEL.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
            assertThat(type).as(what + " has a known model class").isNotNull();
            KubernetesResource typed = json.treeToValue(object, type);
            // fabric8's classes keep what they do not know in additionalProperties: a misspelt or
            // misplaced field anywhere in the object shows up there.
            assertThat(unknownFields(typed, "")).as(what).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void shouldRunASixNodeRedisClusterAndPointTheServicesAtItInTheScaleOverlay() throws Exception {
        List<JsonNode> objects = render("overlays/scale");
        JsonNode cluster = only(kind(objects, "StatefulSet"), "redis-cluster");
        assertThat(cluster.at("/spec/replicas").asInt()).isEqualTo(6);
        assertThat(cluster.at("/spec/serviceName").asText()).isEqualTo("redis-cluster");
        assertThat(args(cluster.at("/spec/template/spec/containers/0"))).containsSequence("--cluster-enabled", "yes")
                .containsSequence("--appendonly", "yes").containsSequence("--cluster-config-file", "/data/nodes.conf");
        JsonNode headless = only(kind(objects, "Service"), "redis-cluster");
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(only(kind(objects, "PodDisruptionBudget"), "redis-cluster").at("/spec/maxUnavailable").asInt()).isEqualTo(1);

        JsonNode create = only(kind(objects, "Job"), "redis-cluster-create").at("/spec/template/spec/containers/0");
        String script = create.at("/args/0").asText();
        assertThat(script).contains("redis-cli --cluster create", "--cluster-replicas 1", "--cluster-yes");
        assertThat(env(create, objects).get("NODES").split("\\s+")).containsExactly(
                "redis-cluster-0.redis-cluster:6379", "redis-cluster-1.redis-cluster:6379", "redis-cluster-2.redis-cluster:6379",
                "redis-cluster-3.redis-cluster:6379", "redis-cluster-4.redis-cluster:6379", "redis-cluster-5.redis-cluster:6379");
        assertThat(script).as("Kubernetes would expand $(...) in args").doesNotContain("$(");

        for (String service : List.of("messaging-service", "gateway")) {
            JsonNode deployment = only(kind(objects, "Deployment"), service);
            Map<String, String> env = env(deployment.at("/spec/template/spec/containers/0"), objects);
            assertThat(env).as(service).containsEntry("REDIS_CLIENT_TYPE", "cluster");
            assertThat(env.get("REDIS_URL").split(",")).as(service).containsExactly(
                    "redis://redis-cluster-0.redis-cluster:6379", "redis://redis-cluster-1.redis-cluster:6379",
                    "redis://redis-cluster-2.redis-cluster:6379");
            assertThat(deployment.at("/spec/replicas").asInt()).as(service).isEqualTo(4);
            JsonNode hpa = only(kind(objects, "HorizontalPodAutoscaler"), service);
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(service);
            assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(4);
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(40);
            assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
            assertThat(only(kind(objects, "PodDisruptionBudget"), service).at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        }
        Map<String, String> messaging = env(only(kind(objects, "Deployment"), "messaging-service").at("/spec/template/spec/containers/0"), objects);
        assertThat(messaging).containsEntry("DB_READ_HOST", "postgres-replica.example.internal");
        // Pools sized for 40 replicas on one primary (docs/scale.md, "Connections to the primary").
        assertThat(messaging).containsEntry("DB_POOL_SIZE", "10");
        int most = only(kind(objects, "HorizontalPodAutoscaler"), "messaging-service").at("/spec/maxReplicas").asInt();
        assertThat(most * (Integer.parseInt(messaging.get("DB_POOL_SIZE")) + 2)).as("connections of the largest fleet").isLessThanOrEqualTo(480);
        // The dev and prod overlays keep one Redis and no read replica.
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            List<JsonNode> other = render(overlay);
            Map<String, String> env = env(only(kind(other, "Deployment"), "messaging-service").at("/spec/template/spec/containers/0"), other);
            assertThat(env).as(overlay).doesNotContainKeys("REDIS_CLIENT_TYPE", "DB_READ_HOST", "DB_POOL_SIZE");
            assertThat(env.get("REDIS_URL")).as(overlay).doesNotContain(",");
        }
    }

    /**
     * Runs the create Job's script, as rendered, against six local redis-server processes started
     * with the StatefulSet's own arguments: it must leave three primaries with one replica each
     * and every slot served, and a second run must leave the formed cluster alone.
     */
    @org.junit.jupiter.api.Test
    void shouldFormThreePrimariesWithOneReplicaEachWithTheCreateJobsScript(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("redis-server") && onPath("redis-cli"), "redis-server and redis-cli are not on PATH");
        List<JsonNode> objects = render("overlays/scale");
        List<String> nodeArgs = args(only(kind(objects, "StatefulSet"), "redis-cluster").at("/spec/template/spec/containers/0"));
        String script = only(kind(objects, "Job"), "redis-cluster-create").at("/spec/template/spec/containers/0/args/0").asText();
        List<Process> nodes = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                int port = clusterPort();
                Path data = Files.createDirectories(dir.resolve("node" + i));
                List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--save", ""));
                for (String arg : nodeArgs) {
                    command.add(arg.replace("$(POD_IP)", "127.0.0.1").replace("$(POD_NAME).redis-cluster", "localhost")
                            .replace("/data", data.toString()));
                }
                nodes.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("node" + i + ".log").toFile()).start());
                addresses.add("127.0.0.1:" + port);
            }
            Thread.sleep(200);
            for (int i = 0; i < nodes.size(); i++) {
                assertThat(nodes.get(i).isAlive()).as("node %d exited: %s", i, Files.readString(dir.resolve("node" + i + ".log")))
                        .isTrue();
            }
            String first = runScript(script, String.join(" ", addresses));
            assertThat(first).contains("cluster formed:");
            String[] firstAddress = addresses.get(0).split(":");
            String info = redisCli(firstAddress[1], "cluster", "info");
            assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:6", "cluster_size:3");
            String clusterNodes = redisCli(firstAddress[1], "cluster", "nodes");
            assertThat(clusterNodes.lines().filter(l -> l.contains("master")).count()).as(clusterNodes).isEqualTo(3);
            assertThat(clusterNodes.lines().filter(l -> l.contains("slave")).count()).as(clusterNodes).isEqualTo(3);
            assertThat(clusterNodes).as("nodes announce their names").contains(",localhost");
            assertThat(runScript(script, String.join(" ", addresses))).contains("cluster already formed (6 nodes known)");
        } finally {
            for (Process node : nodes) {
                node.destroy();
            }
            for (Process node : nodes) {
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs the Job's script with a bound: a node that never answers fails the test, not the build. */
    private static String runScript(String script, String nodes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script);
        builder.environment().put("NODES", nodes);
        return run(builder, 120);
    }

    private static String redisCli(String port, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", port));
        line.addAll(List.of(command));
        return run(new ProcessBuilder(line), 10).replace("\r", "");
    }

    /** Output goes to a file, so a child that keeps running cannot block the read; it is killed at the bound. */
    private static String run(ProcessBuilder builder, int seconds) throws Exception {
        Path log = Files.createTempFile("manifest-test", ".log");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("%s did not end within %d s: %s", builder.command().get(0), seconds, out).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /**
     * A free port whose cluster bus port (port + 10000) is free too. Redis refuses a port above
     * 55535, and an ephemeral port often is one.
     */
    private static int clusterPort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + random.nextInt(55535 - 20000);
            try (var data = new java.net.ServerSocket(port); var bus = new java.net.ServerSocket(port + 10000)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair below 55535");
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** A container's environment as the kubelet builds it: its ConfigMaps' data, then its own env values. */
    private static Map<String, String> env(JsonNode container, List<JsonNode> objects) {
        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.at("/configMapRef/name").asText();
            only(kind(objects, "ConfigMap"), name).path("data").fields()
                    .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        }
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(variable.get("name").asText(), variable.get("value").asText());
            }
        }
        return env;
    }

    private static JsonNode only(List<JsonNode> objects, String name) {
        List<JsonNode> matching = objects.stream().filter(o -> name.equals(o.at("/metadata/name").asText())).toList();
        assertThat(matching).as(name).hasSize(1);
        return matching.get(0);
    }

    private static final Map<String, Class<? extends KubernetesResource>> MODEL = Map.ofEntries(
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class));

    /** Paths of every field the model did not recognise, walking the typed object's getters. */
    private static List<String> unknownFields(Object value, String path) throws ReflectiveOperationException {
        List<String> unknown = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]"));
            }
            return unknown;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknown.addAll(unknownFields(entry.getValue(), path + "." + entry.getKey()));
            }
            return unknown;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return unknown;
        }
        for (java.lang.reflect.Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                unknown.addAll(unknownFields(field, path + "." + getter.getName().substring(3)));
            }
        }
        return unknown;
    }

    private static List<JsonNode> render(String overlay) throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        Assumptions.assumeTrue(Files.isExecutable(kubectl), "kubectl is not installed (apt-get install kubectl); .ci/run installs it");
        String out = run(new ProcessBuilder(kubectl.toString(), "kustomize", ROOT.resolve("k8s").resolve(overlay).toString()), 60);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            yaml.readValues(parser, ObjectNode.class).forEachRemaining(objects::add);
        }
        assertThat(objects).isNotEmpty();
        return objects;
    }

    private static int servedPort(String service) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    /** The default of quarkus.management.port when the service turns the management interface on, else 0. */
    private static int managementPort(String service) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        if (!"true".equals(properties.getProperty("quarkus.management.enabled"))) {
            return 0;
        }
        String port = properties.getProperty("quarkus.management.port", "9000");
        return Integer.parseInt(port.replaceAll("^\\$\\{[^:]*:(\\d+)}$", "$1"));
    }

    private static List<JsonNode> kind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static boolean named(List<JsonNode> objects, String name) {
        return objects.stream().anyMatch(o -> name.equals(o.at("/metadata/name").asText()));
    }

    private static Set<String> names(List<JsonNode> objects) {
        Set<String> names = new HashSet<>();
        objects.forEach(o -> {
            String name = o.at("/metadata/name").asText();
            names.add(name);
            // kustomize generators append a content hash; references are rewritten to match.
            names.add(name.replaceAll("-[a-z0-9]{10}$", ""));
        });
        return names;
    }

    private static String decoded(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

}
