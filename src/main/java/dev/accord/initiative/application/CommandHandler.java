package dev.accord.initiative.application;

import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.OutboxRelay;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.Initiative;
import dev.accord.initiative.domain.InitiativeCommand;
import dev.accord.initiative.domain.InitiativeDecider;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.Rejection;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load → fold → decide → append at the expected version, in one transaction. Without If-Match
 * a lost race is retried here (the command is judged again against the newer state); with it
 * the client asked for exactly one version, so a lost race is its 412.
 */
@ApplicationScoped
public class CommandHandler {

    static final int MAX_ATTEMPTS = 24;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    EventStore store;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry meters;

    @Inject
    Vertx vertx;

    public Uni<Receipt> handle(InitiativeCommand command, CommandOptions options) {
        return handleOnce(command, options, 1)
                .onItem().invoke(receipt -> count(command, "accepted"))
                .onFailure().invoke(failure -> count(command, outcome(failure)));
    }

    /**
     * One try in one transaction. A keyed command first takes a transaction lock on its key and
     * looks the key up, so concurrent retries of one request queue behind each other and all
     * but the first find its receipt.
     */
    private Uni<Receipt> handleOnce(InitiativeCommand command, CommandOptions options, int attempt) {
        return sessions.<Receipt>withTransaction(session -> options.idempotency()
                        .map(request -> idempotencyKeys.lockAndFind(session, request))
                        .orElseGet(() -> Uni.createFrom().item(Optional.empty()))
                        .chain(previous -> previous.isPresent()
                                ? Uni.createFrom().item(previous.get())
                                : decideAndAppend(session, command, options)))
                .onFailure(EventStore::isVersionConflict).recoverWithUni(conflict -> {
                    if (options.expectedVersion().isPresent()) {
                        return Uni.createFrom().failure(new VersionMismatch("initiative " + command.initiativeId()
                                + " moved past version " + options.expectedVersion().getAsLong()
                                + " while this command was being recorded"));
                    }
                    if (attempt >= MAX_ATTEMPTS) {
                        return Uni.createFrom().failure(new Rejection.Conflict("initiative " + command.initiativeId()
                                + " is changing too fast; retry the command"));
                    }
                    // Writers that lost together would meet again at once: spread them out a little.
                    long pause = ThreadLocalRandom.current().nextLong(1, 1 + 4L * attempt);
                    return pause(pause).chain(() -> handleOnce(command, options, attempt + 1));
                })
                .onItem().invoke(relay::wakeUp);
    }

    /** A pause on this request's own Vert.x context, where the next transaction has to start. */
    private Uni<Void> pause(long millis) {
        return Uni.createFrom().emitter(paused -> vertx.setTimer(millis, timer -> paused.complete(null)));
    }

    private Uni<Receipt> decideAndAppend(Mutiny.Session session, InitiativeCommand command, CommandOptions options) {
        return store.load(session, command.initiativeId())
                .chain(events -> {
                    Initiative state = Initiative.fold(command.initiativeId(),
                            events.stream().map(StoredEvent::event).toList());
                    checkPreconditions(command, options, state);
                    InitiativeEvent event = InitiativeDecider.decide(command, state);
                    return store.append(session, state.version(), event, command.now(), options.correlationId());
                })
                .map(Receipt::of)
                .call(receipt -> options.idempotency()
                        .map(request -> idempotencyKeys.remember(session, request, receipt, command.now()))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private static void checkPreconditions(InitiativeCommand command, CommandOptions options, Initiative state) {
        boolean launch = command instanceof InitiativeCommand.LaunchInitiative;
        if (!launch && !state.isLaunched()) {
            throw new Rejection.NotFound("initiative " + command.initiativeId() + " does not exist");
        }
        if (!launch && options.expectedVersion().isPresent()
                && options.expectedVersion().getAsLong() != state.version()) {
            throw new VersionMismatch("If-Match asked for version " + options.expectedVersion().getAsLong()
                    + " but initiative " + command.initiativeId() + " is at version " + state.version());
        }
    }

    private void count(InitiativeCommand command, String outcome) {
        meters.counter("accord.commands", "type", command.getClass().getSimpleName(), "outcome", outcome)
                .increment();
    }

    private static String outcome(Throwable failure) {
        if (failure instanceof Rejection.Invalid || failure instanceof IdempotencyKeyReused) {
            return "invalid";
        }
        if (failure instanceof Rejection.Conflict) {
            return "conflict";
        }
        if (failure instanceof Rejection.NotFound) {
            return "not_found";
        }
        if (failure instanceof VersionMismatch) {
            return "version_mismatch";
        }
        return "error";
    }
}
