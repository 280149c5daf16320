package dev.accord.initiative.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.accord.eventstore.EventTypes;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RandomHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A read model keeps one {@link InitiativeDetailsFold} per initiative and applies each event to
 * it, or resumes one from the stored document: at every version that must give the document of
 * applying the events one by one to the stored document.
 */
class InitiativeDetailsFoldTest {

    private static final UUID ID = UUID.fromString("9c4b2e71-5a3d-4f60-8b1e-2d7a6c0f4e93");
    private static final Instant RECORDED = Instant.parse("2026-06-01T09:00:00Z");
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void a_kept_fold_gives_the_document_of_applying_each_event_to_the_stored_one(long seed) throws Exception {
        List<StoredEvent> events = stored(RandomHistory.of(seed, ID, 150));
        InitiativeDetailsFold kept = InitiativeDetailsFold.resume(null);
        InitiativeDetails stepped = null;
        for (StoredEvent event : events) {
            kept.apply(event);
            stepped = InitiativeDetails.apply(roundTrip(stepped), event);
            assertEquals(event.version(), kept.version());
            if (event.version() % 20 == 0) {
                assertEquals(stepped, kept.details(), "after " + event.version() + " events");
            }
        }
        assertEquals(stepped, kept.details());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void resuming_from_a_stored_document_gives_the_document_of_applying_them_all(long seed) throws Exception {
        List<StoredEvent> events = stored(RandomHistory.of(seed, ID, 300));
        InitiativeDetails whole = foldAll(events);
        for (int split = 1; split < events.size(); split += 41) {
            InitiativeDetailsFold resumed = InitiativeDetailsFold.resume(roundTrip(foldAll(events.subList(0, split))));
            events.subList(split, events.size()).forEach(resumed::apply);
            assertEquals(whole, resumed.details(), "resumed after " + split + " events");
            assertEquals(JSON.writeValueAsString(whole), JSON.writeValueAsString(resumed.details()));
        }
    }

    @Test
    void a_document_taken_from_a_kept_fold_does_not_change_when_it_applies_more_events() {
        List<StoredEvent> events = stored(RandomHistory.of(4, ID, 300));
        InitiativeDetailsFold kept = InitiativeDetailsFold.resume(null);
        events.subList(0, 150).forEach(kept::apply);
        InitiativeDetails snapshot = kept.details();

        events.subList(150, events.size()).forEach(kept::apply);

        assertEquals(foldAll(events.subList(0, 150)), snapshot);
        assertEquals(150, snapshot.version());
    }

    @Test
    void an_event_before_the_launch_is_refused() {
        StoredEvent second = stored(RandomHistory.of(4, ID, 10)).get(1);
        assertThrows(IllegalStateException.class, () -> InitiativeDetailsFold.resume(null).apply(second));
    }

    private static InitiativeDetails foldAll(List<StoredEvent> events) {
        InitiativeDetailsFold fold = InitiativeDetailsFold.resume(null);
        events.forEach(fold::apply);
        return fold.details();
    }

    /** The document as the read model stores and reads it back. */
    private static InitiativeDetails roundTrip(InitiativeDetails details) throws Exception {
        return details == null ? null
                : JSON.readValue(JSON.writeValueAsString(details), InitiativeDetails.class);
    }

    private static List<StoredEvent> stored(List<InitiativeEvent> events) {
        List<StoredEvent> stored = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            InitiativeEvent event = events.get(i);
            stored.add(new StoredEvent(UUID.randomUUID(), ID, i + 1, EventTypes.typeOf(event), event,
                    RECORDED.plusSeconds(i), null));
        }
        return stored;
    }
}
