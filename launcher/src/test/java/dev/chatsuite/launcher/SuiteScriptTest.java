package dev.chatsuite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real ./suite against the packaged services (the reactor packages them before this
 * module) with embedded PostgreSQL and Redis, as on a machine that has only a JDK.
 */
class SuiteScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    private static final int[] SUITE_PORTS = { 8080, 8081, 8082, 8083, 9000, 9080, Postgres.EMBEDDED_PORT, Redis.EMBEDDED_PORT };

    @TempDir
    Path dataDir;

    @Test
    void shouldStartEverythingDetachedWithEmbeddedBackendsAndLeaveNothingBehindOnDown() throws Exception {
        Result up = run(List.of("./suite", "up", "--detach"));
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("using embedded PostgreSQL", "using embedded Redis", "all services are ready");
        List<Long> pids = servicePids();
        assertThat(pids).hasSize(4);

        Result status = run(List.of("./suite", "status"));
        assertThat(status.output()).contains("auth-service", "messaging-service", "media-service", "gateway");
        assertThat(status.output().lines().filter(l -> l.contains("ready=UP")).count()).isEqualTo(4);

        Result down = run(List.of("./suite", "down"));
        assertThat(down.exit()).as(down.output()).isZero();
        assertNothingLeft(pids);
        assertThat(run(List.of("./suite", "status")).exit()).isEqualTo(3);
    }

    @Test
    void shouldStopEverythingWhenTheForegroundSuiteIsInterrupted() throws Exception {
        Process suite = builder(List.of("./suite", "up")).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(suite.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("Stop with Ctrl-C")) {
                break;
            }
        }
        assertThat(seen.toString()).contains("all services are ready");
        List<Long> pids = servicePids();
        new ProcessBuilder("kill", "-INT", Long.toString(suite.pid())).start().waitFor();
        assertThat(suite.waitFor(90, TimeUnit.SECONDS)).as("the launcher exits after Ctrl-C").isTrue();
        assertNothingLeft(pids);
    }

    private List<Long> servicePids() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String line : Files.readAllLines(dataDir.resolve("run/services"))) {
            pids.add(Long.parseLong(line.split(" ")[1]));
        }
        return pids;
    }

    private static void assertNothingLeft(List<Long> pids) {
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("service pid " + pid).isFalse();
        }
        for (int port : SUITE_PORTS) {
            assertThat(Ports.answers("127.0.0.1", port)).as("port " + port + " closed").isFalse();
        }
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("DATA_DIR", dataDir.toString());
        env.put("SUITE_POSTGRES", "embedded");
        env.put("SUITE_REDIS", "embedded");
        env.remove("DB_HOST");
        env.remove("REDIS_URL");
        env.remove("S3_ENDPOINT");
        return builder;
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> command) throws Exception {
        Process process = builder(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
