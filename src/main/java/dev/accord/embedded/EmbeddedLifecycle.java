package dev.accord.embedded;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Ties the infrastructure the launcher started to the life of the Quarkus application: it is
 * stopped once the application is gone, whether Quarkus ends normally, on SIGTERM/Ctrl-C, or
 * fails to start.
 * <p>
 * Its observers are static: at {@code @Destroyed(ApplicationScoped.class)} no bean instance
 * may be created any more. Declaring observers keeps the bean from being removed as unused.
 */
@Singleton
public final class EmbeddedLifecycle {

    private static final Logger LOG = Logger.getLogger(EmbeddedLifecycle.class);

    // How long the JVM exit waits for Quarkus to stop the application (and so the infrastructure).
    private static final Duration APPLICATION_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static volatile EmbeddedInfrastructure attached;
    private static volatile boolean applicationStarted;

    /** Called by the launcher, before Quarkus runs, for the infrastructure it started. */
    public static void attach(EmbeddedInfrastructure infrastructure) {
        attached = infrastructure;
        applicationStarted = false;
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> stopAtJvmExit(infrastructure), "accord-embedded-stop"));
    }

    /** The infrastructure this process started for the running application, if any. */
    public static Optional<EmbeddedInfrastructure> attached() {
        return Optional.ofNullable(attached);
    }

    static void applicationStarted(@Observes StartupEvent event) {
        applicationStarted = true;
    }

    /*
     * Not ShutdownEvent: that fires while the Kafka connector is still running, so stopping the
     * broker there makes the clients fail and leave their group uncleanly, and the next start
     * waits ~45 s for the partitions. This event comes after every application bean, the
     * connector included, is gone.
     */
    static void applicationDestroyed(@Observes @Destroyed(ApplicationScoped.class) Object event) {
        EmbeddedInfrastructure infrastructure = attached;
        if (infrastructure != null && !infrastructure.isStopped()) {
            LOG.info("Application stopped; stopping the embedded infrastructure");
            infrastructure.stop();
        }
    }

    /*
     * Backstop for exits that destroy no application: Quarkus failed before CDI was up, or the
     * JVM was asked to exit while starting. On SIGTERM or Ctrl-C, Quarkus's own shutdown hook
     * runs at the same time and reaches the observer above; stopping here too early would pull
     * the broker from under the still-running connector, so wait for it first.
     */
    private static void stopAtJvmExit(EmbeddedInfrastructure infrastructure) {
        if (applicationStarted && infrastructure.awaitStopped(APPLICATION_STOP_TIMEOUT)) {
            return;
        }
        infrastructure.stop();
    }
}
