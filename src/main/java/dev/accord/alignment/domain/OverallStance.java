package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.PossibilityFacts;
import dev.accord.initiative.domain.Stance;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A person's stance across every possibility, best first: enrollment (co-created, owns) before
 * buy-in, concerns, refusal, silence — and NOT_REACHED for someone no possibility has named.
 */
public enum OverallStance {
    CO_CREATED,
    OWNS,
    BUYS_IN,
    HAS_CONCERNS,
    DECLINES,
    NO_RESPONSE,
    NOT_REACHED;

    private static final Map<Stance, OverallStance> OF_RESPONSE = new EnumMap<>(Stance.class);

    static {
        for (Stance stance : Stance.values()) {
            OF_RESPONSE.put(stance, valueOf(stance.name()));
        }
    }

    static OverallStance of(Stance stance) {
        return OF_RESPONSE.get(stance);
    }

    /** The better of two stances (a lower ordinal is better); null counts as not reached. */
    static OverallStance best(OverallStance a, OverallStance b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /**
     * Each person's stance towards one possibility: their latest response, else the default of
     * how it named them (audience: no response, sharer: owns, co-author: co-created). A person
     * it named in several ways without a response is given each default, so that taking the
     * best of what {@code to} receives gives the best of those defaults. The audience's default
     * needs no test for a response: every response is better than NO_RESPONSE, so the best of
     * the two is the response anyway.
     */
    static void towards(PossibilityFacts possibility, BiConsumer<String, OverallStance> to) {
        Map<String, Stance> responses = possibility.latestResponses();
        for (String person : possibility.audience()) {
            to.accept(person, NO_RESPONSE);
        }
        if (!responses.containsKey(possibility.sharedBy())) {
            to.accept(possibility.sharedBy(), OWNS);
        }
        for (String person : possibility.coAuthors()) {
            if (!responses.containsKey(person)) {
                to.accept(person, CO_CREATED);
            }
        }
        responses.forEach((person, stance) -> to.accept(person, of(stance)));
    }

    /**
     * One person's stance towards one possibility: the best of what {@link #towards} gives them;
     * null when it names them in no way and they did not answer it.
     */
    static OverallStance towards(PossibilityFacts possibility, String person) {
        Stance response = possibility.latestResponses().get(person);
        if (response != null) {
            return of(response);
        }
        if (possibility.coAuthors().contains(person)) {
            return CO_CREATED;
        }
        if (possibility.sharedBy().equals(person)) {
            return OWNS;
        }
        return possibility.audience().contains(person) ? NO_RESPONSE : null;
    }

    /** Each person's overall stance, the best towards any of the possibilities, for everyone they named or who answered. */
    static Map<String, OverallStance> acrossAll(List<PossibilityFacts> possibilities) {
        Map<String, OverallStance> overall = new HashMap<>();
        for (PossibilityFacts possibility : possibilities) {
            towards(possibility, (person, stance) -> overall.merge(person, stance, OverallStance::best));
        }
        return overall;
    }

    boolean isEnrolled() {
        return this == CO_CREATED || this == OWNS;
    }
}
