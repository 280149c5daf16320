package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.Member;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * P of one evaluation: the active participants in personId order, each with what several
 * sections of the state ask about them (the stages they took part in, their overall stance),
 * found once. Looked up by id through a hash map; the order is kept only for iterating.
 */
final class Participants {

    /** One active participant and the findings about them. */
    static final class Participant {
        private final Member member;
        private final List<Integer> stageNumbers;
        private final StageSet stages;
        private final OverallStance stance;

        private Participant(Member member, List<Integer> stageNumbers, OverallStance stance) {
            this.member = member;
            this.stageNumbers = stageNumbers;
            this.stages = StageSet.of(stageNumbers);
            this.stance = stance;
        }

        Member member() {
            return member;
        }

        String personId() {
            return member.personId();
        }

        /** The stage numbers they took part in, as the facts list them. */
        List<Integer> stageNumbers() {
            return stageNumbers;
        }

        StageSet stages() {
            return stages;
        }

        boolean engaged(EnrollmentStage stage) {
            return stages.contains(stage);
        }

        OverallStance stance() {
            return stance;
        }
    }

    private final List<Participant> ordered;
    private final Map<String, Participant> byId;

    Participants(AlignmentFacts facts) {
        Collection<Member> sorted = inPersonIdOrder(facts.members());
        ordered = new ArrayList<>(sorted.size());
        byId = new HashMap<>(2 * sorted.size());
        for (Member member : sorted) {
            Participant participant = new Participant(member,
                    facts.stagesByPerson().getOrDefault(member.personId(), List.of()),
                    facts.stances().getOrDefault(member.personId(), OverallStance.NOT_REACHED));
            ordered.add(participant);
            byId.put(member.personId(), participant);
        }
    }

    /** The members by personId, each once (the last listed wins); the facts usually list them so already. */
    private static Collection<Member> inPersonIdOrder(List<Member> members) {
        for (int i = 1; i < members.size(); i++) {
            if (members.get(i - 1).personId().compareTo(members.get(i).personId()) >= 0) {
                Map<String, Member> sorted = new TreeMap<>();
                members.forEach(member -> sorted.put(member.personId(), member));
                return sorted.values();
            }
        }
        return members;
    }

    /** n: how many people are active participants. */
    int size() {
        return ordered.size();
    }

    /** In personId order. */
    List<Participant> all() {
        return ordered;
    }

    Participant get(String personId) {
        return byId.get(personId);
    }

    /** Every active participant's id, sorted. */
    List<String> ids() {
        return where(participant -> true);
    }

    /** The active participants (sorted) for whom the test holds. */
    List<String> where(Predicate<Participant> test) {
        List<String> people = new ArrayList<>();
        for (Participant participant : ordered) {
            if (test.test(participant)) {
                people.add(participant.personId());
            }
        }
        return List.copyOf(people);
    }

    /** Those of the given people who are active participants, sorted, each once. */
    List<String> among(Collection<String> people) {
        if (people.size() <= 2) {
            // most items name one or two people (a commitment's, a request's, a possibility's authors)
            Iterator<String> named = people.iterator();
            return people.isEmpty() ? List.of() : activeOf(named.next(), named.hasNext() ? named.next() : null);
        }
        TreeSet<String> active = new TreeSet<>();
        for (String person : people) {
            if (byId.containsKey(person)) {
                active.add(person);
            }
        }
        return List.copyOf(active);
    }

    /** Those of {@code a} and {@code b} (null: only {@code a}) who are active participants, sorted, each once. */
    private List<String> activeOf(String a, String b) {
        boolean aActive = byId.containsKey(a);
        boolean bActive = b != null && byId.containsKey(b);
        if (aActive && bActive) {
            int order = a.compareTo(b);
            return order == 0 ? List.of(a) : order < 0 ? List.of(a, b) : List.of(b, a);
        }
        return aActive ? List.of(a) : bActive ? List.of(b) : List.of();
    }

    /** The units of the given active participants, sorted, each once. */
    List<String> unitsOf(List<String> participants) {
        if (participants.size() == 1) {
            return List.of(byId.get(participants.get(0)).member().unit());
        }
        TreeSet<String> units = new TreeSet<>();
        participants.forEach(person -> units.add(byId.get(person).member().unit()));
        return List.copyOf(units);
    }
}
