package dev.accord.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The read side's meters on /q/metrics. Counters count what this replica saw since it started;
 * the gauges hold the figures {@link ProjectionStatus} last measured in the database.
 */
@ApplicationScoped
public class ProjectionMeters {

    static final String DEAD_LETTERED = "accord.projection.dead.lettered";
    static final String IGNORED = "accord.projection.ignored";
    static final String RETRIES = "accord.projection.retries";
    static final String BATCH = "accord.projection.batch.records";
    static final String PARKED = "accord.projection.parked";
    static final String LAG_EVENTS = "accord.projection.lag.events";
    static final String LAG_SECONDS = "accord.projection.lag.seconds";

    @Inject
    MeterRegistry registry;

    private Counter deadLettered;
    private Counter ignored;
    private Counter retries;
    private DistributionSummary batches;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        deadLettered = Counter.builder(DEAD_LETTERED)
                .description("Records on the events topic that could not be read, sent to the dead-letter topic")
                .register(registry);
        ignored = Counter.builder(IGNORED)
                .description("Records on the events topic that disagree with the event store, ignored")
                .register(registry);
        retries = Counter.builder(RETRIES)
                .description("Projection attempts that failed transiently (database away, lock timeout) and are retried")
                .register(registry);
        batches = DistributionSummary.builder(BATCH)
                .description("Records per poll the projection checked and applied together")
                .register(registry);
    }

    void batch(int records) {
        batches.record(records);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void ignored() {
        ignored.increment();
    }

    void retried() {
        retries.increment();
    }

    long deadLetteredCount() {
        return (long) deadLettered.count();
    }

    long ignoredCount() {
        return (long) ignored.count();
    }

    /** Sets the gauges of one read model, registering them the first time it is measured. */
    void measured(String projection, long parked, long lagEvents, double lagSeconds) {
        Measured gauges = measured.computeIfAbsent(projection, this::gauges);
        gauges.parked.set(parked);
        gauges.lagEvents.set(lagEvents);
        gauges.lagMillis.set(Math.round(lagSeconds * 1000));
    }

    private Measured gauges(String projection) {
        Measured gauges = new Measured(new AtomicLong(), new AtomicLong(), new AtomicLong());
        Gauge.builder(PARKED, gauges.parked, AtomicLong::get).tag("projection", projection)
                .description("Initiatives this read model has parked after a failure that would recur")
                .register(registry);
        Gauge.builder(LAG_EVENTS, gauges.lagEvents, AtomicLong::get).tag("projection", projection)
                .description("Events recorded in the store that this read model has not applied yet")
                .register(registry);
        Gauge.builder(LAG_SECONDS, gauges.lagMillis, millis -> millis.get() / 1000.0).tag("projection", projection)
                .description("Age of the oldest event recorded in the store that this read model has not applied")
                .register(registry);
        return gauges;
    }

    private record Measured(AtomicLong parked, AtomicLong lagEvents, AtomicLong lagMillis) {
    }
}
