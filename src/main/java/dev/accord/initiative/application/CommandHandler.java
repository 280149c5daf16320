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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decide → append at the expected version, against the initiative as this replica last knew it.
 *
 * <p>The folded initiative is kept between commands ({@link FoldedInitiatives}), and the commands
 * of one initiative run one after the other ({@link InitiativeLanes}), so a command costs one
 * statement however long the stream: the event and its outbox row, autocommitted. A kept copy
 * can only be behind the store, when another replica appended: then the append loses on the
 * unique (initiative, version), the copy catches up on the events after its version, and the
 * command is judged again. A command the kept copy refuses, or one whose If-Match is ahead of
 * it, is judged again on the caught-up copy before it is refused.
 *
 * <p>Without If-Match a lost race is retried here; with it the client asked for exactly one
 * version, so a lost race is its 412. A keyed command runs in a transaction that holds a lock on
 * its key and writes the key beside the event, so concurrent retries queue on the key, all but
 * the first find its receipt, and a key never outlives a rolled-back command.
 */
@ApplicationScoped
public class CommandHandler {

    static final int MAX_ATTEMPTS = 24;

    @Inject
    Pool pool;

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

    /** How many events' worth of folded initiatives this replica keeps (each weighs its version). */
    @ConfigProperty(name = "accord.commands.folded-weight", defaultValue = "1000000")
    long foldedWeight;

    private final InitiativeLanes lanes = new InitiativeLanes();
    private FoldedInitiatives folded;

    @PostConstruct
    void keepFolded() {
        folded = new FoldedInitiatives(foldedWeight);
    }

    public Uni<Receipt> handle(InitiativeCommand command, CommandOptions options) {
        return lanes.run(command.initiativeId(), () -> attempt(command, options, 1))
                .onItem().invoke(receipt -> {
                    relay.wakeUp();
                    count(command, "accepted");
                })
                .onFailure().invoke(failure -> count(command, outcome(failure)));
    }

    private Uni<Receipt> attempt(InitiativeCommand command, CommandOptions options, int attempt) {
        UUID initiativeId = command.initiativeId();
        return options.idempotency()
                .map(request -> recordKeyed(request, command, options))
                .orElseGet(() -> decide(command, options).chain(decision -> record(command, options, decision)))
                .onFailure(EventStore::isVersionConflict).recoverWithUni(conflict -> folded.get(initiativeId)
                        .map(this::catchUp).orElseGet(() -> Uni.createFrom().nullItem())
                        .chain(() -> retry(command, options, attempt)))
                .onFailure(CommandHandler::leavesStoreUnknown).invoke(() -> folded.forget(initiativeId));
    }

    private Uni<Receipt> retry(InitiativeCommand command, CommandOptions options, int attempt) {
        if (options.expectedVersion().isPresent()) {
            return Uni.createFrom().failure(new VersionMismatch("initiative " + command.initiativeId()
                    + " moved past version " + options.expectedVersion().getAsLong()
                    + " while this command was being recorded"));
        }
        if (attempt >= MAX_ATTEMPTS) {
            return Uni.createFrom().failure(new Rejection.Conflict("initiative " + command.initiativeId()
                    + " is changing too fast; retry the command"));
        }
        // Replicas that lost together would meet again at once: spread them out a little.
        long pause = ThreadLocalRandom.current().nextLong(1, 1 + 4L * attempt);
        return pause(pause).chain(() -> attempt(command, options, attempt + 1));
    }

    /** A pause on this request's own Vert.x context. */
    private Uni<Void> pause(long millis) {
        return Uni.createFrom().emitter(paused -> vertx.setTimer(millis, timer -> paused.complete(null)));
    }

