package dev.accord.alignment.readmodel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Every change of an alignment read model row, as PostgreSQL announces it (LISTEN on
 * {@link AlignmentViews#CHANNEL}). The announcement comes from the database, so a subscriber on
 * any replica hears about changes whichever replica's projection or clock made them.
 */
@ApplicationScoped
public class AlignmentChanges {

    private static final Logger LOG = Logger.getLogger(AlignmentChanges.class);

    /** One change: the initiative and the version its row is at now. */
    public record Change(UUID initiativeId, long version) {
    }

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();
    private PgSubscriber subscriber;

    void start(@Observes StartupEvent started) {
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(AlignmentViews.CHANNEL).handler(this::announce);
        subscriber.connect().subscribe().with(
                connected -> LOG.debug("listening for alignment changes"),
                failure -> LOG.warnf("cannot listen for alignment changes yet: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        changes.onComplete();
    }

    private void announce(String payload) {
        int colon = payload.lastIndexOf(':');
        try {
            changes.onNext(new Change(UUID.fromString(payload.substring(0, colon)),
                    Long.parseLong(payload.substring(colon + 1))));
        } catch (RuntimeException malformed) {
            LOG.debugf("ignoring an alignment notification that is not ours: %s", payload);
        }
    }

    public Multi<Change> of(UUID initiativeId) {
        return changes.filter(change -> change.initiativeId().equals(initiativeId));
    }
}
