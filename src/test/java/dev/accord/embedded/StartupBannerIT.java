package dev.accord.embedded;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged jar on its embedded default: "Accord is ready" means the API can be called now.
 * The moment the banner's first line is read, a connection to the HTTP port must succeed.
 */
class StartupBannerIT {

    private static final long START_TIMEOUT_SECONDS = 180;

    @Test
    void the_http_port_answers_when_the_banner_is_printed() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is missing: this test runs after `mvn package`");
        Path data = Files.createTempDirectory("accord-banner-");
        int httpPort = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-D" + EmbeddedSettings.DATA_DIR + "=" + data,
                "-D" + EmbeddedSettings.KAFKA_PORT + "=" + freePort(),
                "-D" + EmbeddedSettings.POSTGRES_PORT + "=" + freePort(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-jar", jar.toString());
        Process accord = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(accord.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
            String line;
            while ((line = lines.readLine()) != null && System.nanoTime() < deadline) {
                output.add(line);
                if (line.contains("Accord is ready")) {
                    assertTrue(connects(httpPort), "the banner was printed while port " + httpPort
                            + " refused connections");
                    return;
                }
            }
            fail("no banner within " + START_TIMEOUT_SECONDS + " s:\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
        } finally {
            accord.destroy();
            if (!accord.waitFor(60, TimeUnit.SECONDS)) {
                accord.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static boolean connects(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
