package dev.accord.alignment.domain;

import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.RequestStatus;
import dev.accord.initiative.domain.Stance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the alignment state is computed from, folded from an initiative's events and free
 * of any clock: who is active, who engaged at which stage, what each possibility named and who
 * answered it, which units have met, and where each request and commitment stands. The state
 * at an instant is {@link Alignment#evaluate(AlignmentFacts, Instant)} of these facts, so the
 * parts that depend on time (overdue) are always judged at the reader's clock.
 *
 * <p>{@code acknowledgementsGiven} and {@code acknowledgementsReceived} count, per person, the
 * ContributionAcknowledged events they gave and received (for the people view). {@code stances}
 * is each person's overall stance across the possibilities (for everyone a possibility named or
 * who answered one), as the fold keeps it current; facts stored without it (before it was kept)
 * get it from the possibilities.
 *
 * <p>Lists are in a canonical order (members by personId, unit pairs by name, the rest in the
 * order they were recorded), so folding the same events always gives equal facts.
 */
public record AlignmentFacts(UUID initiativeId, long version, InitiativeStatus status, List<String> declaredUnits,
                             List<Member> members, Map<String, List<Integer>> stagesByPerson,
                             List<PossibilityFacts> possibilities, List<UnitPair> unitPairs,
                             List<RequestFacts> requests, List<CommitmentFacts> commitments,
                             Map<String, Integer> acknowledgementsGiven, Map<String, Integer> acknowledgementsReceived,
                             Map<String, OverallStance> stances) {

    public AlignmentFacts {
        declaredUnits = List.copyOf(declaredUnits);
        members = List.copyOf(members);
        stagesByPerson = Map.copyOf(stagesByPerson);
        possibilities = List.copyOf(possibilities);
        unitPairs = List.copyOf(unitPairs);
        requests = List.copyOf(requests);
        commitments = List.copyOf(commitments);
        acknowledgementsGiven = acknowledgementsGiven == null ? Map.of() : Map.copyOf(acknowledgementsGiven);
        acknowledgementsReceived = acknowledgementsReceived == null ? Map.of() : Map.copyOf(acknowledgementsReceived);
        stances = Map.copyOf(stances == null ? OverallStance.acrossAll(possibilities) : stances);
    }

    /** An active participant. */
    public record Member(String personId, String displayName, String unit, String role) {
    }

    /** Who a possibility named, each person's latest response to it, and whether a pathway maps it. */
    public record PossibilityFacts(String possibilityId, String sharedBy, List<String> audience,
                                   List<String> coAuthors, Map<String, Stance> latestResponses, boolean mapped) {
        public PossibilityFacts {
            audience = List.copyOf(audience);
            coAuthors = List.copyOf(coAuthors);
            latestResponses = Map.copyOf(latestResponses);
        }
    }

    /** Two units ({@code a < b}) and how many relationships listed people of both. */
    public record UnitPair(String a, String b, int relationships) {
    }

    public record RequestFacts(String requestId, String requestedBy, String personId, RequestStatus status) {
    }

    /**
     * A commitment's current due date and status; {@code fulfilledOnTime} once fulfilled (no
     * later than the due date then in force); {@code acknowledged} once a ContributionAcknowledged
     * named it.
     */
    public record CommitmentFacts(String commitmentId, String personId, Instant dueBy, CommitmentStatus status,
                                  Boolean fulfilledOnTime, boolean acknowledged) {
    }
}
