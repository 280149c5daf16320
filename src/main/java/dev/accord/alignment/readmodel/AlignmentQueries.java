package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.eventstore.EventStore;
import dev.accord.http.BadRequest;
import dev.accord.http.ReadYourWrites;
import dev.accord.http.Unavailable;
import dev.accord.initiative.domain.Rejection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

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

    public Uni<AlignmentState> state(UUID initiativeId, String asOf, String minVersion) {
        Long wanted = ReadYourWrites.parseMinVersion(minVersion);
        if (asOf != null && !asOf.isBlank()) {
            // The store has every recorded event: a past instant needs no waiting for the projection.
            Instant at = parseAsOf(asOf);
            Uni<Long> withinTheStore = wanted == null ? Uni.createFrom().item(0L)
                    : ReadYourWrites.recorded(wanted, eventStore.latestVersion(initiativeId));
            return withinTheStore.chain(() -> views.asOf(initiativeId, at))
                    .map(facts -> Alignment.evaluate(facts.orElseThrow(() -> new Rejection.NotFound(
                            "initiative " + initiativeId + " had not been launched at " + at)), at));
        }
        Uni<Optional<AlignmentFacts>> read = wanted == null
                ? views.find(initiativeId)
                : ReadYourWrites.await(() -> views.find(initiativeId), AlignmentFacts::version, wanted,
                        () -> eventStore.latestVersion(initiativeId));
        return read.chain(found -> found.isPresent()
                ? Uni.createFrom().item(views.evaluate(found.get(), clock.instant()))
                : notYetOrNever(initiativeId));
    }

    /** The live state now, or empty when the read model has not seen the initiative. */
    public Uni<Optional<AlignmentState>> current(UUID initiativeId) {
        return views.find(initiativeId).map(found -> found.map(facts -> views.evaluate(facts, clock.instant())));
    }

    private <T> Uni<T> notYetOrNever(UUID initiativeId) {
        return eventStore.exists(initiativeId).map(exists -> {
            if (exists) {
                throw new Unavailable("the alignment of initiative " + initiativeId
                        + " is recorded but not readable yet; retry shortly", Duration.ofSeconds(1));
            }
            throw new Rejection.NotFound("initiative " + initiativeId + " does not exist");
        });
    }

    static Instant parseAsOf(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequest("asOf must be an ISO-8601 timestamp with offset, such as 2027-03-31T17:00:00Z");
        }
    }
}
