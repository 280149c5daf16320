package dev.accord.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import dev.accord.embedded.EmbeddedInfrastructure;
import dev.accord.embedded.EmbeddedSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real PostgreSQL and Kafka the {@code @QuarkusTest}s run against: the same embedded
 * servers Accord starts for itself, on free ports, in a fresh temporary directory that is
 * deleted afterwards.
 * <p>
 * Declared here, once, as {@code @QuarkusTestResource(restrictToAnnotatedClass = false)}:
 * Quarkus collects that annotation from any class of the test sources and applies it to every
 * {@code @QuarkusTest}, so test classes need nothing but {@code @QuarkusTest}, the servers start
 * once per test run and the application starts once for all test classes (as long as none
 * brings its own {@code @TestProfile} or class-restricted resource, which forces a restart).
 * {@code @WithTestResource(scope = GLOBAL)} would behave the same in 3.33; the older annotation
 * was kept because its global behaviour is its long-standing default, while
 * {@code @WithTestResource}'s scoping rules have changed across recent releases.
 * <p>
 * Tests do not go through {@code AccordMain}, so nothing here depends on the launcher's
 * settings; the returned configuration outranks application.properties for the test run.
 * <p>
 * Quarkus loads this resource and the test classes with the same class loader, which lets
 * tests reach the running servers through the static {@link #withKafkaDown} and {@link #withPostgresDown}.
 */
@QuarkusTestResource(value = AccordInfrastructure.class, restrictToAnnotatedClass = false)
public final class AccordInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedInfrastructure running;

    private Path directory;
    private EmbeddedInfrastructure infrastructure;

    /**
     * Stops the tests' broker, runs {@code whileDown}, then starts the broker again on the same
     * port and data, as an outage and recovery of Kafka would look to Accord.
     */
    public static void withKafkaDown(Runnable whileDown) {
        running().withKafkaStopped(whileDown);
    }

    /**
     * Stops the tests' PostgreSQL (cutting Accord's connections), runs {@code whileDown}, then
     * starts it again on the same port, data and passwords, as an outage and recovery of the
     * database would look to Accord.
     */
    public static void withPostgresDown(Runnable whileDown) {
        running().withPostgresStopped(whileDown);
    }

    private static EmbeddedInfrastructure running() {
        EmbeddedInfrastructure infrastructure = running;
        if (infrastructure == null) {
            throw new IllegalStateException("the test infrastructure is not running; is this a @QuarkusTest?");
        }
        return infrastructure;
    }

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("accord-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        infrastructure = EmbeddedInfrastructure.start(EmbeddedSettings.onFreePorts(directory));
        running = infrastructure;
        return infrastructure.quarkusConfig();
    }

    @Override
    public void stop() {
        running = null;
        if (infrastructure != null) {
            infrastructure.stop();
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing the build for
        }
    }
}
