package dev.accord.alignment.domain;

import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RandomHistory;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The live read model keeps folded facts and applies each new event to them; a rebuild folds
 * the whole stream. Both must give the same facts, and so the same state at any clock.
 * ({@link AlignmentHistory#at} checks the one-at-a-time fold for every history in these tests;
 * this class also continues from every prefix, as a projection resuming from stored facts does.)
 */
class IncrementalFoldTest {

    private static final UUID RANDOM = UUID.fromString("7d2e4b61-93c0-4f5a-b8e2-1a6c0d9f3e57");

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("the worked example", WorkedExampleTest.workedExample()),
                Arguments.of("every recommendation at once", launch("S", "exec", "exec", "finance", "legal", "sales")
                        .join("E", "finance").join("C", "sales").join("B", "finance").join("A", "sales")
                        .relationship("S", "A")
                        .share("beta", "S", List.of("B"), List.of("A"))
                        .share("alpha", "A", List.of("C"), List.of())
                        .respond("alpha", "C", Stance.HAS_CONCERNS)
                        .share("gamma", "S", List.of(), List.of())
                        .pathway("gamma", "S", "C")
                        .request("q1", "S", "B", day(9))
                        .commit("c1", "S", day(5))
                        .commit("c2", "A", day(5))
                        .fulfil("c2", day(4))
                        .events()),
                Arguments.of("a leave and a rejoin in another unit", launch("S", "exec", "exec", "sales", "finance")
                        .join("A", "sales").join("C", "sales")
                        .relationship("S", "A")
                        .share("p1", "A", List.of("S"), List.of("C"))
                        .respond("p1", "S", Stance.BUYS_IN)
                        .leave("A")
                        .join("A", "finance")
                        .relationship("S", "A", "C")
                        .respond("p1", "S", Stance.OWNS)
                        .events()),
                Arguments.of("renegotiations, fulfilments, a withdrawal and acknowledgements",
                        launch("S", "exec", "exec")
                                .join("A", "exec")
                                .commit("c1", "A", day(5))
                                .commit("c2", "S", day(5))
                                .commit("c3", "A", day(5))
                                .on(day(1)).renegotiate("c1", day(10))
                                .acknowledge("S", "A", "c1")
                                .renegotiateResult("c2")
                                .withdraw("c3")
                                .fulfil("c1", day(7))
                                .fulfil("c2", day(6))
                                .on(day(8)).feedback("A", "S", "c2")
                                .events()),
                Arguments.of("requests declined, promised and open, then completion", launch("S", "exec", "exec")
                        .join("A", "exec").join("B", "exec")
                        .request("q1", "S", "A", day(9))
                        .request("q2", "S", "B", day(9))
                        .request("q3", "A", "B", day(9))
                        .decline("q2")
                        .promise("q3", "c3", "B", day(9))
                        .leave("A")
                        .complete("S")
                        .events()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void folding_one_event_at_a_time_from_nothing_gives_the_facts_of_folding_them_all(String name,
                                                                                     List<InitiativeEvent> events) {
        UUID id = events.get(0).initiativeId();
        AlignmentFacts whole = AlignmentFold.fold(id, events);
        AlignmentFacts stepped = null;
        for (InitiativeEvent event : events) {
            stepped = AlignmentFold.apply(stepped, event);
        }
        assertEquals(whole, stepped);
        for (Instant asOf : clocks()) {
            assertEquals(Alignment.evaluate(whole, asOf), Alignment.evaluate(stepped, asOf), "at " + asOf);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void continuing_from_the_facts_of_any_prefix_gives_the_facts_of_folding_them_all(String name,
                                                                                    List<InitiativeEvent> events) {
        UUID id = events.get(0).initiativeId();
        AlignmentFacts whole = AlignmentFold.fold(id, events);
        for (int split = 1; split <= events.size(); split++) {
            AlignmentFacts continued = AlignmentFold.fold(id, events.subList(0, split));
            for (InitiativeEvent event : events.subList(split, events.size())) {
                continued = AlignmentFold.apply(continued, event);
            }
            assertEquals(whole, continued, "continued after " + split + " events");
            assertEquals(Alignment.evaluate(whole, day(10)), Alignment.evaluate(continued, day(10)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void the_version_is_the_number_of_events_applied(String name, List<InitiativeEvent> events) {
        AlignmentFacts stepped = null;
        for (int applied = 1; applied <= events.size(); applied++) {
            stepped = AlignmentFold.apply(stepped, events.get(applied - 1));
            assertEquals(applied, stepped.version());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void a_kept_fold_applying_a_random_history_gives_the_facts_of_folding_it_at_every_version(long seed) {
        List<InitiativeEvent> events = RandomHistory.of(seed, RANDOM, 300);
        AlignmentFold kept = AlignmentFold.start(RANDOM);
        for (int applied = 1; applied <= events.size(); applied++) {
            kept.apply(events.get(applied - 1));
            assertEquals(applied, kept.version());
            if (applied % 25 == 0) {
                assertEquals(AlignmentFold.fold(RANDOM, events.subList(0, applied)), kept.facts(),
                        "after " + applied + " events");
            }
        }
        assertEquals(AlignmentFold.fold(RANDOM, events), kept.facts());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void resuming_from_the_facts_of_a_random_prefix_gives_the_facts_of_folding_it_all(long seed) {
        List<InitiativeEvent> events = RandomHistory.of(seed, RANDOM, 300);
        AlignmentFacts whole = AlignmentFold.fold(RANDOM, events);
        for (int split = 1; split < events.size(); split += 37) {
            AlignmentFold resumed = AlignmentFold.resume(AlignmentFold.fold(RANDOM, events.subList(0, split)));
            events.subList(split, events.size()).forEach(resumed::apply);
            assertEquals(whole, resumed.facts(), "resumed after " + split + " events");
            assertEquals(Alignment.evaluate(whole, day(30)), Alignment.evaluate(resumed.facts(), day(30)));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void the_stances_the_fold_keeps_current_are_the_best_towards_any_possibility_at_every_version(long seed) {
        List<InitiativeEvent> events = RandomHistory.of(seed, RANDOM, 300);
        AlignmentFold kept = AlignmentFold.start(RANDOM);
        for (InitiativeEvent event : events) {
            kept.apply(event);
            AlignmentFacts facts = kept.facts();
            assertEquals(OverallStance.acrossAll(facts.possibilities()), facts.stances(), "at " + facts.version());
        }
    }

    @Test
    void facts_stored_before_stances_were_kept_get_them_from_the_possibilities() {
        AlignmentFacts kept = AlignmentFold.fold(RANDOM, RandomHistory.of(5, RANDOM, 300));
        AlignmentFacts stored = new AlignmentFacts(kept.initiativeId(), kept.version(), kept.status(),
                kept.declaredUnits(), kept.members(), kept.stagesByPerson(), kept.possibilities(), kept.unitPairs(),
                kept.requests(), kept.commitments(), kept.acknowledgementsGiven(), kept.acknowledgementsReceived(),
                null);

        assertEquals(kept, stored);
    }

    @Test
    void facts_taken_from_a_kept_fold_do_not_change_when_it_applies_more_events() {
        List<InitiativeEvent> events = RandomHistory.of(4, RANDOM, 300);
        AlignmentFold kept = AlignmentFold.start(RANDOM);
        events.subList(0, 150).forEach(kept::apply);
        AlignmentFacts snapshot = kept.facts();

        events.subList(150, events.size()).forEach(kept::apply);

        assertEquals(AlignmentFold.fold(RANDOM, events.subList(0, 150)), snapshot);
        assertEquals(150, snapshot.version());
        assertEquals(events.size(), kept.facts().version());
    }

    private static List<Instant> clocks() {
        return List.of(DAY_0, day(5), day(5).plusSeconds(1), day(10), day(400));
    }
}
