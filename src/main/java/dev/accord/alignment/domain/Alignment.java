package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentFacts.Member;
import dev.accord.alignment.domain.AlignmentFacts.PossibilityFacts;
import dev.accord.alignment.domain.AlignmentFacts.RequestFacts;
import dev.accord.alignment.domain.AlignmentFacts.UnitPair;
import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.alignment.domain.AlignmentState.Component;
import dev.accord.alignment.domain.AlignmentState.Components;
import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.Enrollment;
import dev.accord.alignment.domain.AlignmentState.Gap;
import dev.accord.alignment.domain.AlignmentState.ParticipantAlignment;
import dev.accord.alignment.domain.AlignmentState.Requests;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.AlignmentState.UnitLink;
import dev.accord.alignment.domain.AlignmentState.Units;
import dev.accord.alignment.domain.Recommendation.Kind;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RequestStatus;
import dev.accord.initiative.domain.Stance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * SPEC §4 in one place: the alignment state of an initiative from its events and a clock.
 * {@link #of} = {@link AlignmentFold#fold} then {@link #evaluate}; the live read model keeps
 * the folded facts and evaluates them at each reader's clock, a rebuild folds the store, and
 * {@code ?asOf=} folds the events recorded up to that instant — all through this class.
 */
public final class Alignment {

    static final int STAGE_COVERAGE_WEIGHT = 35;
    static final int ENROLLMENT_WEIGHT = 20;
    static final int CROSS_UNIT_WEIGHT = 15;
    static final int RELIABILITY_WEIGHT = 15;
    static final int ACKNOWLEDGEMENT_WEIGHT = 15;

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
        for (AlignmentFacts.CommitmentFacts commitment : facts.commitments()) {
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
        return new Evaluation(facts, asOf).engagementOf(personId);
    }

    /** An open commitment is overdue once its due date has passed at the clock. */
    static boolean overdue(CommitmentFacts commitment, Instant asOf) {
        return commitment.status() == CommitmentStatus.OPEN && commitment.dueBy().isBefore(asOf);
    }

    /** One evaluation: P, n and the per-person findings every section of the state shares. */
    private static final class Evaluation {
        private final AlignmentFacts facts;
        private final Instant asOf;
        private final Map<String, Member> active = new TreeMap<>();
        private final Map<String, OverallStance> stances = new HashMap<>();
        private final int n;

        Evaluation(AlignmentFacts facts, Instant asOf) {
            this.facts = facts;
            this.asOf = asOf;
            facts.members().forEach(member -> active.put(member.personId(), member));
            n = active.size();
            for (PossibilityFacts possibility : facts.possibilities()) {
                stancesTowards(possibility).forEach((person, stance) -> {
                    if (active.containsKey(person)) {
                        stances.merge(person, stance, OverallStance::best);
                    }
                });
            }
        }

        /** Per possibility: a person's latest response, else the default of how it named them. */
        private static Map<String, OverallStance> stancesTowards(PossibilityFacts possibility) {
            Map<String, OverallStance> towards = new HashMap<>();
            possibility.audience().forEach(person -> towards.merge(person, OverallStance.NO_RESPONSE,
                    OverallStance::best));
            towards.merge(possibility.sharedBy(), OverallStance.OWNS, OverallStance::best);
            possibility.coAuthors().forEach(person -> towards.merge(person, OverallStance.CO_CREATED,
                    OverallStance::best));
            possibility.latestResponses().forEach((person, stance) -> towards.put(person, OverallStance.of(stance)));
            return towards;
        }

        private OverallStance stanceOf(String personId) {
            return stances.getOrDefault(personId, OverallStance.NOT_REACHED);
        }

        PersonEngagement engagementOf(String personId) {
            OverallStance stance = null;
            for (PossibilityFacts possibility : facts.possibilities()) {
                stance = OverallStance.best(stance, stancesTowards(possibility).get(personId));
            }
            CommitmentTally commitments = new CommitmentTally(asOf);
            for (CommitmentFacts commitment : facts.commitments()) {
                if (commitment.personId().equals(personId)) {
                    commitments.count(commitment);
                }
            }
            Member member = active.get(personId);
            return new PersonEngagement(facts.initiativeId(), facts.version(), facts.status(), member != null,
                    member == null ? null : member.unit(), member == null ? null : member.role(), stagesOf(personId),
                    stance == null ? OverallStance.NOT_REACHED : stance,
                    commitments.counts(),
                    new PersonEngagement.Acknowledgements(facts.acknowledgementsGiven().getOrDefault(personId, 0),
                            facts.acknowledgementsReceived().getOrDefault(personId, 0)));
        }

        private List<Integer> stagesOf(String personId) {
            return facts.stagesByPerson().getOrDefault(personId, List.of());
        }

        private boolean engaged(String personId, EnrollmentStage stage) {
            return stagesOf(personId).contains(stage.number());
        }

        private boolean overdue(CommitmentFacts commitment) {
            return Alignment.overdue(commitment, asOf);
        }

        private boolean unacknowledged(CommitmentFacts commitment) {
            return commitment.status() == CommitmentStatus.FULFILLED && !commitment.acknowledged();
        }

        AlignmentState state() {
            List<StageCoverage> stages = stages();
            Enrollment enrollment = enrollment();
            Units units = units();
            Commitments commitments = commitments();
            WeightedComponents weighted = components(stages, enrollment, units, commitments);
            Integer score = score(weighted.all());
            return new AlignmentState(facts.initiativeId(), facts.version(), asOf, facts.status(), score,
                    Band.of(score), stages, gaps(), enrollment, units, commitments, requests(), weighted.components(),
                    participants(), recommendations(units));
        }

        private List<StageCoverage> stages() {
            List<StageCoverage> coverage = new ArrayList<>();
            for (EnrollmentStage stage : EnrollmentStage.values()) {
                int engaged = (int) active.keySet().stream().filter(person -> engaged(person, stage)).count();
                CoverageStatus status = engaged == 0 ? CoverageStatus.NOT_STARTED
                        : engaged == n ? CoverageStatus.COVERED : CoverageStatus.IN_PROGRESS;
                coverage.add(new StageCoverage(stage, stage.number(), engaged, n, n == 0 ? 0 : (double) engaged / n,
                        status));
            }
            return coverage;
        }

        private List<Gap> gaps() {
            List<Gap> gaps = new ArrayList<>();
            for (String person : active.keySet()) {
                List<Integer> reached = stagesOf(person);
                if (reached.isEmpty()) {
                    continue;
                }
                int highest = reached.get(reached.size() - 1);
                List<Integer> missing = new ArrayList<>();
                for (int stage = 1; stage < highest; stage++) {
                    if (!reached.contains(stage)) {
                        missing.add(stage);
                    }
                }
                if (!missing.isEmpty()) {
                    gaps.add(new Gap(person, highest, missing));
                }
            }
            return gaps;
        }

        private Enrollment enrollment() {
            Map<OverallStance, Integer> counts = new EnumMap<>(OverallStance.class);
            active.keySet().forEach(person -> counts.merge(stanceOf(person), 1, Integer::sum));
            return new Enrollment(counts.getOrDefault(OverallStance.CO_CREATED, 0),
                    counts.getOrDefault(OverallStance.OWNS, 0), counts.getOrDefault(OverallStance.BUYS_IN, 0),
                    counts.getOrDefault(OverallStance.HAS_CONCERNS, 0), counts.getOrDefault(OverallStance.DECLINES, 0),
                    counts.getOrDefault(OverallStance.NO_RESPONSE, 0),
                    counts.getOrDefault(OverallStance.NOT_REACHED, 0));
        }

        private Units units() {
            List<String> current = List.copyOf(new TreeSet<>(active.values().stream().map(Member::unit).toList()));
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
            Set<String> represented = Set.copyOf(current);
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
                        overdue += overdue(commitment) ? 1 : 0;
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

        private WeightedComponents components(List<StageCoverage> stages, Enrollment enrollment, Units units,
                                          Commitments commitments) {
            int engagements = stages.stream().mapToInt(StageCoverage::engaged).sum();
            int fulfilled = commitments.fulfilledOnTime() + commitments.fulfilledLate();
            int judged = fulfilled + commitments.overdue() + commitments.withdrawn();
            int pairs = units.pairs().size();
            return new WeightedComponents(
                    new Weighted(Ratio.of(engagements, 5L * n), STAGE_COVERAGE_WEIGHT),
                    new Weighted(Ratio.of(enrollment.coCreated() + enrollment.owns(), n), ENROLLMENT_WEIGHT),
                    new Weighted(Ratio.of(pairs - units.disconnected().size(), pairs), CROSS_UNIT_WEIGHT),
                    new Weighted(Ratio.of(commitments.fulfilledOnTime(), judged), RELIABILITY_WEIGHT),
                    new Weighted(Ratio.of(fulfilled - commitments.unacknowledged(), fulfilled),
                            ACKNOWLEDGEMENT_WEIGHT));
        }

        /** round half up (100 · Σ w·value / Σ w) over the components with a value, in exact arithmetic. */
        private static Integer score(List<Weighted> components) {
            List<Weighted> present = components.stream().filter(c -> c.ratio() != null).toList();
            if (present.isEmpty()) {
                return null;
            }
            // Σ (w_i · num_i / den_i) over the common denominator D = Π den_i.
            BigInteger denominator = BigInteger.ONE;
            for (Weighted c : present) {
                denominator = denominator.multiply(BigInteger.valueOf(c.ratio().denominator()));
            }
            BigInteger numerator = BigInteger.ZERO;
            long weights = 0;
            for (Weighted c : present) {
                numerator = numerator.add(BigInteger.valueOf(c.weightPercent())
                        .multiply(BigInteger.valueOf(c.ratio().numerator()))
                        .multiply(denominator.divide(BigInteger.valueOf(c.ratio().denominator()))));
                weights += c.weightPercent();
            }
            // score = floor(100·N / (D·W) + 1/2) = floor((200·N + D·W) / (2·D·W))
            BigInteger scaledWeights = denominator.multiply(BigInteger.valueOf(weights));
            return numerator.multiply(BigInteger.valueOf(200)).add(scaledWeights)
                    .divide(scaledWeights.multiply(BigInteger.TWO)).intValueExact();
        }

        private List<ParticipantAlignment> participants() {
            Map<String, CommitmentTally> tallies = new HashMap<>();
            for (CommitmentFacts commitment : facts.commitments()) {
                tallies.computeIfAbsent(commitment.personId(), person -> new CommitmentTally(asOf)).count(commitment);
            }
            return active.values().stream().map(member -> new ParticipantAlignment(member.personId(),
                    member.displayName(), member.unit(), member.role(), stagesOf(member.personId()),
                    stanceOf(member.personId()),
                    tallies.getOrDefault(member.personId(), new CommitmentTally(asOf)).counts())).toList();
        }

        private List<Recommendation> recommendations(Units units) {
            Recommendations next = new Recommendations(active);
            for (String unit : units.unrepresented()) {
                next.keepForUnits(Kind.UNIT_ENTRY, List.of(unit),
                        "No active participant represents " + unit + ": invite someone from " + unit
                                + " and begin a relationship conversation with them.");
            }
            for (UnitLink link : units.disconnected()) {
                next.keepForUnits(Kind.UNIT_LINK, link.units(),
                        link.units().get(0) + " and " + link.units().get(1) + " have no relationship yet: bring"
                                + " people of both units together to understand each other's commitments.");
            }
            next.add(Kind.RELATIONSHIP, people(person -> !engaged(person, EnrollmentStage.RELATIONSHIP)), null, null,
                    null, "These participants have no recorded relationship conversation: begin with one, centred"
                            + " on a mutual understanding of commitments.");
            boolean shared = !facts.possibilities().isEmpty();
            next.add(Kind.SHARE_POSSIBILITY, shared ? people(person -> stanceOf(person) == OverallStance.NOT_REACHED)
                            : List.copyOf(active.keySet()), null, null, null,
                    shared ? "No possibility has reached these participants yet: share it with them."
                            : "No possibility has been shared yet: communicate the possibility so people can"
                            + " collaborate on it.");
            next.add(Kind.ENROLLMENT, people(person -> Set.of(OverallStance.BUYS_IN, OverallStance.HAS_CONCERNS,
                            OverallStance.NO_RESPONSE).contains(stanceOf(person))), null, null, null,
                    "These participants accept, doubt or have not answered the possibility: invite them to shape"
                            + " it until they own it (enrollment, not buy-in).");
            for (PossibilityFacts possibility : facts.possibilities()) {
                if (!possibility.mapped()) {
                    List<String> authors = new ArrayList<>(possibility.coAuthors());
                    authors.add(possibility.sharedBy());
                    next.add(Kind.MAP_PATHWAY, inP(authors), possibility.possibilityId(), null, null,
                            "This possibility has no pathway: flesh out who, what, when, where and how together.");
                }
            }
            next.add(Kind.JOIN_PATHWAY, people(person -> stanceOf(person).isEnrolled()
                            && !engaged(person, EnrollmentStage.PATHWAY)), null, null, null,
                    "These participants own a possibility but took no part in mapping a pathway: bring them into"
                            + " the pathway conversation.");
            next.add(Kind.COMMIT, people(person -> engaged(person, EnrollmentStage.PATHWAY)
                            && !engaged(person, EnrollmentStage.ACTION)), null, null, null,
                    "These participants helped map the pathway but have made no commitment: ask for their role,"
                            + " result and by when.");
            for (RequestFacts request : facts.requests()) {
                if (request.status() == RequestStatus.OPEN) {
                    next.add(Kind.ANSWER_REQUEST, inP(List.of(request.requestedBy(), request.personId())), null,
                            request.requestId(), null, "This request for a commitment is still open: promise it,"
                                    + " counter-offer or decline it.");
                }
            }
            for (CommitmentFacts commitment : facts.commitments()) {
                if (overdue(commitment)) {
                    next.keep(Kind.RENEGOTIATE, inP(List.of(commitment.personId())), commitment.commitmentId(), "This commitment is past its due date of "
                                    + commitment.dueBy() + ": fulfil it or renegotiate its terms.");
                }
            }
            for (CommitmentFacts commitment : facts.commitments()) {
                if (unacknowledged(commitment)) {
                    next.keep(Kind.ACKNOWLEDGE, inP(List.of(commitment.personId())), commitment.commitmentId(), "This commitment was fulfilled and nobody acknowledged it:"
                                    + " acknowledge the contribution.");
                }
            }
            return next.sorted();
        }

        /** The active participants (sorted) for whom the test holds. */
        private List<String> people(Predicate<String> test) {
            return active.keySet().stream().filter(test).toList();
        }

        private List<String> inP(List<String> people) {
            return List.copyOf(new TreeSet<>(people.stream().filter(active::containsKey).toList()));
        }
    }

    /** Collects recommendations and puts them in SPEC order: stage, the table's order, the item's key. */
    private static final class Recommendations {
        private final Map<String, Member> active;
        private final List<Recommendation> items = new ArrayList<>();

        Recommendations(Map<String, Member> active) {
            this.active = active;
        }

        /** An item about people: left out when nobody is left to have the conversation. */
        void add(Kind kind, List<String> participants, String possibilityId, String requestId, String commitmentId,
                 String reason) {
            if (!participants.isEmpty()) {
                items.add(new Recommendation(kind, kind.stage(), participants, unitsOf(participants), possibilityId,
                        requestId, commitmentId, reason));
            }
        }

        /** An item about a commitment, kept even when its person is no longer a participant. */
        void keep(Kind kind, List<String> participants, String commitmentId, String reason) {
            items.add(new Recommendation(kind, kind.stage(), participants, unitsOf(participants), null, null,
                    commitmentId, reason));
        }

        /** An item about units (one to enter, two to link): it names no people yet. */
        void keepForUnits(Kind kind, List<String> units, String reason) {
            items.add(new Recommendation(kind, kind.stage(), List.of(), units, null, null, null, reason));
        }

        private List<String> unitsOf(List<String> participants) {
            return List.copyOf(new TreeSet<>(participants.stream().map(person -> active.get(person).unit()).toList()));
        }

        List<Recommendation> sorted() {
            List<Recommendation> sorted = new ArrayList<>(items);
            sorted.sort((x, y) -> {
                int byKind = x.kind().compareTo(y.kind());
                return byKind != 0 ? byKind : key(x).compareTo(key(y));
            });
            return sorted;
        }

        private static String key(Recommendation item) {
            return switch (item.kind()) {
                case UNIT_ENTRY, UNIT_LINK -> String.join("\u0000", item.units());
                case MAP_PATHWAY -> item.possibilityId();
                case ANSWER_REQUEST -> item.requestId();
                case RENEGOTIATE, ACKNOWLEDGE -> item.commitmentId();
                default -> "";
            };
        }
    }

    /** A non-negative ratio kept exact for the score; null when it would be 0/0. */
    record Ratio(long numerator, long denominator) {
        static Ratio of(long numerator, long denominator) {
            return denominator == 0 ? null : new Ratio(numerator, denominator);
        }
    }

    /** The five components of SPEC §4's score, each before it is rounded to a double. */
    private record WeightedComponents(Weighted stageCoverage, Weighted enrollment, Weighted crossUnit,
                                      Weighted reliability, Weighted acknowledgement) {
        List<Weighted> all() {
            return List.of(stageCoverage, enrollment, crossUnit, reliability, acknowledgement);
        }

        Components components() {
            return new Components(stageCoverage.component(), enrollment.component(), crossUnit.component(),
                    reliability.component(), acknowledgement.component());
        }
    }

    /** A component before it is rounded to a double: its exact ratio (null: no data) and weight in percent. */
    private record Weighted(Ratio ratio, int weightPercent) {
        Component component() {
            return new Component(ratio == null ? null : (double) ratio.numerator() / ratio.denominator(),
                    weightPercent / 100.0);
        }
    }
}
