package dev.accord.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar, started in the prod profile with nothing configured, refuses and says why. */
class ProductionStartIT {

    @Test
    void the_prod_profile_without_its_settings_exits_non_zero_naming_what_is_missing() throws Exception {
        Path jar = Path.of(System.getProperty("accord.faults.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar at " + jar);
        Path output = Files.createTempFile("accord-prod-start", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=prod", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("MP_JWT_")
                || name.startsWith("KAFKA_") || name.startsWith("ACCORD_"));
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process ends by itself");
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertNotEquals(0, process.exitValue(), printed);
            assertTrue(printed.contains("Accord cannot start in the prod profile"), printed);
            assertTrue(printed.contains("no key to verify bearer tokens"), printed);
            assertTrue(printed.contains("QUARKUS_DATASOURCE_REACTIVE_URL"), printed);
            assertTrue(printed.contains("KAFKA_BOOTSTRAP_SERVERS"), printed);
            assertTrue(printed.contains("the database password is the default one"), printed);
        } finally {
            process.destroyForcibly();
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system cleans it up eventually
        }
    }
}
