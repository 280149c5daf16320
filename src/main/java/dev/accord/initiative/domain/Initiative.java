package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeCompleted;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The write side's view of one initiative: only what the decider needs to judge a command —
 * who is active, who ever joined and which units the initiative knows (both limited), which
 * possibilities, pathways and milestones exist, where each request and commitment is in its
 * life, and when each of those things happened (a later conversation cannot predate them).
 * {@code version} is the number of events folded so far. {@code launchedAt} is null for
 * initiatives launched before Accord recorded it.
 */
public record Initiative(UUID initiativeId, long version, InitiativeStatus status, Instant launchedAt,
                         Person sponsor, Set<String> units, Set<String> everJoined,
                         Map<String, Person> activeParticipants, Map<String, Instant> possibilities,
                         Map<String, String> milestonePathways, Set<String> pathways,
                         Map<String, Request> requests, Map<String, Commitment> commitments) {

    /** What the decider remembers of a request: who asked whom, when, and whether it is still open. */
    public record Request(String requestedBy, String personId, RequestStatus status, Instant occurredAt) {
        Request becoming(RequestStatus next) {
            return new Request(requestedBy, personId, next, occurredAt);
        }
    }

    /** What the decider remembers of a commitment: where it is in its life, and when it was made. */
    public record Commitment(CommitmentStatus status, Instant occurredAt) {
    }

    public Initiative {
        units = Set.copyOf(units);
        everJoined = Set.copyOf(everJoined);
        activeParticipants = Map.copyOf(activeParticipants);
        possibilities = Map.copyOf(possibilities);
        milestonePathways = Map.copyOf(milestonePathways);
        pathways = Set.copyOf(pathways);
        requests = Map.copyOf(requests);
        commitments = Map.copyOf(commitments);
    }

    /** The state before anything was recorded: no version, no status. */
    public static Initiative notLaunched(UUID initiativeId) {
        return new Initiative(initiativeId, 0, null, null, null, Set.of(), Set.of(), Map.of(), Map.of(), Map.of(),
                Set.of(), Map.of(), Map.of());
    }

    public boolean isLaunched() {
        return status != null;
    }

    public boolean isActiveParticipant(String personId) {
        return activeParticipants.containsKey(personId);
    }

    public boolean hasPossibility(String possibilityId) {
        return possibilities.containsKey(possibilityId);
    }

    /** When a possibility was shared, if it exists. */
    public Optional<Instant> possibilitySharedAt(String possibilityId) {
        return lookup(possibilities, possibilityId);
    }

    public boolean hasPathway(String pathwayId) {
        return pathways.contains(pathwayId);
    }

    /** The pathway a milestone belongs to, if the milestone exists. */
    public Optional<String> pathwayOfMilestone(String milestoneId) {
        return lookup(milestonePathways, milestoneId);
    }

    public Optional<Request> request(String requestId) {
        return lookup(requests, requestId);
    }

    public Optional<CommitmentStatus> commitment(String commitmentId) {
        return lookup(commitments, commitmentId).map(Commitment::status);
    }

    /** When a commitment was made, if it exists. */
    public Optional<Instant> commitmentMadeAt(String commitmentId) {
        return lookup(commitments, commitmentId).map(Commitment::occurredAt);
    }

    /** Immutable maps refuse a null key; a command may well name none. */
    private static <V> Optional<V> lookup(Map<String, V> map, String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(map.get(key));
    }

    /** Folds a whole stream in one pass: each collection is copied once, however long the stream. */
    public static Initiative fold(UUID initiativeId, Iterable<? extends InitiativeEvent> events) {
        Draft draft = new Draft(notLaunched(initiativeId));
        for (InitiativeEvent event : events) {
            draft.apply(event);
        }
        return draft.freeze();
    }

    /**
     * Applies one recorded fact. Pure: never rejects, never reads a clock. Only the collection the
     * event changes is copied; the others are shared with {@code state}, so evolving a long-lived
     * state costs the size of that one collection at most, and nothing for a conversation the
     * decider does not judge by.
     */
    public static Initiative evolve(Initiative state, InitiativeEvent event) {
        return new Draft(state).apply(event).freeze();
    }

    /**
     * The working copy behind {@link #fold} and {@link #evolve}; never escapes this class. Each
     * collection starts as the state's own immutable one and is copied the first time an event
     * changes it.
     */
    private static final class Draft {
        private final UUID initiativeId;
        private long version;
        private InitiativeStatus status;
        private Instant launchedAt;
        private Person sponsor;
        private final CopyOnWrite<Set<String>> units;
        private final CopyOnWrite<Set<String>> everJoined;
        private final CopyOnWrite<Map<String, Person>> activeParticipants;
        private final CopyOnWrite<Map<String, Instant>> possibilities;
        private final CopyOnWrite<Map<String, String>> milestonePathways;
        private final CopyOnWrite<Set<String>> pathways;
        private final CopyOnWrite<Map<String, Request>> requests;
        private final CopyOnWrite<Map<String, Commitment>> commitments;

        Draft(Initiative state) {
            initiativeId = state.initiativeId;
            version = state.version;
            status = state.status;
            launchedAt = state.launchedAt;
            sponsor = state.sponsor;
            units = CopyOnWrite.of(state.units);
            everJoined = CopyOnWrite.of(state.everJoined);
            activeParticipants = CopyOnWrite.of(state.activeParticipants);
            possibilities = CopyOnWrite.of(state.possibilities);
            milestonePathways = CopyOnWrite.of(state.milestonePathways);
            pathways = CopyOnWrite.of(state.pathways);
            requests = CopyOnWrite.of(state.requests);
            commitments = CopyOnWrite.of(state.commitments);
        }

        Draft apply(InitiativeEvent event) {
            version++;
            if (event instanceof InitiativeLaunched launched) {
                status = InitiativeStatus.ACTIVE;
                launchedAt = launched.launchedAt();
                sponsor = launched.sponsor();
                units.write().addAll(launched.units());
                join(sponsor);
            } else if (event instanceof ParticipantJoined joined) {
                join(new Person(joined.personId(), joined.displayName(), joined.unit(), joined.role()));
            } else if (event instanceof ParticipantLeft left) {
                if (activeParticipants.read().containsKey(left.personId())) {
                    activeParticipants.write().remove(left.personId());
                }
            } else if (event instanceof PossibilityShared shared) {
                possibilities.write().put(shared.possibilityId(), shared.occurredAt());
            } else if (event instanceof PathwayMapped mapped) {
                pathways.write().add(mapped.pathwayId());
                for (Milestone milestone : mapped.milestones()) {
                    milestonePathways.write().put(milestone.milestoneId(), mapped.pathwayId());
                }
            } else if (event instanceof CommitmentRequested requested) {
                requests.write().put(requested.requestId(), new Request(requested.requestedBy(), requested.personId(),
                        RequestStatus.asked(), requested.occurredAt()));
            } else if (event instanceof CommitmentMade made) {
                commitments.write().put(made.commitmentId(), new Commitment(CommitmentStatus.made(),
                        made.occurredAt()));
            } else if (event instanceof InitiativeCompleted) {
                status = InitiativeStatus.COMPLETED;
            } else if (!(event instanceof CommitmentRequestDeclined || event instanceof CommitmentFulfilled
                    || event instanceof CommitmentWithdrawn || event instanceof RelationshipEstablished
                    || event instanceof PossibilityResponded || event instanceof CommitmentRenegotiated
                    || event instanceof FeedbackGiven || event instanceof ContributionAcknowledged)) {
                // The first three only move a request or a commitment along its life (below); the
                // others change nothing the decider judges by. Anything else is unknown here.
                throw new IllegalArgumentException("evolve does not know " + event.getClass().getSimpleName());
            }
            RequestStatus.answerIn(event).ifPresent(answer -> changeRequest(answer.requestId(), answer.status()));
            CommitmentStatus.closingIn(event).ifPresent(
                    closing -> changeCommitment(closing.commitmentId(), closing.status()));
            return this;
        }

        private void join(Person person) {
            activeParticipants.write().put(person.personId(), person);
            if (!everJoined.read().contains(person.personId())) {
                everJoined.write().add(person.personId());
            }
            if (!units.read().contains(person.unit())) {
                units.write().add(person.unit());
            }
        }

        private void changeRequest(String requestId, RequestStatus next) {
            if (requests.read().containsKey(requestId)) {
                requests.write().computeIfPresent(requestId, (id, request) -> request.becoming(next));
            }
        }

        private void changeCommitment(String commitmentId, CommitmentStatus next) {
            if (commitments.read().containsKey(commitmentId)) {
                commitments.write().computeIfPresent(commitmentId,
                        (id, commitment) -> new Commitment(next, commitment.occurredAt()));
            }
        }

        Initiative freeze() {
            return new Initiative(initiativeId, version, status, launchedAt, sponsor, units.frozen(),
                    everJoined.frozen(), activeParticipants.frozen(), possibilities.frozen(),
                    milestonePathways.frozen(), pathways.frozen(), requests.frozen(), commitments.frozen());
        }
    }

    /**
     * One of the state's immutable collections, copied into a mutable one the first time it is
     * written, and frozen again only if it was.
     */
    private static final class CopyOnWrite<C> {
        private final C original;
        private final UnaryOperator<C> thaw;
        private final UnaryOperator<C> freeze;
        private C copy;

        private CopyOnWrite(C original, UnaryOperator<C> thaw, UnaryOperator<C> freeze) {
            this.original = original;
            this.thaw = thaw;
            this.freeze = freeze;
        }

        static <E> CopyOnWrite<Set<E>> of(Set<E> original) {
            return new CopyOnWrite<>(original, HashSet::new, Set::copyOf);
        }

        static <V> CopyOnWrite<Map<String, V>> of(Map<String, V> original) {
            return new CopyOnWrite<>(original, HashMap::new, Map::copyOf);
        }

        C read() {
            return copy == null ? original : copy;
        }

        C write() {
            if (copy == null) {
                copy = thaw.apply(original);
            }
            return copy;
        }

        C frozen() {
            return copy == null ? original : freeze.apply(copy);
        }
    }
}
