package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.eventstore.EventStore;
import dev.accord.initiative.domain.Rejection;
import dev.accord.readmodel.NotReadableYet;
import dev.accord.readmodel.ReadYourWrites;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The alignment state as readers ask for it: now (the live read model's facts evaluated at this
 * request's clock, after waiting for {@code minVersion} if asked), or {@code asOf} an instant
 * (the events recorded by then, folded and evaluated at that instant).
 */
@ApplicationScoped
public class AlignmentQueries {

    @Inject
    AlignmentViews views;

    @Inject
    EventStore eventStore;

    @Inject
    Clock clock;

    @Inject
    ReadYourWrites readYourWrites;

    @Inject
    ObjectMapper json;

    /**
     * @param asOf       the instant to read at, or empty for now
     * @param minVersion the version to wait for, or null not to wait
     */
    public Uni<AlignmentState> state(UUID initiativeId, Optional<Instant> asOf, Long minVersion) {
        if (asOf.isPresent()) {
            // The store has every recorded event: a past instant needs no waiting for the projection.
            Instant at = asOf.get();
            Uni<Long> withinTheStore = minVersion == null ? Uni.createFrom().item(0L)
                    : ReadYourWrites.recorded(minVersion, eventStore.latestVersion(initiativeId));
            return withinTheStore.chain(() -> views.asOf(initiativeId, at))
                    .map(facts -> Alignment.evaluate(facts.orElseThrow(() -> new Rejection.NotFound(
                            "initiative " + initiativeId + " had not been launched at " + at)), at));
        }
        return live(initiativeId, minVersion, views::evaluate);
    }

    /**
     * As {@link #state}, as the JSON the API answers with: the application's mapper's, written
     * once per state the live read model evaluates ({@link AlignmentViews#body}) and answered at
     * this request's clock.
     */
    public Uni<WrittenState> json(UUID initiativeId, Optional<Instant> asOf, Long minVersion) {
        if (asOf.isPresent()) {
            return state(initiativeId, asOf, minVersion)
                    .map(state -> WrittenState.at(StateBody.of(json, state), state.asOf()));
        }
        return live(initiativeId, minVersion, (facts, now) -> WrittenState.at(views.body(facts, now), now));
    }

    /** A state's version and its JSON. */
    public record WrittenState(long version, Buffer json) {

        static WrittenState at(StateBody body, Instant asOf) {
            return new WrittenState(body.version(), body.at(asOf));
        }
    }

    /** The live read model's facts, after waiting for {@code minVersion} if asked, read at this request's clock. */
    private <T> Uni<T> live(UUID initiativeId, Long minVersion, BiFunction<AlignmentFacts, Instant, T> at) {
        Uni<Optional<AlignmentFacts>> read = minVersion == null
                ? views.find(initiativeId)
                : readYourWrites.await(views, initiativeId, minVersion, () -> eventStore.latestVersion(initiativeId));
        return read.chain(found -> found.isPresent()
                ? Uni.createFrom().item(at.apply(found.get(), clock.instant()))
                : notYetOrNever(initiativeId));
    }

    /** The live state now, or empty when the read model has not seen the initiative. */
    public Uni<Optional<AlignmentState>> current(UUID initiativeId) {
        return views.find(initiativeId).map(found -> found.map(facts -> views.evaluate(facts, clock.instant())));
    }

    /**
     * The live state now, or empty while the initiative is recorded but its alignment not
     * projected yet (a stream opened right after the launch then waits for it).
     *
     * @throws Rejection.NotFound when nothing was ever recorded for it
     */
    public Uni<Optional<AlignmentState>> currentOfRecorded(UUID initiativeId) {
        return current(initiativeId).chain(found -> found.isPresent() ? Uni.createFrom().item(found)
                : mustBeRecorded(initiativeId).replaceWith(Optional.<AlignmentState>empty()));
    }

    private <T> Uni<T> notYetOrNever(UUID initiativeId) {
        return mustBeRecorded(initiativeId).map(recorded -> {
            throw new NotReadableYet("the alignment of initiative " + initiativeId
                    + " is recorded but not readable yet; retry shortly", Duration.ofSeconds(1));
        });
    }

    /** @throws Rejection.NotFound when nothing was ever recorded for the initiative */
    private Uni<Void> mustBeRecorded(UUID initiativeId) {
        return eventStore.exists(initiativeId).map(exists -> {
            if (!exists) {
                throw new Rejection.NotFound("initiative " + initiativeId + " does not exist");
            }
            return null;
        });
    }
}
