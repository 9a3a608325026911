package dev.chatsuite.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service run as {@code java -jar quarkus-run.jar}, its output in data/logs/<name>.log. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    /** Where /q/health is served: the service's port, or its management port (the gateway's). */
    final int healthPort;
    final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, int healthPort, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.healthPort = healthPort;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(String name, Path jar, int port, int healthPort, Map<String, String> env, List<String> jvmOptions,
            Path logs) throws IOException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; ./suite builds it with ./mvnw package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(name, port, healthPort, log, builder.start());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String healthUrl() {
        return "http://127.0.0.1:" + healthPort + "/q/health/ready";
    }

    /** Waits for /q/health/ready (on the health port) to answer 200; false when the process dies or time runs out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(healthUrl())).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** SIGTERM first, so Quarkus shuts down gracefully (WebSockets close with 1001); SIGKILL after the grace period. */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
