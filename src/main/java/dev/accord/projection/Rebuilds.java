package dev.accord.projection;

import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.Rejection;
import dev.accord.readmodel.ApplyFailed;
import dev.accord.readmodel.ReadModel;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rebuilds read models from the event store while the live projection runs: initiative by
 * initiative, each read model's row is folded afresh from the whole stream under the same lock
 * the live projection takes, so whichever of the two writes last writes from the store, and the
 * row ends as the live projection would have it. An initiative a read model fails on is parked
 * (as live) and the rebuild goes on; a parked initiative that now folds is released.
 * <p>
 * Progress is kept in memory by the replica that runs the rebuild.
 * <p>
 * Each initiative is rebuilt on an event loop taken in turn from Vert.x's, not on the one that
 * received the request: the decoding, folding and writing of a rebuild are CPU work, and
 * {@code accord.projection.rebuild-concurrency} initiatives at a time on one event loop would
 * still use one core.
 */
@ApplicationScoped
public class Rebuilds {

    private static final Logger LOG = Logger.getLogger(Rebuilds.class);
    private static final int KEPT = 20;

    @Inject
    Projections projections;

    @Inject
    ParkedInitiatives parked;

    @Inject
    EventStore eventStore;

    @Inject
    Clock clock;

    @Inject
    TransientRetry retry;

    @Inject
    Vertx vertx;

    /** How many initiatives a rebuild folds at a time. */
    @ConfigProperty(name = "accord.projection.rebuild-concurrency", defaultValue = "2")
    int concurrency;

    private final Map<String, AtomicReference<RebuildStatus>> rebuilds = new ConcurrentHashMap<>();
    private final AtomicReference<String> latest = new AtomicReference<>();

    /**
     * Starts rebuilding every initiative, or the one given, and answers at once with its status.
     * A rebuild of the same scope still running is answered instead of starting a second one, so
     * repeated requests cannot pile rebuilds onto the database.
     *
     * @throws Rejection.NotFound when the one initiative has no stream
     */
    public Uni<RebuildStatus> start(Optional<UUID> initiativeId) {
        String scopeName = initiativeId.map(UUID::toString).orElse("ALL");
        Optional<RebuildStatus> running = rebuilds.values().stream().map(AtomicReference::get)
                .filter(status -> status.state() == RebuildStatus.State.RUNNING && status.scope().equals(scopeName))
                .findFirst();
        if (running.isPresent()) {
            return Uni.createFrom().item(running.get());
        }
        Uni<List<UUID>> scope = initiativeId.isEmpty() ? eventStore.initiativeIds()
                : eventStore.exists(initiativeId.get()).map(exists -> {
                    if (!exists) {
                        throw new Rejection.NotFound(
                                "initiative " + initiativeId.get() + " does not exist");
                    }
                    return List.of(initiativeId.get());
                });
        return scope.map(ids -> {
            String id = UUID.randomUUID().toString();
            AtomicReference<RebuildStatus> status = new AtomicReference<>(new RebuildStatus(id,
                    scopeName, RebuildStatus.State.RUNNING, ids.size(), 0, 0,
                    clock.instant(), null, null));
            remember(id, status);
            run(ids, status);
            return status.get();
        });
    }

    public Optional<RebuildStatus> find(String rebuildId) {
        return Optional.ofNullable(rebuilds.get(rebuildId)).map(AtomicReference::get);
    }

    /** The rebuild started last on this replica, if any. */
    public Optional<RebuildStatus> latest() {
        return Optional.ofNullable(latest.get()).flatMap(this::find);
    }

    private void run(List<UUID> ids, AtomicReference<RebuildStatus> status) {
        Multi.createFrom().iterable(ids)
                .onItem().transformToUni(initiativeId -> onAnEventLoopInTurn(() -> rebuild(initiativeId))
                        .invoke(events -> status.updateAndGet(now -> now.progressed(1, events))))
                .merge(concurrency)
                .collect().last()
                .subscribe().with(
                        done -> status.updateAndGet(now -> now.finished(clock.instant(), null)),
                        failure -> {
                            LOG.errorf(failure, "Rebuild %s failed", status.get().rebuildId());
                            status.updateAndGet(now -> now.finished(clock.instant(), failure.getMessage()));
                        });
    }

    /** Runs {@code work} on the next of Vert.x's event loops (round robin), whichever thread asks. */
    private <T> Uni<T> onAnEventLoopInTurn(Supplier<Uni<T>> work) {
        Context context = ((VertxInternal) vertx).createEventLoopContext();
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> work.get().subscribe()
                .with(emitter::complete, emitter::fail)));
    }

    /**
     * Reads the initiative's stream once for every read model (each reads under its lock only
     * what was recorded since).
     *
     * @return how many events the rebuild folded for the initiative, over every read model
     */
    private Uni<Long> rebuild(UUID initiativeId) {
        return retry.untilItHolds(() -> Uni.combine().all()
                                .unis(parked.projectionsParking(initiativeId),
                                        eventStore.read(initiativeId, 1, Integer.MAX_VALUE)).asTuple(),
                        "Reading initiative " + initiativeId + " for a rebuild")
                .chain(read -> {
                    Uni<Long> events = Uni.createFrom().item(0L);
                    for (ReadModel<?> model : projections.readModels()) {
                        events = events.chain(sum -> refold(model, initiativeId, read.getItem1(), read.getItem2())
                                .map(folded -> sum + folded));
                    }
                    return events;
                });
    }

    private Uni<Long> refold(ReadModel<?> model, UUID initiativeId, Set<String> parking, List<StoredEvent> stream) {
        return retry.untilItHolds(() -> projections.refold(model, initiativeId, parking.contains(model.name()), stream),
                        "Rebuilding initiative " + initiativeId + " in the " + model.name() + " read model")
                .map(change -> (long) change.events())
                // parked by the refold, as the live projection would; the rebuild goes on
                .onFailure(ApplyFailed.class).recoverWithItem(0L);
    }

    private void remember(String id, AtomicReference<RebuildStatus> status) {
        rebuilds.put(id, status);
        latest.set(id);
        if (rebuilds.size() > KEPT) {
            rebuilds.values().stream().map(AtomicReference::get)
                    .filter(old -> old.state() != RebuildStatus.State.RUNNING)
                    .min((a, b) -> a.startedAt().compareTo(b.startedAt()))
                    .ifPresent(oldest -> rebuilds.remove(oldest.rebuildId()));
        }
    }

    /** A rebuild id this replica does not know. */
    public static final class UnknownRebuild extends RuntimeException {
        public UnknownRebuild(String rebuildId) {
            super("no rebuild " + rebuildId + " is known here");
        }
    }
}
