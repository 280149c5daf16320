package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentFacts.Member;
import dev.accord.alignment.domain.AlignmentFacts.UnitPair;
import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.alignment.domain.AlignmentState.Enrollment;
import dev.accord.alignment.domain.AlignmentState.ParticipantAlignment;
import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.alignment.domain.AlignmentState.Requests;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.AlignmentState.UnitLink;
import dev.accord.alignment.domain.AlignmentState.Units;
import dev.accord.alignment.domain.Participants.Participant;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RequestStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The formulas of docs/alignment-model.md in one place: the alignment state of an initiative from its events and a clock.
 * {@link #of} = {@link AlignmentFold#fold} then {@link #evaluate}; the live read model keeps
 * the folded facts and evaluates them at each reader's clock, a rebuild folds the store, and
 * {@code ?asOf=} folds the events recorded up to that instant — all through this class.
 *
 * <p>The sections are computed beside it: {@link Participants} (P, n, each person's stages and
 * stance), {@link Stages} (coverage and gaps), {@link Score} and {@link Recommendations}.
 */
public final class Alignment {

    private Alignment() {
    }

    public static AlignmentState of(UUID initiativeId, Iterable<? extends InitiativeEvent> events, Instant asOf) {
        return evaluate(AlignmentFold.fold(initiativeId, events), asOf);
    }

    public static AlignmentState evaluate(AlignmentFacts facts, Instant asOf) {
        return new Evaluation(facts, asOf).state();
    }

    /**
     * The last instant at which the state evaluated at {@code from} is still the same: time
     * changes a state only when an open commitment falls overdue (its {@code dueBy} passes).
     * {@link Instant#MAX} when no open commitment is still due.
     */
    public static Instant unchangedUntil(AlignmentFacts facts, Instant from) {
        Instant until = Instant.MAX;
        for (CommitmentFacts commitment : facts.commitments()) {
            if (commitment.status() == CommitmentStatus.OPEN && !commitment.dueBy().isBefore(from)
                    && commitment.dueBy().isBefore(until)) {
                until = commitment.dueBy();
            }
        }
        return until;
    }

    /**
     * One person's part in one initiative at {@code asOf} (the people view): the stages they took
     * part in, their stance, their commitments and the acknowledgements they gave and received,
     * whether or not they are still an active participant.
     */
    public static PersonEngagement engagementOf(AlignmentFacts facts, String personId, Instant asOf) {
        Member member = null;
        for (Member candidate : facts.members()) {
            if (candidate.personId().equals(personId)) {
                member = candidate;
            }
        }
        CommitmentTally commitments = new CommitmentTally(asOf);
        for (CommitmentFacts commitment : facts.commitments()) {
            if (commitment.personId().equals(personId)) {
                commitments.count(commitment);
            }
        }
        return new PersonEngagement(facts.initiativeId(), facts.version(), facts.status(), member != null,
                member == null ? null : member.unit(), member == null ? null : member.role(),
                facts.stagesByPerson().getOrDefault(personId, List.of()),
                facts.stances().getOrDefault(personId, OverallStance.NOT_REACHED), commitments.counts(),
                new PersonEngagement.Acknowledgements(facts.acknowledgementsGiven().getOrDefault(personId, 0),
                        facts.acknowledgementsReceived().getOrDefault(personId, 0)));
    }

    /** An open commitment is overdue once its due date has passed at the clock. */
    static boolean overdue(CommitmentFacts commitment, Instant asOf) {
        return commitment.status() == CommitmentStatus.OPEN && commitment.dueBy().isBefore(asOf);
    }

    /** One evaluation of the facts at a clock: the sections of the state, over P found once. */
    private static final class Evaluation {
        private final AlignmentFacts facts;
        private final Instant asOf;
        private final Participants participants;

        Evaluation(AlignmentFacts facts, Instant asOf) {
            this.facts = facts;
            this.asOf = asOf;
            this.participants = new Participants(facts);
        }

        AlignmentState state() {
            List<StageCoverage> stages = Stages.coverage(participants);
            Enrollment enrollment = enrollment();
            Units units = units();
            Commitments commitments = commitments();
            Score score = Score.of(participants.size(), stages, enrollment, units, commitments);
            Integer value = score.value();
            List<Recommendation> recommendations = Recommendations.of(facts, participants, units, asOf);
            return new AlignmentState(facts.initiativeId(), facts.version(), asOf, facts.status(), value,
                    Band.of(value), stages, Stages.gaps(participants), enrollment, units, commitments, requests(),
                    score.components(), participants(), recommendations, Focus.of(stages, recommendations));
        }

        private Enrollment enrollment() {
            Map<OverallStance, Integer> counts = new EnumMap<>(OverallStance.class);
            participants.all().forEach(participant -> counts.merge(participant.stance(), 1, Integer::sum));
            return new Enrollment(counts.getOrDefault(OverallStance.CO_CREATED, 0),
                    counts.getOrDefault(OverallStance.OWNS, 0), counts.getOrDefault(OverallStance.BUYS_IN, 0),
                    counts.getOrDefault(OverallStance.HAS_CONCERNS, 0), counts.getOrDefault(OverallStance.DECLINES, 0),
                    counts.getOrDefault(OverallStance.NO_RESPONSE, 0),
                    counts.getOrDefault(OverallStance.NOT_REACHED, 0));
        }

        private Units units() {
            TreeSet<String> represented = new TreeSet<>();
            participants.all().forEach(participant -> represented.add(participant.member().unit()));
            List<String> current = List.copyOf(represented);
            Map<List<String>, Integer> met = new HashMap<>();
            for (UnitPair pair : facts.unitPairs()) {
                met.put(List.of(pair.a(), pair.b()), pair.relationships());
            }
            List<UnitLink> pairs = new ArrayList<>();
            List<UnitLink> disconnected = new ArrayList<>();
            for (int i = 0; i < current.size(); i++) {
                for (int j = i + 1; j < current.size(); j++) {
                    List<String> units = List.of(current.get(i), current.get(j));
                    UnitLink link = new UnitLink(units, met.getOrDefault(units, 0));
                    pairs.add(link);
                    if (link.relationships() == 0) {
                        disconnected.add(link);
                    }
                }
            }
            List<String> unrepresented = new TreeSet<>(facts.declaredUnits()).stream()
                    .filter(unit -> !represented.contains(unit)).toList();
            return new Units(pairs, disconnected, unrepresented);
        }

        private Commitments commitments() {
            int open = 0;
            int overdue = 0;
            int onTime = 0;
            int late = 0;
            int withdrawn = 0;
            int unacknowledged = 0;
            for (CommitmentFacts commitment : facts.commitments()) {
                switch (commitment.status()) {
                    case OPEN -> {
                        open++;
                        overdue += Alignment.overdue(commitment, asOf) ? 1 : 0;
                    }
                    case FULFILLED -> {
                        if (Boolean.TRUE.equals(commitment.fulfilledOnTime())) {
                            onTime++;
                        } else {
                            late++;
                        }
                        unacknowledged += commitment.acknowledged() ? 0 : 1;
                    }
                    case WITHDRAWN -> withdrawn++;
                }
            }
            return new Commitments(open, overdue, onTime, late, withdrawn, unacknowledged);
        }

        private Requests requests() {
            Map<RequestStatus, Integer> counts = new EnumMap<>(RequestStatus.class);
            facts.requests().forEach(request -> counts.merge(request.status(), 1, Integer::sum));
            return new Requests(counts.getOrDefault(RequestStatus.OPEN, 0),
                    counts.getOrDefault(RequestStatus.DECLINED, 0), counts.getOrDefault(RequestStatus.PROMISED, 0));
        }

        private List<ParticipantAlignment> participants() {
            Map<String, CommitmentTally> tallies = new HashMap<>();
            for (CommitmentFacts commitment : facts.commitments()) {
                tallies.computeIfAbsent(commitment.personId(), person -> new CommitmentTally(asOf)).count(commitment);
            }
            List<ParticipantAlignment> aligned = new ArrayList<>(participants.size());
            for (Participant participant : participants.all()) {
                Member member = participant.member();
                CommitmentTally tally = tallies.get(member.personId());
                aligned.add(new ParticipantAlignment(member.personId(), member.displayName(), member.unit(),
                        member.role(), participant.stageNumbers(), participant.stance(),
                        tally == null ? new PersonCommitments(0, 0, 0) : tally.counts()));
            }
            return List.copyOf(aligned);
        }
    }
}
