package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentSignal.BandChanged;
import dev.accord.alignment.domain.AlignmentSignal.CommitmentOverdue;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationClosed;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationOpened;
import dev.accord.alignment.domain.AlignmentSignal.StageReached;
import dev.accord.alignment.domain.AlignmentSignal.StageSkipped;
import dev.accord.alignment.domain.AlignmentSignal.UnitRepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitUnrepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitsConnected;
import dev.accord.alignment.domain.AlignmentSignal.UnitsDisconnected;
import dev.accord.alignment.domain.AlignmentState.Gap;
import dev.accord.alignment.domain.AlignmentState.ParticipantAlignment;
import dev.accord.alignment.domain.AlignmentState.UnitLink;
import dev.accord.alignment.domain.Recommendation.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signals between two alignment states of one initiative: the state last published (null for
 * an initiative never published, read as the empty state) and the new one. Pure: the same two
 * states always give the same signals, in the same order, so a state published once is never
 * announced twice however often it is reached again.
 *
 * <p>Everything is read from the two states, the state being what subscribers were told. Only
 * {@link CommitmentOverdue} needs more than the state says of a commitment: whether it is overdue
 * is the state's (an overdue commitment is exactly one with a RENEGOTIATE recommendation), whose
 * it is and by when it was due are the facts'.
 */
public final class AlignmentSignals {

    private AlignmentSignals() {
    }

    /**
     * Whether {@code after} says anything {@code before} did not: they differ in more than the
     * instant they were evaluated at. A null {@code before} (never published) differs from every state.
     */
    public static boolean changed(AlignmentState before, AlignmentState after) {
        return before == null || !before.at(after.asOf()).equals(after);
    }

    /** The signals from {@code before} (null: nothing published yet) to {@code after}, whose facts are {@code facts}. */
    public static List<AlignmentSignal> between(AlignmentState before, AlignmentState after, AlignmentFacts facts) {
        List<AlignmentSignal> signals = new ArrayList<>();
        stagesReached(before, after, signals);
        gapsOpened(before, after, signals);
        unitLinks(before, after, signals);
        representation(before, after, signals);
        band(before, after, signals);
        overdue(before, after, facts, signals);
        recommendations(before, after, signals);
        return signals;
    }

    /**
     * A recommendation's identity across states, within its kind the key of the recommendation table
     * (docs/alignment-model.md): the unit or pair,
     * the possibility, request or commitment it is about; the kind alone for the one-per-state kinds.
     */
    public static String keyOf(Recommendation recommendation) {
        String about = switch (recommendation.kind()) {
            case UNIT_ENTRY, UNIT_LINK -> String.join(",", recommendation.units());
            case MAP_PATHWAY -> recommendation.possibilityId();
            case ANSWER_REQUEST -> recommendation.requestId();
            case RENEGOTIATE, ACKNOWLEDGE -> recommendation.commitmentId();
            case RELATIONSHIP, SHARE_POSSIBILITY, ENROLLMENT, JOIN_PATHWAY, COMMIT -> null;
        };
        return about == null ? recommendation.kind().name() : recommendation.kind().name() + ":" + about;
    }

    private static void stagesReached(AlignmentState before, AlignmentState after, List<AlignmentSignal> signals) {
        Map<String, List<Integer>> earlier = new HashMap<>();
        if (before != null) {
            before.participants().forEach(person -> earlier.put(person.personId(), person.stages()));
        }
        for (ParticipantAlignment person : after.participants()) {
            List<Integer> had = earlier.getOrDefault(person.personId(), List.of());
            for (Integer stage : person.stages()) {
                if (!had.contains(stage)) {
                    signals.add(new StageReached(after.initiativeId(), person.personId(), stage));
                }
            }
        }
    }

