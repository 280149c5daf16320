package dev.accord.faults;

import dev.accord.embedded.EmbeddedInfrastructure;
import dev.accord.embedded.EmbeddedSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One scenario's world: real PostgreSQL and Kafka started by this JVM (so the scenario can
 * stop and start them), and the packaged Accord as a separate process pointed at them.
 * Everything lives under {@code target/}: the servers' data in {@code faults/<scenario>/}, the
 * service's log and the figures in {@code reliability/}.
 */
final class FaultEnvironment implements AutoCloseable {

    private final EmbeddedInfrastructure infrastructure;
    private final ServiceProcess service;
    private final AccordHttp http;
    private final StoreInspector store;

    private FaultEnvironment(EmbeddedInfrastructure infrastructure, ServiceProcess service) {
        this.infrastructure = infrastructure;
        this.service = service;
        this.http = new AccordHttp(service.baseUri());
        this.store = new StoreInspector(infrastructure.quarkusConfig());
    }

    static FaultEnvironment start(String scenario) {
        Path data = target().resolve("faults").resolve(scenario);
        deleteRecursively(data);
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedSettings.onFreePorts(data));
        try {
            ServiceProcess service = ServiceProcess.start(jar(), infrastructure.quarkusConfig(),
                    output().resolve(scenario + "-service.log"));
            return new FaultEnvironment(infrastructure, service);
        } catch (RuntimeException e) {
            infrastructure.stop();
            throw e;
        }
    }

    EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    ServiceProcess service() {
        return service;
    }

    AccordHttp http() {
        return http;
    }

    StoreInspector store() {
        return store;
    }

    ReadModels readModels() {
        return new ReadModels(store);
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            infrastructure.stop();
        }
    }

    /** Where the figures and logs go: {@code target/reliability}, set by the failsafe configuration. */
    static Path output() {
        return Path.of(System.getProperty("accord.faults.output", target().resolve("reliability").toString()));
    }

    static Path jar() {
        return Path.of(System.getProperty("accord.faults.jar",
                target().resolve("quarkus-app").resolve("quarkus-run.jar").toString()));
    }

    static Path target() {
        return Path.of("target").toAbsolutePath();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
