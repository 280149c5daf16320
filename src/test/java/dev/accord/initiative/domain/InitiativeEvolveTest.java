package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command side keeps an initiative's state and evolves it one event at a time: that must
 * give the state of folding the whole stream, and it must copy only what the event changes, so
 * that evolving a long-lived state stays cheap and earlier states (shared between requests)
 * never change.
 */
class InitiativeEvolveTest {

    private static final UUID ID = UUID.fromString("3a1f7c52-0b9e-4d3a-8e61-5c2d9f4b7a10");
    private static final Instant AT = Instant.parse("2026-06-01T09:00:00Z");

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void evolving_a_random_history_one_event_at_a_time_gives_the_state_of_folding_it(long seed) {
        List<InitiativeEvent> events = RandomHistory.of(seed, ID, 300);
        Initiative evolved = Initiative.notLaunched(ID);
        for (int count = 1; count <= events.size(); count++) {
            evolved = Initiative.evolve(evolved, events.get(count - 1));
            if (count % 50 == 0) {
                assertEquals(Initiative.fold(ID, events.subList(0, count)), evolved, "after " + count + " events");
            }
        }
        assertEquals(Initiative.fold(ID, events), evolved);
        assertEquals(events.size(), evolved.version());
    }

    @Test
    void a_conversation_the_decider_does_not_judge_by_shares_every_collection_with_the_state_before() {
        Initiative before = Initiative.fold(ID, RandomHistory.of(7, ID, 200));
        Initiative after = Initiative.evolve(before, new FeedbackGiven(ID, "fb-x", "p1", "p1", null, "Clear", AT));

        assertEquals(before.version() + 1, after.version());
        assertSameCollections(before, after);
    }

    @Test
    void an_event_copies_only_the_collection_it_changes() {
        Initiative before = Initiative.fold(ID, RandomHistory.of(7, ID, 200));
        Initiative after = Initiative.evolve(before,
                new PossibilityShared(ID, "pos-new", "Bundle", "p1", List.of(), List.of(), AT));

        assertNotSame(before.possibilities(), after.possibilities());
        assertTrue(after.hasPossibility("pos-new"));
        assertSame(before.units(), after.units());
        assertSame(before.activeParticipants(), after.activeParticipants());
        assertSame(before.requests(), after.requests());
        assertSame(before.commitments(), after.commitments());
    }

    @Test
    void evolving_leaves_the_state_before_as_it_was() {
        List<InitiativeEvent> events = RandomHistory.of(11, ID, 200);
        Initiative before = Initiative.fold(ID, events);
        Initiative copy = Initiative.fold(ID, events);

        Initiative after = Initiative.evolve(before,
                new PossibilityShared(ID, "pos-new", "Bundle", "p1", List.of(), List.of(), AT));
        Initiative.evolve(after, new PossibilityResponded(ID, "pos-new", "p1", Stance.OWNS, null, AT));

        assertEquals(copy, before);
        assertFalse(before.hasPossibility("pos-new"));
        assertThrows(UnsupportedOperationException.class, () -> after.possibilities().put("pos-x", AT));
    }

    private static void assertSameCollections(Initiative before, Initiative after) {
        assertSame(before.units(), after.units());
        assertSame(before.everJoined(), after.everJoined());
        assertSame(before.activeParticipants(), after.activeParticipants());
        assertSame(before.possibilities(), after.possibilities());
        assertSame(before.milestonePathways(), after.milestonePathways());
        assertSame(before.pathways(), after.pathways());
        assertSame(before.requests(), after.requests());
        assertSame(before.commitments(), after.commitments());
    }
}
