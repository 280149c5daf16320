package dev.accord.projection;

import dev.accord.eventstore.PgErrors;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How the read side waits out a transient failure (database away, lock timeout, serialization
 * failure): it tries again, with exponential backoff up to a cap, for as long as the failure
 * lasts. Giving up would mean dropping a good event or parking a healthy initiative.
 */
@ApplicationScoped
class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);

    @Inject
    ProjectionMeters meters;

    @ConfigProperty(name = "accord.projection.retry.initial-backoff", defaultValue = "200ms")
    Duration initialBackoff;

    @ConfigProperty(name = "accord.projection.retry.max-backoff", defaultValue = "5s")
    Duration maxBackoff;

    /** Subscribes to a fresh {@code attempt} until it ends other than by a transient failure. */
    <T> Uni<T> untilItHolds(Supplier<Uni<? extends T>> attempt, String what) {
        return Uni.createFrom().<T>deferred(attempt)
                .onFailure(PgErrors::isTransient).invoke(failure -> {
                    meters.retried();
                    LOG.warnf("%s failed transiently, retrying: %s", what, failure.getMessage());
                })
                .onFailure(PgErrors::isTransient).retry().withBackOff(initialBackoff, maxBackoff).indefinitely();
    }
}