    /** The kept copy, caught up first if If-Match names a later version; else the stream folded afresh. */
    private Uni<Known> known(UUID initiativeId, OptionalLong expectedVersion) {
        Optional<Initiative> kept = folded.get(initiativeId);
        if (kept.isEmpty()) {
            return store.eventsAfter(initiativeId, 0)
                    .map(events -> new Known(keep(Initiative.fold(initiativeId, events)), true));
        }
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() > kept.get().version()) {
            return catchUp(kept.get()).map(state -> new Known(state, true));
        }
        return Uni.createFrom().item(new Known(kept.get(), false));
    }

    /** {@code state} evolved by the events stored after its version, and kept. */
    private Uni<Initiative> catchUp(Initiative state) {
        return store.eventsAfter(state.initiativeId(), state.version()).map(events -> {
            Initiative caughtUp = state;
            for (InitiativeEvent event : events) {
                caughtUp = Initiative.evolve(caughtUp, event);
            }
            return keep(caughtUp);
        });
    }

    private Initiative keep(Initiative state) {
        folded.put(state);
        return state;
    }

    private Uni<Decision> decide(InitiativeCommand command, CommandOptions options) {
        return known(command.initiativeId(), options.expectedVersion()).chain(known -> judge(command, options, known));
    }

    /** Decides on what is known; a refusal by a kept copy stands only once the copy is caught up. */
    private Uni<Decision> judge(InitiativeCommand command, CommandOptions options, Known known) {
        try {
            checkPreconditions(command, options, known.state());
            return Uni.createFrom().item(new Decision(known.state(), InitiativeDecider.decide(command, known.state())));
        } catch (Rejection | VersionMismatch refused) {
            if (known.fresh()) {
                return Uni.createFrom().failure(refused);
            }
            return catchUp(known.state()).chain(state -> judge(command, options, new Known(state, true)));
        }
    }

    /** Appends on the pool, which commits at once, so the copy is kept right away. */
    private Uni<Receipt> record(InitiativeCommand command, CommandOptions options, Decision decision) {
        return append(pool, command, options, decision)
                .invoke(stored -> keep(decision.after(stored)))
                .map(Receipt::of);
    }

    private Uni<StoredEvent> append(SqlClient client, InitiativeCommand command, CommandOptions options,
                                    Decision decision) {
        return store.append(client, decision.state().version(), decision.event(), command.now(),
                options.correlationId(), options.actor());
    }

    /**
     * Under the key's lock: the receipt the key already has, else the decision, the append and
     * the key in one transaction. The copy is kept only once that committed.
     */
    private Uni<Receipt> recordKeyed(CommandOptions.IdempotentRequest request, InitiativeCommand command,
                                     CommandOptions options) {
        return pool.withTransaction(transaction -> idempotencyKeys.lockAndFind(transaction, request)
                        .chain(previous -> previous.isPresent()
                                ? Uni.createFrom().item(new Keyed(previous.get(), Optional.empty()))
                                : decide(command, options).chain(decision -> append(transaction, command, options,
                                        decision)
                                        .call(stored -> idempotencyKeys.remember(transaction, request,
                                                Receipt.of(stored), command.now()))
                                        .map(stored -> new Keyed(Receipt.of(stored),
                                                Optional.of(decision.after(stored)))))))
                .invoke(keyed -> keyed.after().ifPresent(this::keep))
                .map(Keyed::receipt);
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

    /**
     * A failure after which the store may hold more than the kept copy knows: the connection
     * dropped around a commit, say. Refusals, reused keys and lost races leave it as it was.
     */
    private static boolean leavesStoreUnknown(Throwable failure) {
        return !(failure instanceof Rejection || failure instanceof VersionMismatch
                || failure instanceof IdempotencyKeyReused || EventStore.isVersionConflict(failure));
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

    /** The initiative a command is judged on; fresh when just read from the store. */
    private record Known(Initiative state, boolean fresh) {
    }

    /** The event a command decided on, and the state it was decided against. */
    private record Decision(Initiative state, InitiativeEvent event) {
        Initiative after(StoredEvent stored) {
            return Initiative.evolve(state, stored.event());
        }
    }

    /** A keyed command's receipt, and the state it led to when this attempt appended (not a replay). */
    private record Keyed(Receipt receipt, Optional<Initiative> after) {
    }
}
