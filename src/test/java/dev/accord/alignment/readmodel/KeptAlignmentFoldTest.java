package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.eventstore.EventTypes;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RandomHistory;
import dev.accord.readmodel.ReadModel.Folding;
import dev.accord.readmodel.RowCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alignment read model keeps the fold that gave a row alive, so the next catch-up continues it
 * instead of copying the row. What a catch-up gets must not depend on it: the same facts as a fold
 * of the whole stream, whatever happened to the catch-ups before (abandoned after a refusal or a
 * failed transaction, or racing another for the same row).
 */
class KeptAlignmentFoldTest {

    private static final UUID ID = UUID.fromString("3b0f6c1e-8a57-4d2b-9e44-6f1d2a7c9b05");

    private final KeptFolds folds = new KeptFolds(new RowCache(500_000));
    private final List<StoredEvent> events = stored(RandomHistory.of(7, ID, 240));

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void catching_up_a_few_events_at_a_time_from_each_row_given_gives_the_facts_of_folding_them_all(long seed) {
        List<StoredEvent> history = stored(RandomHistory.of(seed, ID, 300));
        AlignmentFacts row = null;
        for (int from = 0; from < history.size(); from += 1 + (from % 4)) {
            int to = Math.min(history.size(), from + 1 + (from % 4));
            row = catchUp(row, history.subList(from, to));
            assertEquals(facts(history.subList(0, to)), row, "after " + to + " events");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void catching_up_two_initiatives_whose_folds_do_not_fit_together_gives_the_facts_of_folding_them_all(long seed) {
        UUID otherId = UUID.fromString("9e7d1c42-5b3a-4f08-8c61-0a2f4e6d8b17");
        RowCache memory = new RowCache(400); // one fold of up to 300 events fits, never two
        KeptFolds crowded = new KeptFolds(memory);
        List<StoredEvent> history = stored(RandomHistory.of(seed, ID, 300));
        List<StoredEvent> other = stored(otherId, RandomHistory.of(seed + 1, otherId, 300));
        AlignmentFacts row = null;
        AlignmentFacts otherRow = null;
        int length = Math.min(history.size(), other.size());
        for (int from = 0; from < length; from += 1 + (from % 3)) {
            int to = Math.min(length, from + 1 + (from % 3));
            row = catchUp(crowded, row, history.subList(from, to));
            otherRow = catchUp(crowded, otherRow, other.subList(from, to));
            assertEquals(facts(history.subList(0, to)), row, "after " + to + " events");
            assertEquals(AlignmentFold.fold(otherId, other.subList(0, to).stream().map(StoredEvent::event).toList()),
                    otherRow, "the other, after " + to + " events");
            assertTrue(memory.weight() <= 400);
        }
    }

    @Test
    void a_fold_forgotten_with_its_initiative_costs_a_copy_of_the_row_not_a_wrong_row() {
        RowCache memory = new RowCache(150);
        KeptFolds crowded = new KeptFolds(memory);
        AlignmentFacts row = catchUp(crowded, null, events.subList(0, 100));
        UUID otherId = UUID.fromString("9e7d1c42-5b3a-4f08-8c61-0a2f4e6d8b17");
        catchUp(crowded, null, stored(otherId, RandomHistory.of(8, otherId, 80)));
        assertEquals(0, memory.weight(ID), "the fold went with its initiative");

        AlignmentFacts next = catchUp(crowded, row, events.subList(100, 130));

        assertEquals(facts(events.subList(0, 130)), next);
        assertEquals(facts(events.subList(0, 100)), row);
    }

    @Test
    void a_catch_up_abandoned_midway_leaves_the_next_one_the_row_it_started_from() {
        AlignmentFacts row = catchUp(null, events.subList(0, 100));
        Folding<AlignmentFacts> refused = folds.folding(row);
        events.subList(100, 110).forEach(refused::apply);
        // refused: row() is never asked for, nothing is kept

        AlignmentFacts next = catchUp(row, events.subList(100, 101));

        assertEquals(facts(events.subList(0, 101)), next);
        assertEquals(facts(events.subList(0, 100)), row);
    }

    @Test
    void a_row_whose_transaction_failed_is_not_continued_from_the_row_before_it() {
        AlignmentFacts row = catchUp(null, events.subList(0, 100));
        catchUp(row, events.subList(100, 120)); // written, then its transaction failed: the cache keeps `row`

        AlignmentFacts again = catchUp(row, events.subList(100, 105));

        assertEquals(facts(events.subList(0, 105)), again);
    }

    @Test
    void two_catch_ups_from_the_same_row_each_get_their_own_facts() {
        AlignmentFacts row = catchUp(null, events.subList(0, 100));
        Folding<AlignmentFacts> first = folds.folding(row);
        Folding<AlignmentFacts> second = folds.folding(row);
        events.subList(100, 130).forEach(first::apply);
        events.subList(100, 105).forEach(second::apply);

        assertEquals(facts(events.subList(0, 130)), first.row());
        assertEquals(facts(events.subList(0, 105)), second.row());
    }

    @Test
    void a_folding_asked_for_its_row_midway_goes_on_without_changing_the_row_it_gave() {
        Folding<AlignmentFacts> folding = folds.folding(null);
        events.subList(0, 80).forEach(folding::apply);
        AlignmentFacts midway = folding.row();
        AlignmentFacts continued = catchUp(midway, events.subList(80, 90)); // another catch-up took the fold

        events.subList(80, 120).forEach(folding::apply);

        assertEquals(facts(events.subList(0, 80)), midway);
        assertEquals(facts(events.subList(0, 90)), continued);
        assertEquals(facts(events.subList(0, 120)), folding.row());
    }

    @Test
    void a_folding_that_applied_nothing_gives_no_row_before_the_launch() {
        assertNull(folds.folding(null).row());
    }

    private AlignmentFacts catchUp(AlignmentFacts row, List<StoredEvent> batch) {
        return catchUp(folds, row, batch);
    }

    private static AlignmentFacts catchUp(KeptFolds folds, AlignmentFacts row, List<StoredEvent> batch) {
        Folding<AlignmentFacts> folding = folds.folding(row);
        batch.forEach(folding::apply);
        return folding.row();
    }

    private static AlignmentFacts facts(List<StoredEvent> events) {
        return AlignmentFold.fold(ID, events.stream().map(StoredEvent::event).toList());
    }

    private static List<StoredEvent> stored(List<InitiativeEvent> events) {
        return stored(ID, events);
    }

    private static List<StoredEvent> stored(UUID initiativeId, List<InitiativeEvent> events) {
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (InitiativeEvent event : events) {
            stored.add(new StoredEvent(UUID.randomUUID(), initiativeId, stored.size() + 1, EventTypes.typeOf(event),
                    event, Instant.parse("2026-03-02T09:00:00Z").plusSeconds(stored.size()), "test"));
        }
        return stored;
    }
}
