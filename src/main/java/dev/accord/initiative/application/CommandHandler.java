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
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Decide → append at the expected version, against the initiative as this replica last knew it.
 *
 * <p>The folded initiative is kept between commands ({@link FoldedInitiatives}), and the commands
 * of one initiative run one after the other ({@link InitiativeLanes}): what is queued on a lane
 * when it becomes free runs as one group (at most {@code accord.commands.group-max}). Each
 * command of a group is decided in order against the copy as the ones before it left it, and
 * the group's events, with their outbox rows, are appended by one statement, autocommitted: one
 * round trip and one commit per group, however long the stream. A command the group refuses is
 * answered only once the group's events are stored.
 *
 * <p>A kept copy can only be behind the store, when another replica appended: then the append
 * loses on the unique (initiative, version), the copy catches up on the events after its
 * version, and the whole group is judged again. A group whose kept copy refuses a command, or
 * finds an If-Match ahead of it, is judged again on the caught-up copy before anything is
 * refused. With If-Match the client asked for exactly one version, so a command that cannot be
 * decided at that version after a lost race is its 412.
 *
 * <p>A keyed command runs alone, in a transaction that holds a lock on its key and writes the key
 * beside the event, so concurrent retries queue on the key, all but the first find its receipt,
 * and a key never outlives a rolled-back command.
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

    /** The most commands of one initiative appended together by one statement. */
    @ConfigProperty(name = "accord.commands.group-max", defaultValue = "64")
    int groupMax;

    private InitiativeLanes<Pending, Receipt> lanes;
    private FoldedInitiatives folded;

    @PostConstruct
    void keepFolded() {
        if (groupMax < 1) {
            throw new IllegalArgumentException("accord.commands.group-max must be at least 1, not " + groupMax);
        }
        folded = new FoldedInitiatives(foldedWeight);
        lanes = new InitiativeLanes<>(groupMax, Pending::keyed, this::run);
    }

    public Uni<Receipt> handle(InitiativeCommand command, CommandOptions options) {
        return lanes.run(command.initiativeId(), new Pending(command, options))
                .onItem().invoke(receipt -> {
                    relay.wakeUp();
                    count(command, "accepted");
                })
                .onFailure().invoke(failure -> count(command, outcome(failure)));
    }

    /** One group of a lane: a keyed command alone, else commands without a key. */
    private Uni<List<Outcome<Receipt>>> run(UUID initiativeId, List<Pending> group) {
        if (group.get(0).keyed()) {
            Pending keyed = group.get(0);
            return attempt(initiativeId, () -> recordKeyed(keyed.options().idempotency().orElseThrow(), keyed), 1)
                    .map(receipt -> List.of(Outcome.of(receipt)));
        }
        return attempt(initiativeId, () -> known(initiativeId)
                .chain(known -> judge(group, known))
                .chain(this::record), 1);
    }

    /** {@code once}, tried again on a caught-up copy as long as it loses the race for its versions. */
    private <T> Uni<T> attempt(UUID initiativeId, Supplier<Uni<T>> once, int attempt) {
        return Uni.createFrom().deferred(once::get)
                .onFailure(EventStore::isVersionConflict).recoverWithUni(conflict -> folded.get(initiativeId)
                        .map(this::catchUp).orElseGet(() -> Uni.createFrom().nullItem())
                        .chain(() -> retry(initiativeId, once, attempt)))
                .onFailure(CommandHandler::leavesStoreUnknown).invoke(() -> folded.forget(initiativeId));
    }

    private <T> Uni<T> retry(UUID initiativeId, Supplier<Uni<T>> once, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            return Uni.createFrom().failure(new Rejection.Conflict("initiative " + initiativeId
                    + " is changing too fast; retry the command"));
        }
        // Replicas that lost together would meet again at once: spread them out a little.
        long pause = ThreadLocalRandom.current().nextLong(1, 1 + 4L * attempt);
        return pause(pause).chain(() -> attempt(initiativeId, once, attempt + 1));
    }

    /** A pause on the group's own Vert.x context (its first command's). */
    private Uni<Void> pause(long millis) {
        return Uni.createFrom().emitter(paused -> vertx.setTimer(millis, timer -> paused.complete(null)));
    }

    /** The kept copy; else the stream folded afresh. */
    private Uni<Known> known(UUID initiativeId) {
        Optional<Initiative> kept = folded.get(initiativeId);
        if (kept.isEmpty()) {
            return store.eventsAfter(initiativeId, 0)
                    .map(events -> new Known(keep(Initiative.fold(initiativeId, events)), true));
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

    /**
     * Decides each command of {@code group} in order, each against the state the accepted ones
     * before it lead to. A refusal by a kept copy (a refused command, an If-Match that does not
     * match) stands only once the copy is caught up: then the whole group is judged again.
     */
    private Uni<Judged> judge(List<Pending> group, Known known) {
        Initiative state = known.state();
        List<Verdict> verdicts = new ArrayList<>(group.size());
        for (Pending pending : group) {
            try {
                checkPreconditions(pending.command(), pending.options(), state);
                InitiativeEvent event = InitiativeDecider.decide(pending.command(), state);
                verdicts.add(new Verdict(pending, event, null));
                state = Initiative.evolve(state, event);
            } catch (Rejection | VersionMismatch refused) {
                if (!known.fresh()) {
                    return catchUp(known.state()).chain(caughtUp -> judge(group, new Known(caughtUp, true)));
                }
                verdicts.add(new Verdict(pending, null, refused));
            }
        }
        return Uni.createFrom().item(new Judged(known.state(), state, verdicts));
    }

    /** Appends the group's events on the pool, which commits at once, so the copy is kept right away. */
    private Uni<List<Outcome<Receipt>>> record(Judged judged) {
        if (judged.appending().isEmpty()) {
            return Uni.createFrom().item(judged.outcomes(List.of()));
        }
        return store.append(pool, judged.before().version(), judged.appending())
                .invoke(() -> keep(judged.after()))
                .map(judged::outcomes);
    }

    /**
     * Under the key's lock: the receipt the key already has, else the decision, the append and
     * the key in one transaction. The copy is kept only once that committed.
     */
    private Uni<Receipt> recordKeyed(CommandOptions.IdempotentRequest request, Pending keyed) {
        return pool.withTransaction(transaction -> idempotencyKeys.lockAndFind(transaction, request)
                        .chain(previous -> previous.isPresent()
                                ? Uni.createFrom().item(new Keyed(previous.get(), Optional.empty()))
                                : known(keyed.command().initiativeId())
                                        .chain(known -> judge(List.of(keyed), known))
                                        .chain(judged -> appendKeyed(transaction, request, keyed, judged))))
                .invoke(outcome -> outcome.after().ifPresent(this::keep))
                .map(Keyed::receipt);
    }

    private Uni<Keyed> appendKeyed(SqlConnection transaction, CommandOptions.IdempotentRequest request, Pending keyed,
                                   Judged judged) {
        Verdict verdict = judged.verdicts().get(0);
        if (verdict.refusal() != null) {
            return Uni.createFrom().failure(verdict.refusal());
        }
        return store.append(transaction, judged.before().version(), judged.appending())
                .map(stored -> Receipt.of(stored.get(0)))
                .call(receipt -> idempotencyKeys.remember(transaction, request, receipt, keyed.command().now()))
                .map(receipt -> new Keyed(receipt, Optional.of(judged.after())));
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

    /** A command waiting in its lane, with how its client wants it handled. */
    private record Pending(InitiativeCommand command, CommandOptions options) {
        boolean keyed() {
            return options.idempotency().isPresent();
        }
    }

    /** The initiative a group is judged on; fresh when just read from the store. */
    private record Known(Initiative state, boolean fresh) {
    }

    /** What one command of a group was decided to: its event, or why it was refused. */
    private record Verdict(Pending pending, InitiativeEvent event, RuntimeException refusal) {
    }

    /** A group's verdicts, in order, with the state they were decided from and the state they lead to. */
    private record Judged(Initiative before, Initiative after, List<Verdict> verdicts) {

        /** The accepted events, in order: versions {@code before.version() + 1} on. */
        List<EventStore.Appending> appending() {
            List<EventStore.Appending> events = new ArrayList<>(verdicts.size());
            for (Verdict verdict : verdicts) {
                if (verdict.refusal() == null) {
                    events.add(new EventStore.Appending(verdict.event(), verdict.pending().command().now(),
                            verdict.pending().options().correlationId(), verdict.pending().options().actor()));
                }
            }
            return events;
        }

        /** Each command's answer, once {@code stored} (the accepted events, in order) committed. */
        List<Outcome<Receipt>> outcomes(List<StoredEvent> stored) {
            List<Outcome<Receipt>> outcomes = new ArrayList<>(verdicts.size());
            int next = 0;
            for (Verdict verdict : verdicts) {
                outcomes.add(verdict.refusal() == null
                        ? Outcome.of(Receipt.of(stored.get(next++)))
                        : Outcome.failed(verdict.refusal()));
            }
            return outcomes;
        }
    }

    /** A keyed command's receipt, and the state it led to when this attempt appended (not a replay). */
    private record Keyed(Receipt receipt, Optional<Initiative> after) {
    }
}
