package dev.accord.alignment.readmodel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every change of an alignment read model row, as PostgreSQL announces it (LISTEN on
 * {@link AlignmentViews#CHANNEL}). The announcement comes from the database, so a subscriber on
 * any replica hears about changes whichever replica's projection or clock made them.
 *
 * <p>Listeners are called on the listening connection's thread and must not block. Nothing is
 * queued for a listener, so a slow one cannot be overrun and cannot hold up the others: it is
 * only told that the row may have changed, and reads it when it is ready. Notifications sent
 * while the listening connection was down are lost, so every listener is told again when it
 * is back.
 */
@ApplicationScoped
public class AlignmentChanges {

    private static final Logger LOG = Logger.getLogger(AlignmentChanges.class);

    /** Ends one {@link #listen} registration; closing twice is harmless. */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final Map<UUID, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    void start(@Observes StartupEvent started) {
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(AlignmentViews.CHANNEL).handler(this::announce).subscribeHandler(this::announceToAll);
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("listening for alignment changes"),
                failure -> LOG.warnf("cannot listen for alignment changes yet: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private void announce(String payload) {
        UUID initiativeId;
        try {
            initiativeId = UUID.fromString(payload.substring(0, payload.lastIndexOf(':')));
        } catch (RuntimeException malformed) {
            LOG.debugf("ignoring an alignment notification that is not ours: %s", payload);
            return;
        }
        listeners.getOrDefault(initiativeId, Set.of()).forEach(this::tell);
    }

    private void announceToAll() {
        listeners.values().forEach(present -> present.forEach(this::tell));
    }

    private void tell(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException failed) {
            LOG.warnf(failed, "an alignment change listener failed");
        }
    }

    /**
     * Runs {@code onChange} after each change of the initiative's row, from now until the
     * returned registration is closed.
     */
    public Listening listen(UUID initiativeId, Runnable onChange) {
        listeners.compute(initiativeId, (id, present) -> {
            Set<Runnable> listening = present == null ? ConcurrentHashMap.newKeySet() : present;
            listening.add(onChange);
            return listening;
        });
        return () -> listeners.computeIfPresent(initiativeId, (id, present) -> {
            present.remove(onChange);
            return present.isEmpty() ? null : present;
        });
    }
}
