package dev.accord.projection;

import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.eventstore.EventStore;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
            Optional<EventStore.Recorded> recorded = found.recorded();
            String disagreement = recorded.isEmpty() ? "the store has no version " + trigger.version()
                    : !recorded.get().eventId().equals(trigger.eventId()) ? "the store has event "
                    + recorded.get().eventId() + " there"
                    : !recorded.get().type().equals(trigger.type()) ? "the store has type " + recorded.get().type()
                    : null;
            if (disagreement != null) {
                meters.ignored();
                LOG.warnf("Ignoring a record for initiative %s at version %d (event %s, %s): %s",
                        trigger.initiativeId(), trigger.version(), trigger.eventId(), trigger.type(), disagreement);
                return Uni.createFrom().item(Outcome.IGNORED);
            }
            Uni<Void> all = Uni.createFrom().voidItem();
            for (ReadModel<?> model : readModels()) {
                all = all.chain(() -> project(model, trigger, found.parking()));
            }
            return all.replaceWith(Outcome.APPLIED);
        });
    }

    /**
     * Catches the read model up, unless this replica saw it apply the trigger's version already
     * (an earlier catch-up read ahead past it): then the trigger costs no transaction.
     */
    private Uni<Void> project(ReadModel<?> model, Trigger trigger, Set<String> parking) {
        if (!parking.contains(model.name()) && rows.applied(model, trigger.initiativeId(), trigger.version())) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> waiting = parking.contains(model.name())
                ? parked.waitBehind(model.name(), trigger.initiativeId(), trigger.version())
                : Uni.createFrom().item(false);
        return waiting.chain(stillParked -> stillParked ? Uni.createFrom().voidItem()
                : rows.catchUp(model, trigger.initiativeId(), trigger.version()).replaceWithVoid()
                        .onFailure(ApplyFailed.class).recoverWithUni(failure ->
                                park(model, trigger.initiativeId(), trigger.version(), (ApplyFailed) failure)));
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