    private static void gapsOpened(AlignmentState before, AlignmentState after, List<AlignmentSignal> signals) {
        Map<String, List<Integer>> missing = new HashMap<>();
        if (before != null) {
            before.gaps().forEach(gap -> missing.put(gap.personId(), gap.missingStages()));
        }
        for (Gap gap : after.gaps()) {
            List<Integer> wasMissing = missing.getOrDefault(gap.personId(), List.of());
            if (!wasMissing.containsAll(gap.missingStages())) {
                signals.add(new StageSkipped(after.initiativeId(), gap.personId(), gap.reachedStage(),
                        gap.missingStages()));
            }
        }
    }

    private static void unitLinks(AlignmentState before, AlignmentState after, List<AlignmentSignal> signals) {
        Set<List<String>> wereDisconnected = before == null ? Set.of() : unitsOf(before.units().disconnected());
        Set<List<String>> disconnected = unitsOf(after.units().disconnected());
        for (UnitLink link : after.units().disconnected()) {
            if (!wereDisconnected.contains(link.units())) {
                signals.add(new UnitsDisconnected(after.initiativeId(), link.units()));
            }
        }
        // a pair can also leave the disconnected list by a unit leaving U: that connects nothing
        for (UnitLink link : after.units().pairs()) {
            if (wereDisconnected.contains(link.units()) && !disconnected.contains(link.units())) {
                signals.add(new UnitsConnected(after.initiativeId(), link.units()));
            }
        }
    }

    private static Set<List<String>> unitsOf(List<UnitLink> links) {
        return links.stream().map(UnitLink::units).collect(Collectors.toSet());
    }

    private static void representation(AlignmentState before, AlignmentState after, List<AlignmentSignal> signals) {
        List<String> wereUnrepresented = before == null ? List.of() : before.units().unrepresented();
        List<String> unrepresented = after.units().unrepresented();
        for (String unit : unrepresented) {
            if (!wereUnrepresented.contains(unit)) {
                signals.add(new UnitUnrepresented(after.initiativeId(), unit));
            }
        }
        for (String unit : wereUnrepresented) {
            if (!unrepresented.contains(unit)) {
                signals.add(new UnitRepresented(after.initiativeId(), unit));
            }
        }
    }

    private static void band(AlignmentState before, AlignmentState after, List<AlignmentSignal> signals) {
        Band from = before == null ? null : before.band();
        if (from != after.band()) {
            signals.add(new BandChanged(after.initiativeId(), from, after.band(), after.score()));
        }
    }

    /** Commitments overdue now and not in the state published: each is raised once, when it falls overdue. */
    private static void overdue(AlignmentState before, AlignmentState after, AlignmentFacts facts,
                                List<AlignmentSignal> signals) {
        Set<String> wereOverdue = before == null ? Set.of() : overdueIn(before);
        Set<String> overdue = overdueIn(after);
        for (CommitmentFacts commitment : facts.commitments()) {
            if (overdue.contains(commitment.commitmentId()) && !wereOverdue.contains(commitment.commitmentId())) {
                signals.add(new CommitmentOverdue(after.initiativeId(), commitment.commitmentId(),
                        commitment.personId(), commitment.dueBy()));
            }
        }
    }

    private static Set<String> overdueIn(AlignmentState state) {
        return state.recommendations().stream().filter(item -> item.kind() == Kind.RENEGOTIATE)
                .map(Recommendation::commitmentId).collect(Collectors.toSet());
    }

    private static void recommendations(AlignmentState before, AlignmentState after, List<AlignmentSignal> signals) {
        Map<String, Recommendation> earlier = byKey(before == null ? List.of() : before.recommendations());
        Map<String, Recommendation> now = byKey(after.recommendations());
        now.forEach((key, item) -> {
            if (!earlier.containsKey(key)) {
                signals.add(new RecommendationOpened(after.initiativeId(), item));
            }
        });
        earlier.forEach((key, item) -> {
            if (!now.containsKey(key)) {
                signals.add(new RecommendationClosed(after.initiativeId(), item));
            }
        });
    }

    private static Map<String, Recommendation> byKey(List<Recommendation> items) {
        Map<String, Recommendation> byKey = new LinkedHashMap<>();
        items.forEach(item -> byKey.put(keyOf(item), item));
        return byKey;
    }
}
