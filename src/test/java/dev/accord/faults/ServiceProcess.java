package dev.accord.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Accord ({@code java -jar quarkus-run.jar}) as its own operating-system process,
 * pointed at servers the test started, with embedded mode off. It keeps its HTTP port across
 * restarts, so clients hold one base address for the whole scenario, and appends its output to
 * one log file.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path jar;
    private final Map<String, String> config;
    private final Path log;
    private final int port;
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;

    private ServiceProcess(Path jar, Map<String, String> config, Path log, int port) {
        this.jar = jar;
        this.config = Map.copyOf(config);
        this.log = log;
        this.port = port;
    }

    /** Starts the jar and returns once {@code /q/health/ready} answers 200. */
    static ServiceProcess start(Path jar, Map<String, String> config, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the fault suite runs after `mvn package`");
        }
        ServiceProcess service = new ServiceProcess(jar, config, log, freePort());
        service.launch();
        return service;
    }

    URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: on Linux {@link Process#destroyForcibly()} gives the JVM no chance to clean up. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
        appendToLog("---- killed (SIGKILL) by the fault suite ----");
    }

    /** Starts the jar again on the same port and answers how long it took to become ready. */
    Duration restart() {
        if (isAlive()) {
            kill();
        }
        return launch();
    }

    /** A clean stop (SIGTERM), forced after 30 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            kill();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Duration launch() {
        long started = System.nanoTime();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The machine is small and shared; the documented figure for the whole tree is at this heap.
        command.add("-Xmx320m");
        command.add("-XX:+UseSerialGC");
        command.add("-Daccord.embedded.enabled=false");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            appendToLog("---- starting: java -jar " + jar.getFileName() + " on port " + port + " ----");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Accord exited with " + process.exitValue() + " while starting:\n"
                        + logTail(40));
            }
            try {
                if (probe.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Accord", e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Accord was not ready within " + READY_TIMEOUT + ":\n" + logTail(40));
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
