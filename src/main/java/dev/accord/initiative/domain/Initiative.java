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

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The write side's view of one initiative: only what the decider needs to judge a command —
 * who is active, which possibilities, pathways and milestones exist, and where each request
 * and commitment is in its life. {@code version} is the number of events folded so far.
 */
public record Initiative(UUID initiativeId, long version, InitiativeStatus status, Person sponsor,
                         List<String> units, Map<String, Person> activeParticipants, Set<String> possibilities,
                         Map<String, String> milestonePathways, Set<String> pathways,
                         Map<String, Request> requests, Map<String, CommitmentStatus> commitments) {

    /** What the decider remembers of a request: who asked whom, and whether it is still open. */
    public record Request(String requestedBy, String personId, RequestStatus status) {
    }

    public Initiative {
        units = List.copyOf(units);
        activeParticipants = Map.copyOf(activeParticipants);
        possibilities = Set.copyOf(possibilities);
        milestonePathways = Map.copyOf(milestonePathways);
        pathways = Set.copyOf(pathways);
        requests = Map.copyOf(requests);
        commitments = Map.copyOf(commitments);
    }

    /** The state before anything was recorded: no version, no status. */
    public static Initiative notLaunched(UUID initiativeId) {
        return new Initiative(initiativeId, 0, null, null, List.of(), Map.of(), Set.of(), Map.of(), Set.of(),
                Map.of(), Map.of());
    }

    public boolean isLaunched() {
        return status != null;
    }

    public boolean isActiveParticipant(String personId) {
        return activeParticipants.containsKey(personId);
    }

    public boolean hasPossibility(String possibilityId) {
        return possibilities.contains(possibilityId);
    }

    public boolean hasPathway(String pathwayId) {
        return pathways.contains(pathwayId);
    }

    /** The pathway a milestone belongs to, if the milestone exists. */
    public Optional<String> pathwayOfMilestone(String milestoneId) {
        return Optional.ofNullable(milestonePathways.get(milestoneId));
    }

    public Optional<Request> request(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    public Optional<CommitmentStatus> commitment(String commitmentId) {
        return Optional.ofNullable(commitments.get(commitmentId));
    }

    /** Folds a whole stream in one pass (one copy of each collection, however long the stream). */
    public static Initiative fold(UUID initiativeId, Iterable<? extends InitiativeEvent> events) {
        Draft draft = new Draft(notLaunched(initiativeId));
        for (InitiativeEvent event : events) {
            draft.apply(event);
        }
        return draft.freeze();
    }

    /** Applies one recorded fact. Pure: never rejects, never reads a clock. */
    public static Initiative evolve(Initiative state, InitiativeEvent event) {
        return new Draft(state).apply(event).freeze();
    }

    /** The mutable working copy behind {@link #fold} and {@link #evolve}; never escapes this class. */
    private static final class Draft {
        private final UUID initiativeId;
        private long version;
        private InitiativeStatus status;
        private Person sponsor;
        private List<String> units;
        private final Map<String, Person> activeParticipants;
        private final Set<String> possibilities;
        private final Map<String, String> milestonePathways;
        private final Set<String> pathways;
        private final Map<String, Request> requests;
        private final Map<String, CommitmentStatus> commitments;

        Draft(Initiative state) {
            initiativeId = state.initiativeId;
            version = state.version;
            status = state.status;
            sponsor = state.sponsor;
            units = state.units;
            activeParticipants = new HashMap<>(state.activeParticipants);
            possibilities = new HashSet<>(state.possibilities);
            milestonePathways = new HashMap<>(state.milestonePathways);
            pathways = new HashSet<>(state.pathways);
            requests = new HashMap<>(state.requests);
            commitments = new HashMap<>(state.commitments);
        }

        Draft apply(InitiativeEvent event) {
            version++;
            if (event instanceof InitiativeLaunched launched) {
                status = InitiativeStatus.ACTIVE;
                sponsor = launched.sponsor();
                units = launched.units();
                activeParticipants.put(sponsor.personId(), sponsor);
            } else if (event instanceof ParticipantJoined joined) {
                activeParticipants.put(joined.personId(),
                        new Person(joined.personId(), joined.displayName(), joined.unit(), joined.role()));
            } else if (event instanceof ParticipantLeft left) {
                activeParticipants.remove(left.personId());
            } else if (event instanceof PossibilityShared shared) {
                possibilities.add(shared.possibilityId());
            } else if (event instanceof PathwayMapped mapped) {
                pathways.add(mapped.pathwayId());
                for (Milestone milestone : mapped.milestones()) {
                    milestonePathways.put(milestone.milestoneId(), mapped.pathwayId());
                }
            } else if (event instanceof CommitmentRequested requested) {
                requests.put(requested.requestId(),
                        new Request(requested.requestedBy(), requested.personId(), RequestStatus.OPEN));
            } else if (event instanceof CommitmentRequestDeclined declined) {
                requests.computeIfPresent(declined.requestId(),
                        (id, request) -> new Request(request.requestedBy(), request.personId(), RequestStatus.DECLINED));
            } else if (event instanceof CommitmentMade made) {
                commitments.put(made.commitmentId(), CommitmentStatus.OPEN);
                if (made.requestId() != null) {
                    requests.computeIfPresent(made.requestId(), (id, request) ->
                            new Request(request.requestedBy(), request.personId(), RequestStatus.PROMISED));
                }
            } else if (event instanceof CommitmentFulfilled fulfilled) {
                commitments.put(fulfilled.commitmentId(), CommitmentStatus.FULFILLED);
            } else if (event instanceof CommitmentWithdrawn withdrawn) {
                commitments.put(withdrawn.commitmentId(), CommitmentStatus.WITHDRAWN);
            } else if (event instanceof InitiativeCompleted) {
                status = InitiativeStatus.COMPLETED;
            } else if (!(event instanceof RelationshipEstablished || event instanceof PossibilityResponded
                    || event instanceof CommitmentRenegotiated || event instanceof FeedbackGiven
                    || event instanceof ContributionAcknowledged)) {
                // These five change nothing the decider judges by; anything else is unknown here.
                throw new IllegalArgumentException("evolve does not know " + event.getClass().getSimpleName());
            }
            return this;
        }

        Initiative freeze() {
            return new Initiative(initiativeId, version, status, sponsor, units, activeParticipants, possibilities,
                    milestonePathways, pathways, requests, commitments);
        }
    }
}
