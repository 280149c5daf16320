package dev.accord.alignment.readmodel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Time changes alignment without any event: a commitment falls overdue when its due date
 * passes. This clock evaluates again, every {@code accord.alignment.refresh-interval}, the rows
 * whose next due date has passed, so the listing, band filter and portfolio follow the clock.
 * (Reads of one initiative's alignment are always evaluated at the request's own clock.)
 * {@code accord.alignment.clock.reevaluated} counts the rows this replica evaluated again.
 */
@ApplicationScoped
public class AlignmentClock {

    private static final Logger LOG = Logger.getLogger(AlignmentClock.class);
    private static final int BATCH = 100;

    @Inject
    Vertx vertx;

    @Inject
    AlignmentViews views;

    @ConfigProperty(name = "accord.alignment.refresh-interval", defaultValue = "5s")
    Duration interval;

    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;
    private Counter reevaluated;

    void start(@Observes StartupEvent started, MeterRegistry meters) {
        reevaluated = Counter.builder("accord.alignment.clock.reevaluated")
                .description("Alignment rows this replica's clock evaluated again because a due date passed")
                .register(meters);
        timer = vertx.setPeriodic(interval.toMillis(), id -> tick());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One round; a round still running when the next is due is not doubled. */
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        views.refreshDue(BATCH)
                .eventually(() -> running.set(false))
                .subscribe().with(
                        refreshed -> {
                            reevaluated.increment(refreshed);
                            if (refreshed == BATCH) {
                                vertx.runOnContext(this::tick);
                            }
                        },
                        failure -> LOG.debugf("alignment clock round failed, next round retries: %s",
                                failure.getMessage()));
    }
}
