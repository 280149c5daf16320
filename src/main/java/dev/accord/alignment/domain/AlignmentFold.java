package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentFacts.Member;
import dev.accord.alignment.domain.AlignmentFacts.PossibilityFacts;
import dev.accord.alignment.domain.AlignmentFacts.RequestFacts;
import dev.accord.alignment.domain.AlignmentFacts.UnitPair;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeEvent;
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
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.RequestStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Folds events into {@link AlignmentFacts}: the engagement table of docs/alignment-model.md and everything
 * else its formulas count. Pure and linear: a whole stream is folded in one pass over mutable working
 * collections, and continuing from stored facts gives the same facts as folding the stream from
 * the start.
 *
 * <p>An instance is that working state, for a read model that keeps one per initiative: {@link
 * #start} or {@link #resume} it, {@link #apply} each new event (its cost depends on the event,
 * not on how long the history is), and take {@link #facts()} only when they are needed. An
 * instance is not thread-safe; the facts it gives are an immutable snapshot that later events
 * do not change.
 */
public final class AlignmentFold {

    private final UUID initiativeId;
    private long version;
    private InitiativeStatus status;
    private List<String> declaredUnits = List.of();
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, TreeSet<Integer>> stages = new HashMap<>();
    private final Map<String, MutablePossibility> possibilities = new LinkedHashMap<>();
    private final Map<List<String>, Integer> unitPairs = new HashMap<>();
    private final Map<String, RequestFacts> requests = new LinkedHashMap<>();
    private final Map<String, CommitmentFacts> commitments = new LinkedHashMap<>();
    private final Map<String, Integer> acknowledgementsGiven = new HashMap<>();
    private final Map<String, Integer> acknowledgementsReceived = new HashMap<>();
    private final Map<String, StanceTally> stanceTallies = new HashMap<>();
    private final Map<String, OverallStance> stances = new HashMap<>();
    /** {@link #stances} as the last facts gave it; null once a stance moved since. */
    private Map<String, OverallStance> stancesGiven;

    private AlignmentFold(UUID initiativeId) {
        this.initiativeId = initiativeId;
    }

    private AlignmentFold(AlignmentFacts facts) {
        initiativeId = facts.initiativeId();
        version = facts.version();
        status = facts.status();
        declaredUnits = facts.declaredUnits();
        facts.members().forEach(member -> members.put(member.personId(), member));
        facts.stagesByPerson().forEach((person, numbers) -> stages.put(person, new TreeSet<>(numbers)));
        facts.possibilities().forEach(possibility -> possibilities.put(possibility.possibilityId(),
                new MutablePossibility(possibility)));
        facts.unitPairs().forEach(pair -> unitPairs.put(List.of(pair.a(), pair.b()), pair.relationships()));
        facts.requests().forEach(request -> requests.put(request.requestId(), request));
        facts.commitments().forEach(commitment -> commitments.put(commitment.commitmentId(), commitment));
        acknowledgementsGiven.putAll(facts.acknowledgementsGiven());
        acknowledgementsReceived.putAll(facts.acknowledgementsReceived());
        for (MutablePossibility possibility : possibilities.values()) {
            PossibilityFacts named = possibility.facts();
            for (String person : possibility.peopleNamed()) {
                moveStance(person, null, OverallStance.towards(named, person));
            }
        }
    }

    /** A fold of an initiative with no events yet. */
    public static AlignmentFold start(UUID initiativeId) {
        return new AlignmentFold(initiativeId);
    }

    /** A fold that continues from stored facts, as if it had folded the events they came from. */
    public static AlignmentFold resume(AlignmentFacts facts) {
        return new AlignmentFold(facts);
    }

    public static AlignmentFacts fold(UUID initiativeId, Iterable<? extends InitiativeEvent> events) {
        AlignmentFold fold = start(initiativeId);
        for (InitiativeEvent event : events) {
            fold.apply(event);
        }
        return fold.facts();
    }

    /**
     * The facts after one more event; {@code facts} is null before the launch. It rebuilds the
     * working state from {@code facts}, so a caller applying many events keeps an instance instead.
     */
    public static AlignmentFacts apply(AlignmentFacts facts, InitiativeEvent event) {
        AlignmentFold fold = facts == null ? start(event.initiativeId()) : resume(facts);
        fold.apply(event);
        return fold.facts();
    }

    /** The number of events folded so far. */
    public long version() {
        return version;
    }

    /** Folds one more event. */
    public void apply(InitiativeEvent event) {
        version++;
        if (event instanceof InitiativeLaunched launched) {
            status = InitiativeStatus.ACTIVE;
            declaredUnits = launched.units();
            members.put(launched.sponsor().personId(), new Member(launched.sponsor().personId(),
                    launched.sponsor().displayName(), launched.sponsor().unit(), launched.sponsor().role()));
        } else if (event instanceof ParticipantJoined joined) {
            members.put(joined.personId(),
                    new Member(joined.personId(), joined.displayName(), joined.unit(), joined.role()));
        } else if (event instanceof ParticipantLeft left) {
            members.remove(left.personId());
        } else if (event instanceof RelationshipEstablished established) {
            engage(EnrollmentStage.RELATIONSHIP, established.participants());
            connectUnitsOf(established.participants());
        } else if (event instanceof PossibilityShared shared) {
            engage(EnrollmentStage.POSSIBILITY, List.of(shared.sharedBy()));
            engage(EnrollmentStage.POSSIBILITY, shared.audience());
            engage(EnrollmentStage.POSSIBILITY, shared.coAuthors());
            MutablePossibility possibility = new MutablePossibility(shared);
            possibilities.put(shared.possibilityId(), possibility);
            for (String person : possibility.peopleNamed()) {
                moveStance(person, null, OverallStance.towards(possibility.facts(), person));
            }
        } else if (event instanceof PossibilityResponded responded) {
            engage(EnrollmentStage.POSSIBILITY, List.of(responded.personId()));
            MutablePossibility possibility = possibilities.get(responded.possibilityId());
            if (possibility != null) {
                OverallStance before = OverallStance.towards(possibility.facts(), responded.personId());
                possibility.respond(responded.personId(), responded.stance());
                moveStance(responded.personId(), before, OverallStance.of(responded.stance()));
            }
        } else if (event instanceof PathwayMapped mapped) {
            engage(EnrollmentStage.PATHWAY, mapped.participants());
            MutablePossibility possibility = possibilities.get(mapped.possibilityId());
            if (possibility != null) {
                possibility.map();
            }
        } else if (event instanceof CommitmentRequested requested) {
            requests.put(requested.requestId(), new RequestFacts(requested.requestId(), requested.requestedBy(),
                    requested.personId(), RequestStatus.asked()));
        } else if (event instanceof CommitmentMade made) {
            engage(EnrollmentStage.ACTION, List.of(made.personId()));
            commitments.put(made.commitmentId(), new CommitmentFacts(made.commitmentId(), made.personId(),
                    made.dueBy(), CommitmentStatus.made(), null, false));
        } else if (event instanceof CommitmentRenegotiated renegotiated) {
            commitments.computeIfPresent(renegotiated.commitmentId(), (id, c) -> new CommitmentFacts(id,
                    c.personId(), renegotiated.dueByAfter(c.dueBy()), c.status(), c.fulfilledOnTime(),
                    c.acknowledged()));
        } else if (event instanceof FeedbackGiven given) {
            engage(EnrollmentStage.COMPLETION, List.of(given.from(), given.to()));
        } else if (event instanceof ContributionAcknowledged acknowledged) {
            engage(EnrollmentStage.COMPLETION, List.of(acknowledged.from(), acknowledged.to()));
            acknowledgementsGiven.merge(acknowledged.from(), 1, Integer::sum);
            acknowledgementsReceived.merge(acknowledged.to(), 1, Integer::sum);
            if (acknowledged.commitmentId() != null) {
                commitments.computeIfPresent(acknowledged.commitmentId(), (id, c) -> new CommitmentFacts(id,
                        c.personId(), c.dueBy(), c.status(), c.fulfilledOnTime(), true));
            }
        } else if (event instanceof InitiativeCompleted completed) {
            engage(EnrollmentStage.COMPLETION, List.of(completed.declaredBy()));
            status = InitiativeStatus.COMPLETED;
        } else if (!(event instanceof CommitmentRequestDeclined || event instanceof CommitmentFulfilled
                || event instanceof CommitmentWithdrawn)) {
            // These three only move a request or a commitment along its life (below).
            throw new IllegalArgumentException("the alignment fold does not know "
                    + event.getClass().getSimpleName());
        }
        RequestStatus.answerIn(event).ifPresent(answer -> requests.computeIfPresent(answer.requestId(),
                (id, request) -> new RequestFacts(id, request.requestedBy(), request.personId(), answer.status())));
        CommitmentStatus.closingIn(event).ifPresent(closing -> commitments.computeIfPresent(closing.commitmentId(),
                (id, c) -> new CommitmentFacts(id, c.personId(), c.dueBy(), closing.status(),
                        closing.fulfilledOnTime(c.dueBy()), c.acknowledged())));
    }

    /** A person's stance towards one possibility moved from {@code before} (null: it did not count them yet). */
    private void moveStance(String person, OverallStance before, OverallStance after) {
        if (after == before) {
            return;
        }
        StanceTally tally = stanceTallies.computeIfAbsent(person, p -> new StanceTally());
        tally.moved(before, after);
        if (stances.put(person, tally.overall()) != tally.overall()) {
            stancesGiven = null;
        }
    }

    private void engage(EnrollmentStage stage, List<String> people) {
        for (String person : people) {
            stages.computeIfAbsent(person, p -> new TreeSet<>()).add(stage.number());
        }
    }

    /** Each pair of units among the people listed (with their units as of this event) met once more. */
    private void connectUnitsOf(List<String> people) {
        TreeSet<String> units = new TreeSet<>();
        for (String person : people) {
            Member member = members.get(person);
            if (member != null) {
                units.add(member.unit());
            }
        }
        List<String> ordered = List.copyOf(units);
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                unitPairs.merge(List.of(ordered.get(i), ordered.get(j)), 1, Integer::sum);
            }
        }
    }

    /** A snapshot of the facts so far. */
    public AlignmentFacts facts() {
        List<Member> sortedMembers = new ArrayList<>(members.values());
        sortedMembers.sort((x, y) -> x.personId().compareTo(y.personId()));
        Map<String, List<Integer>> stagesByPerson = new TreeMap<>();
        stages.forEach((person, numbers) -> stagesByPerson.put(person, List.copyOf(numbers)));
        List<UnitPair> pairs = new ArrayList<>();
        unitPairs.forEach((pair, count) -> pairs.add(new UnitPair(pair.get(0), pair.get(1), count)));
        pairs.sort((x, y) -> x.a().equals(y.a()) ? x.b().compareTo(y.b()) : x.a().compareTo(y.a()));
        if (stancesGiven == null) {
            stancesGiven = Map.copyOf(stances);
        }
        return new AlignmentFacts(initiativeId, version, status, declaredUnits, sortedMembers, stagesByPerson,
                possibilities.values().stream().map(MutablePossibility::facts).toList(), pairs,
                List.copyOf(requests.values()), List.copyOf(commitments.values()), acknowledgementsGiven,
                acknowledgementsReceived, stancesGiven);
    }
}
