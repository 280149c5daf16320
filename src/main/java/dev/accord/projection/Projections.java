package dev.accord.projection;

import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.PgErrors;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.ApplyFailed;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.ReadModelRows;
import dev.accord.readmodel.ReadModelRows.Change;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps every read model in step with the event store. A record on the topic only says which
 * event to catch up to; a read model that fails on an initiative for a reason that would recur
 * parks that initiative (its later events wait behind the failure) and goes on with the rest.
 * Transient failures are left to the caller to retry: nothing here turns them into a park.
 */
@ApplicationScoped
public class Projections {

    private static final Logger LOG = Logger.getLogger(Projections.class);

    @Inject
    InitiativeViews details;

    @Inject
    AlignmentViews alignment;

    @Inject
    ReadModelRows rows;

    @Inject
    ParkedInitiatives parked;

    @Inject
    ProjectionMeters meters;

    /** Every read model the projection feeds, in the order it feeds them. */
    public List<ReadModel<?>> readModels() {
        return List.of(details, alignment);
    }

    enum Outcome { APPLIED, IGNORED }

    /**
     * Catches every read model up to the version the trigger announces (and beyond, to what the
     * store holds), provided the store holds that very event there; a trigger the store
     * contradicts is ignored and counted.
     */
    Uni<Outcome> project(Trigger trigger) {
        return parked.atVersion(trigger.initiativeId(), trigger.version()).chain(found -> {
            String disagreement = disagreement(trigger, found);
            if (disagreement != null) {
                ignore(trigger, disagreement);
                return Uni.createFrom().item(Outcome.IGNORED);
            }
            return applyEach(trigger, found.parking()).replaceWith(Outcome.APPLIED);
        });
    }

    /**
     * {@link #project(Trigger)} for the triggers of one poll, in far fewer round trips: one query
     * checks them all against the store; each initiative is caught up once, to its highest
     * trigger, in every read model, all in one transaction. When that transaction fails for a
     * reason that is not transient (a read model refuses an event or a row), the batch is
     * projected again one trigger at a time, so that only the initiative to blame parks and the
     * rest of the batch goes on. A transient failure is passed on for the caller to retry.
     *
     * @return the triggers that failed for a reason neither transient nor a park, with that
     * reason: their records go to the dead-letter topic
     */
    Uni<Map<Trigger, Throwable>> project(List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return parked.atVersions(triggers)
                .onFailure(failure -> !PgErrors.isTransient(failure)).recoverWithItem(failure -> {
                    LOG.warnf("Checking %d records together failed (%s); projecting them one by one",
                            triggers.size(), failure.getMessage());
                    return null;
                })
                .chain(found -> found == null ? oneByOne(triggers, this::project) : projectChecked(triggers, found));
    }

    private Uni<Map<Trigger, Throwable>> projectChecked(List<Trigger> triggers,
                                                        Map<Trigger, ParkedInitiatives.AtVersion> found) {
        Map<Trigger, String> ignored = new LinkedHashMap<>();
        Map<UUID, Long> highest = new LinkedHashMap<>();
        Map<UUID, Set<String>> parking = new HashMap<>();
        List<Trigger> confirmed = new ArrayList<>();
        for (Trigger trigger : triggers) {
            String disagreement = disagreement(trigger, found.get(trigger));
            if (disagreement != null) {
                ignored.put(trigger, disagreement);
                continue;
            }
            confirmed.add(trigger);
            highest.merge(trigger.initiativeId(), trigger.version(), Math::max);
            parking.put(trigger.initiativeId(), found.get(trigger).parking());
        }
        return together(highest, parking)
                .replaceWith(Map.<Trigger, Throwable>of())
                .onFailure(failure -> !PgErrors.isTransient(failure)).recoverWithUni(failure -> {
                    LOG.warnf("Projecting %d records together failed (%s); projecting them one by one",
                            confirmed.size(), failure.getMessage());
                    // the parking may have changed since the check: an earlier trigger parked the initiative
                    return oneByOne(confirmed, trigger -> parked.projectionsParking(trigger.initiativeId())
                            .chain(now -> applyEach(trigger, now)));
                })
                // counted once the batch went through, not at each attempt a transient failure repeats
                .invoke(() -> ignored.forEach(this::ignore));
    }

