package dev.accord.webhook;

import dev.accord.config.PeriodicRound;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record types some active subscription names, as this replica last read them, so that the
 * feed passes over every other record (most of them, on a busy service with few subscriptions)
 * without parsing it or writing to the database. Read again every
 * {@code accord.webhooks.poll-interval}, and at once when a subscription is made or removed
 * through this replica; one made through another replica is seen here within a poll interval.
 * Until the first reading every type counts as named, so nothing is passed over at start.
 */
@ApplicationScoped
public class SubscribedTypes {

    private static final Logger LOG = Logger.getLogger(SubscribedTypes.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    WebhookSettings settings;

    private final PeriodicRound round = new PeriodicRound("reading the subscribed webhook types", LOG, this::refresh);
    private final AtomicLong readings = new AtomicLong();
    private long applied;
    private volatile Set<String> types;

    void start(@Observes StartupEvent startup) {
        round.start(vertx, settings.pollInterval());
        round.run();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        round.stop(vertx);
    }

    /** Whether a record of {@code type} may be wanted by some subscription. */
    public boolean named(String type) {
        Set<String> known = types;
        return known == null || known.contains(type);
    }

    /** Reads the types again; a reading that started before one already applied is dropped. */
    public Uni<Void> refresh() {
        long reading = readings.incrementAndGet();
        return pool.query("select distinct unnest(types) as type from webhook_subscription where status = 'ACTIVE'")
                .execute()
                .invoke(rows -> {
                    Set<String> read = new HashSet<>();
                    for (Row row : rows) {
                        read.add(row.getString("type"));
                    }
                    apply(reading, Set.copyOf(read));
                })
                .replaceWithVoid();
    }

    private synchronized void apply(long reading, Set<String> read) {
        if (reading > applied) {
            applied = reading;
            types = read;
        }
    }
}
