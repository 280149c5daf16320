package dev.accord.projection;

import dev.accord.config.PeriodicRound;
import dev.accord.readmodel.ReadModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where the read side stands: per read model, the events it applied, how many recorded events
 * and how many seconds it is behind the store, and what it parked; per partition, the consumer
 * group's position. The lag gauges are measured every {@code accord.projection.status-interval}.
 */
@ApplicationScoped
public class ProjectionStatus {

    private static final Logger LOG = Logger.getLogger(ProjectionStatus.class);

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Projections projections;

    @Inject
    KafkaPositions kafka;

    @Inject
    Rebuilds rebuilds;

    @Inject
    ProjectionMeters meters;

    @ConfigProperty(name = "accord.projection.status-interval", defaultValue = "10s")
    Duration interval;

    private final PeriodicRound measuring = new PeriodicRound("measuring the projection lag", LOG, this::measure);

    public record Report(List<Projection> projections, List<KafkaPositions.PartitionPosition> partitions,
                         long ignoredRecords, long deadLettered, RebuildStatus rebuild) {
    }

    public record Projection(String name, long appliedEvents, long lagEvents, double lagSeconds,
                             List<ParkedInitiative> parked) {
    }

    /** A parked initiative as operators see it; {@code latestWaiting} is the last version waiting behind it. */
    public record ParkedInitiative(UUID initiativeId, long version, UUID eventId, String type, String error,
                                   Instant parkedAt, long latestWaiting) {
    }

    private record Lag(long applied, long events, double seconds) {
    }

    public Uni<Report> report() {
        Uni<List<Projection>> measured = measure();
        Uni<List<KafkaPositions.PartitionPosition>> partitions = kafka.positions();
        return Uni.combine().all().unis(measured, partitions).asTuple()
                .map(both -> new Report(both.getItem1(), both.getItem2(), meters.ignoredCount(),
                        meters.deadLetteredCount(), rebuilds.latest().orElse(null)));
    }

    /** Measures every read model and sets the gauges from what it found. */
    Uni<List<Projection>> measure() {
        return projections.parked().chain(parked -> {
            List<Projection> measured = new ArrayList<>();
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ReadModel<?> model : projections.readModels()) {
                List<ParkedInitiative> own = parked.stream().filter(park -> park.projection().equals(model.name()))
                        .map(park -> new ParkedInitiative(park.initiativeId(), park.version(), park.eventId(),
                                park.type(), park.error(), park.parkedAt(), park.latestWaiting()))
                        .toList();
                all = all.chain(() -> lag(model).invoke(lag -> {
                    measured.add(new Projection(model.name(), lag.applied(), lag.events(), lag.seconds(), own));
                    meters.measured(model.name(), own.size(), lag.events(), lag.seconds());
                })).replaceWithVoid();
            }
            return all.replaceWith(measured);
        });
    }

    /**
     * The events of the store a read model has not applied, and the age of the oldest of them.
     * (Counted against the store, so it includes what is still in the outbox or on the topic.)
     * The store is not scanned: its initiatives are found by skipping along the stream index,
     * and each one's latest version and first unapplied event are looked up there, so the cost
     * follows the number of initiatives, not of events.
     */
    private Uni<Lag> lag(ReadModel<?> model) {
        return pool.query("""
                        with recursive initiatives (initiative_id) as (
                            (select initiative_id from event_store order by initiative_id limit 1)
                            union all
                            select (select e.initiative_id from event_store e where e.initiative_id > i.initiative_id
                                     order by e.initiative_id limit 1)
                              from initiatives i where i.initiative_id is not null
                        ), streams as (
                            select i.initiative_id, coalesce(v.version, 0) as applied,
                                   (select e.version from event_store e where e.initiative_id = i.initiative_id
                                     order by e.version desc limit 1) as latest,
                                   (select e.recorded_at from event_store e where e.initiative_id = i.initiative_id
                                       and e.version = coalesce(v.version, 0) + 1) as first_unapplied
                              from initiatives i left join %s v on v.initiative_id = i.initiative_id
                             where i.initiative_id is not null
                        )
                        select coalesce(sum(applied), 0)::bigint as applied,
                               coalesce(sum(greatest(latest - applied, 0)), 0)::bigint as behind,
                               coalesce(extract(epoch from clock_timestamp() - min(first_unapplied)), 0)::float8
                                   as seconds
                          from streams""".formatted(model.table()))
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Lag(row.getLong("applied"), row.getLong("behind"),
                            Math.max(0, row.getDouble("seconds")));
                });
    }

    void start(@Observes StartupEvent started) {
        measuring.start(vertx, interval);
        measuring.run();
    }

    void stop(@Observes ShutdownEvent stopping) {
        measuring.stop(vertx);
    }
}
