package dev.accord.readmodel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every change of a read model row, as PostgreSQL announces it: each write of a row notifies
 * {@value #CHANNEL} with {@code <read model>:<initiativeId>:<version>} in the writing
 * transaction, and this replica LISTENs there. The announcement comes from the database, so a
 * listener on any replica hears about changes whichever replica's projection or clock made them.
 *
 * <p>Listeners are called on the listening connection's thread and must not block. Nothing is
 * queued for a listener, so a slow one cannot be overrun and cannot hold up the others: it is
 * only told that the row may have changed and the version announced, and reads it when it is
 * ready. A listener waiting for a version can ignore the announcements below it. Notifications
 * sent while the listening connection was down are lost, so every listener is told again when
 * it is back, with no version ("it may have changed, look"), as it is told of an announcement
 * of its row that names no version; a listener that cannot afford to miss one also looks again
 * now and then.
 */
@ApplicationScoped
public class RowChanges {

    /** PostgreSQL NOTIFY channel of every read model. */
    public static final String CHANNEL = "accord_read_models";

    private static final Logger LOG = Logger.getLogger(RowChanges.class);

    /** Ends one {@link #listen} registration; closing twice is harmless. */
    public interface Listening extends AutoCloseable {
        @Override
        void close();
    }

    /** Told of each change of one row. */
    @FunctionalInterface
    public interface Listener {

        /**
         * @param version the version the row was announced at; empty when it is not known (the
         *                listening connection was back after notifications may have been lost,
         *                or the announcement named none): the row may be at any version
         */
        void changed(OptionalLong version);
    }

    private record Key(String model, UUID initiativeId) {
    }

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final Map<Key, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    void start(@Observes StartupEvent started) {
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(CHANNEL).handler(this::announce).subscribeHandler(this::announceToAll);
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("listening for read model changes"),
                failure -> LOG.warnf("cannot listen for read model changes yet: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Announces, in the transaction of {@code connection}, that the row is now at {@code version}. */
    public Uni<Void> announce(SqlClient connection, ReadModel<?> model, UUID initiativeId, long version) {
        return connection.preparedQuery("select pg_notify($1, $2)")
                .execute(Tuple.of(CHANNEL, payload(model, initiativeId, version)))
                .replaceWithVoid();
    }

    /**
     * Announces, in the transaction of {@code connection}, each row of {@code versions} at its
     * version, in one statement: the same notifications as {@link #announce(SqlClient, ReadModel,
     * UUID, long)} once per row.
     */
    public Uni<Void> announce(SqlClient connection, ReadModel<?> model, Map<UUID, Long> versions) {
        if (versions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] payloads = versions.entrySet().stream()
                .map(row -> payload(model, row.getKey(), row.getValue())).toArray(String[]::new);
        return connection.preparedQuery("select count(pg_notify($1, payload)) from unnest($2::text[]) as payload")
                .execute(Tuple.of(CHANNEL, payloads))
                .replaceWithVoid();
    }

    private static String payload(ReadModel<?> model, UUID initiativeId, long version) {
        return model.name() + ":" + initiativeId + ":" + version;
    }

    /** A notification as received on {@value #CHANNEL}. */
    void announce(String payload) {
        int afterModel = payload.indexOf(':');
        int afterInitiative = payload.indexOf(':', afterModel + 1);
        Key key;
        try {
            key = new Key(payload.substring(0, afterModel), UUID.fromString(afterInitiative < 0
                    ? payload.substring(afterModel + 1) : payload.substring(afterModel + 1, afterInitiative)));
        } catch (RuntimeException malformed) {
            LOG.debugf("ignoring a read model notification that is not ours: %s", payload);
            return;
        }
        OptionalLong version = afterInitiative < 0 ? OptionalLong.empty() : version(payload.substring(afterInitiative + 1));
        listeners.getOrDefault(key, Set.of()).forEach(listener -> tell(listener, version));
    }

    private static OptionalLong version(String announced) {
        try {
            return OptionalLong.of(Long.parseLong(announced));
        } catch (NumberFormatException notAVersion) {
            return OptionalLong.empty();
        }
    }

    /** Every listener, as the listening connection is (back) up and notifications may have been lost. */
    void announceToAll() {
        listeners.values().forEach(present -> present.forEach(listener -> tell(listener, OptionalLong.empty())));
    }

    private static void tell(Listener listener, OptionalLong version) {
        try {
            listener.changed(version);
        } catch (RuntimeException failed) {
            LOG.warnf(failed, "a read model change listener failed");
        }
    }

    /**
     * Runs {@code onChange} after each change of the initiative's row in the read model, from now
     * until the returned registration is closed, whatever version the change is announced at.
     */
    public Listening listen(ReadModel<?> model, UUID initiativeId, Runnable onChange) {
        return listen(model, initiativeId, version -> onChange.run());
    }

    /**
     * Tells {@code onChange} of each change of the initiative's row in the read model, with the
     * version announced, from now until the returned registration is closed.
     */
    public Listening listen(ReadModel<?> model, UUID initiativeId, Listener onChange) {
        Key key = new Key(model.name(), initiativeId);
        listeners.compute(key, (id, present) -> {
            Set<Listener> listening = present == null ? ConcurrentHashMap.newKeySet() : present;
            listening.add(onChange);
            return listening;
        });
        return () -> listeners.computeIfPresent(key, (id, present) -> {
            present.remove(onChange);
            return present.isEmpty() ? null : present;
        });
    }
}
