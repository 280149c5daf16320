package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.PossibilityFacts;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.Stance;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A possibility as it changes; its facts are made again only after it changed, not at every snapshot. */
final class MutablePossibility {
    private final String possibilityId;
    private final String sharedBy;
    private final List<String> audience;
    private final List<String> coAuthors;
    private final Map<String, Stance> latestResponses;
    private boolean mapped;
    private PossibilityFacts facts;

    MutablePossibility(PossibilityShared shared) {
        possibilityId = shared.possibilityId();
        sharedBy = shared.sharedBy();
        audience = shared.audience();
        coAuthors = shared.coAuthors();
        latestResponses = new TreeMap<>();
    }

    MutablePossibility(PossibilityFacts facts) {
        possibilityId = facts.possibilityId();
        sharedBy = facts.sharedBy();
        audience = facts.audience();
        coAuthors = facts.coAuthors();
        latestResponses = new TreeMap<>(facts.latestResponses());
        mapped = facts.mapped();
        this.facts = facts;
    }

    void respond(String personId, Stance stance) {
        latestResponses.put(personId, stance);
        facts = null;
    }

    void map() {
        mapped = true;
        facts = null;
    }

    /** Everyone it named or who answered it, each once. */
    Set<String> peopleNamed() {
        Set<String> named = new LinkedHashSet<>(audience);
        named.add(sharedBy);
        named.addAll(coAuthors);
        named.addAll(latestResponses.keySet());
        return named;
    }

    PossibilityFacts facts() {
        if (facts == null) {
            facts = new PossibilityFacts(possibilityId, sharedBy, audience, coAuthors, latestResponses, mapped);
        }
        return facts;
    }
}