    /** Each initiative caught up once, to its highest trigger, in every read model that does not park it. */
    private Uni<Void> together(Map<UUID, Long> highest, Map<UUID, Set<String>> parking) {
        Map<ReadModel<?>, Map<UUID, Long>> wanted = new LinkedHashMap<>();
        Uni<Void> waiting = Uni.createFrom().voidItem();
        for (ReadModel<?> model : readModels()) {
            Map<UUID, Long> versions = new LinkedHashMap<>();
            for (Map.Entry<UUID, Long> initiative : highest.entrySet()) {
                Set<String> parkedBy = parking.get(initiative.getKey());
                if (parkedBy.contains(model.name())) {
                    // waits behind the failure as a single trigger does; rare, so not worth batching
                    waiting = waiting.chain(() -> project(model, initiative.getKey(), initiative.getValue(), parkedBy));
                } else if (!rows.applied(model, initiative.getKey(), initiative.getValue())) {
                    versions.put(initiative.getKey(), initiative.getValue());
                }
            }
            wanted.put(model, versions);
        }
        return waiting.chain(() -> rows.catchUpTogether(wanted)).replaceWithVoid();
    }

    /**
     * The triggers one after the other, each failing on its own: a transient failure is passed on,
     * any other is the trigger's.
     */
    private Uni<Map<Trigger, Throwable>> oneByOne(List<Trigger> triggers, Function<Trigger, Uni<?>> step) {
        Map<Trigger, Throwable> failed = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Trigger trigger : triggers) {
            all = all.chain(() -> step.apply(trigger).replaceWithVoid()
                    .onFailure(failure -> !PgErrors.isTransient(failure)).recoverWithItem(failure -> {
                        failed.put(trigger, failure);
                        return null;
                    }));
        }
        return all.map(done -> failed);
    }

    private Uni<Void> applyEach(Trigger trigger, Set<String> parking) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (ReadModel<?> model : readModels()) {
            all = all.chain(() -> project(model, trigger.initiativeId(), trigger.version(), parking));
        }
        return all;
    }

    /** Why the store contradicts the trigger; null when it holds that very event at that version. */
    private static String disagreement(Trigger trigger, ParkedInitiatives.AtVersion found) {
        Optional<EventStore.Recorded> recorded = found.recorded();
        return recorded.isEmpty() ? "the store has no version " + trigger.version()
                : !recorded.get().eventId().equals(trigger.eventId()) ? "the store has event "
                + recorded.get().eventId() + " there"
                : !recorded.get().type().equals(trigger.type()) ? "the store has type " + recorded.get().type()
                : null;
    }

    private void ignore(Trigger trigger, String disagreement) {
        meters.ignored();
        LOG.warnf("Ignoring a record for initiative %s at version %d (event %s, %s): %s",
                trigger.initiativeId(), trigger.version(), trigger.eventId(), trigger.type(), disagreement);
    }

    /**
     * Catches the read model up to {@code version} of the initiative, unless this replica saw it
     * apply that version already (an earlier catch-up read ahead past it): then it costs no
     * transaction. When the read model parks the initiative, the version waits behind the failure.
     */
    private Uni<Void> project(ReadModel<?> model, UUID initiativeId, long version, Set<String> parking) {
        if (!parking.contains(model.name()) && rows.applied(model, initiativeId, version)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> waiting = parking.contains(model.name())
                ? parked.waitBehind(model.name(), initiativeId, version)
                : Uni.createFrom().item(false);
        return waiting.chain(stillParked -> stillParked ? Uni.createFrom().voidItem()
                : rows.catchUp(model, initiativeId, version).replaceWithVoid()
                        .onFailure(ApplyFailed.class).recoverWithUni(failure ->
                                park(model, initiativeId, version, (ApplyFailed) failure)));
    }

    /**
     * Folds the initiative again from the whole stream in the store, replacing the row; when the
     * read model had it parked, releases it and catches up with whatever arrived meanwhile (a
     * record that came while it was parked waited rather than applied). A failure parks it (again)
     * and is passed on.
     */
    <R> Uni<Change> refold(ReadModel<R> model, UUID initiativeId, boolean wasParked) {
        return refold(model, initiativeId, wasParked, List.of());
    }

    /** As {@link #refold(ReadModel, UUID, boolean)}, from the start of the stream already read. */
    <R> Uni<Change> refold(ReadModel<R> model, UUID initiativeId, boolean wasParked, List<StoredEvent> stream) {
        Uni<Change> refolded = rows.rebuild(model, initiativeId, stream);
        if (wasParked) {
            refolded = refolded.call(() -> parked.release(model.name(), initiativeId))
                    .chain(rebuilt -> rows.catchUp(model, initiativeId, Long.MAX_VALUE)
                            .map(after -> new Change(rebuilt.fromVersion(), after.toVersion(),
                                    rebuilt.events() + after.events())));
        }
        return refolded.onFailure(ApplyFailed.class).call(failure ->
                park(model, initiativeId, 0, (ApplyFailed) failure));
    }

    /**
     * Folds each read model that parked the initiative again from the store.
     *
     * @throws NotParked when no read model has it parked
     * @throws StillParked when one fails again (and stays parked, with the new error)
     */
    public Uni<Retried> retry(UUID initiativeId) {
        return parked.projectionsParking(initiativeId).chain(parking -> {
            if (parking.isEmpty()) {
                throw new NotParked(initiativeId);
            }
            List<String> errors = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ReadModel<?> model : readModels()) {
                if (parking.contains(model.name())) {
                    all = all.chain(() -> refold(model, initiativeId, true)
                            .invoke(change -> versions.add(change.toVersion())).replaceWithVoid()
                            .onFailure(ApplyFailed.class).recoverWithItem(failure -> {
                                errors.add(model.name() + ": " + failure.getMessage());
                                return null;
                            }));
                }
            }
            return all.map(done -> {
                if (!errors.isEmpty()) {
                    throw new StillParked(initiativeId, String.join("; ", errors));
                }
                return new Retried(initiativeId, false, versions.stream().mapToLong(Long::longValue).min().orElse(0));
            });
        });
    }

    Uni<List<Parked>> parked() {
        return parked.all();
    }

    private Uni<Void> park(ReadModel<?> model, UUID initiativeId, long version, ApplyFailed failure) {
        StoredEvent event = failure.event();
        long at = event == null ? version : event.version();
        LOG.errorf(failure.getCause(), "The %s read model parks initiative %s at version %d (%s): %s", model.name(),
                initiativeId, at, Optional.ofNullable(event).map(StoredEvent::type).orElse("no single event"),
                failure.getMessage());
        return parked.park(model.name(), initiativeId, at, event == null ? null : event.eventId(),
                event == null ? null : event.type(), failure.getMessage());
    }

    /** The answer to a retry that applied: the initiative is no longer parked, at this version. */
    public record Retried(UUID initiativeId, boolean parked, long version) {
    }

    /** A retry of an initiative no read model has parked. */
    public static final class NotParked extends RuntimeException {
        public NotParked(UUID initiativeId) {
            super("initiative " + initiativeId + " is not parked");
        }
    }

    /** A retry that failed again: the initiative stays parked. */
    public static final class StillParked extends RuntimeException {
        public StillParked(UUID initiativeId, String error) {
            super("initiative " + initiativeId + " is still parked: " + error);
        }
    }
}
