package dev.accord.initiative.application;

import dev.accord.initiative.domain.Initiative;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.Person;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoldedInitiativesTest {

    @Test
    void keeps_initiatives_until_their_versions_pass_the_bound_then_forgets_the_least_recently_used() {
        FoldedInitiatives folded = new FoldedInitiatives(10);
        Initiative first = atVersion(UUID.randomUUID(), 4);
        Initiative second = atVersion(UUID.randomUUID(), 4);
        Initiative third = atVersion(UUID.randomUUID(), 3);
        folded.put(first);
        folded.put(second);
        folded.get(first.initiativeId());

        folded.put(third);

        assertEquals(first, folded.get(first.initiativeId()).orElseThrow());
        assertTrue(folded.get(second.initiativeId()).isEmpty(), "the least recently used goes");
        assertEquals(third, folded.get(third.initiativeId()).orElseThrow());
        assertEquals(7, folded.weight());
    }

    @Test
    void an_initiative_heavier_than_the_whole_bound_is_not_kept() {
        FoldedInitiatives folded = new FoldedInitiatives(3);
        Initiative heavy = atVersion(UUID.randomUUID(), 4);

        folded.put(heavy);

        assertTrue(folded.get(heavy.initiativeId()).isEmpty());
        assertEquals(0, folded.weight());
    }

    @Test
    void a_newer_copy_replaces_the_kept_one_and_an_older_one_never_does() {
        UUID id = UUID.randomUUID();
        FoldedInitiatives folded = new FoldedInitiatives(100);
        folded.put(atVersion(id, 2));
        folded.put(atVersion(id, 5));

        folded.put(atVersion(id, 3));

        assertEquals(5, folded.get(id).orElseThrow().version());
        assertEquals(5, folded.weight());
    }

    @Test
    void an_initiative_never_launched_is_not_kept_and_a_forgotten_one_frees_its_weight() {
        UUID kept = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        FoldedInitiatives folded = new FoldedInitiatives(100);
        folded.put(atVersion(kept, 6));
        folded.put(Initiative.notLaunched(unknown));

        assertTrue(folded.get(unknown).isEmpty());
        folded.forget(kept);

        assertTrue(folded.get(kept).isEmpty());
        assertEquals(0, folded.weight());
        assertEquals(0, folded.size());
    }

    /** Launched, then people joining until the stream is at {@code version}. */
    static Initiative atVersion(UUID id, int version) {
        List<InitiativeEvent> events = new ArrayList<>();
        events.add(new InitiativeLaunched(id, "Kept", "A strategy", new Person("sam", "Sam", "exec", "Sponsor"),
                List.of("exec"), null, Instant.parse("2026-11-01T09:00:00Z")));
        for (int i = 1; i < version; i++) {
            events.add(new ParticipantJoined(id, "person-" + i, "Person " + i, "exec", "Member"));
        }
        return Initiative.fold(id, events);
    }
}
