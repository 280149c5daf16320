package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.initiative.domain.RandomHistory;
import dev.accord.readmodel.RowCache;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The evaluated and the published alignment state are kept with the initiative's rows, under the
 * replica's one bound: an initiative forgotten to make room costs evaluating or reading again,
 * never another answer.
 */
class ForgottenAlignmentMemoryTest {

    private static final UUID ONE = UUID.fromString("2f6a9c14-7d3e-4b81-a05c-9e1b7d4f2a63");
    private static final UUID OTHER = UUID.fromString("c8e15b2a-4f9d-4a73-b6e0-1d7c3a9f5e28");
    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");

    private final AlignmentFacts one = facts(ONE, 5);
    private final AlignmentFacts other = facts(OTHER, 6);
    /** Room for either initiative's state, never for both. */
    private final RowCache memory = new RowCache(StateWeight.of(Alignment.evaluate(one, NOW))
            + StateWeight.of(Alignment.evaluate(other, NOW)) - 1);

    @Test
    void an_evaluated_state_forgotten_with_its_initiative_is_evaluated_again_to_the_same_state() {
        AlignmentViews views = views();
        AlignmentState first = views.evaluate(one, NOW);
        views.evaluate(other, NOW);
        assertEquals(0, memory.weight(ONE), "the other initiative's state took the room");

        AlignmentState again = views.evaluate(one, NOW.plusSeconds(1));

        assertEquals(Alignment.evaluate(one, NOW.plusSeconds(1)), again);
        assertEquals(first.at(NOW.plusSeconds(1)), again);
    }

    @Test
    void a_published_state_forgotten_with_its_initiative_is_compared_with_the_rows_column_instead()
            throws Exception {
        AlignmentPublication publication = publication();
        UUID publishedId = seenPublished(publication, one);
        assertEquals(publishedId, publication.known(ONE).id());
        seenPublished(publication, other);
        assertEquals(0, memory.weight(ONE), "the other initiative's state took the room");

        // the row's query then reads the column, and the state compares equal to it: nothing to publish
        AlignmentState state = Alignment.evaluate(one, NOW);
        String column = publication.json.writeValueAsString(state);
        publication.publish(null, one, state, column, null, publishedId, column, publishedId).await().indefinitely();

        assertEquals(publishedId, publication.known(ONE).id());
    }

    @Test
    void a_published_state_forgotten_between_the_rows_query_and_the_publish_is_still_the_one_compared_with()
            throws Exception {
        AlignmentPublication publication = publication();
        UUID publishedId = seenPublished(publication, one);
        AlignmentPublication.Published known = publication.known(ONE);
        assertNotNull(known);

        // the query left the column out, since it is the state known; meanwhile the memory let it go
        seenPublished(publication, other);
        assertEquals(0, memory.weight(ONE), "the other initiative's state took the room");
        AlignmentState state = Alignment.evaluate(one, NOW);
        publication.publish(null, one, state, "{}", known, publishedId, null, publishedId).await().indefinitely();

        assertEquals(publishedId, publication.known(ONE).id(), "compared with the state known: unchanged");
    }

    private AlignmentViews views() {
        AlignmentViews views = new AlignmentViews();
        views.memory = memory;
        return views;
    }

    /**
     * A publication with no outbox and no connection: publishing anything would fail; comparing equal
     * publishes nothing, and the row (each test says) already records the published id.
     */
    private AlignmentPublication publication() {
        AlignmentPublication publication = new AlignmentPublication();
        publication.memory = memory;
        publication.json = StateJsonTest.mapper();
        return publication;
    }

    /**
     * Has the publication see the state of {@code facts} as the row's published one (its column
     * holds that very state, so nothing is published), under a new id.
     */
    private static UUID seenPublished(AlignmentPublication publication, AlignmentFacts facts) throws Exception {
        AlignmentState state = Alignment.evaluate(facts, NOW);
        String column = publication.json.writeValueAsString(state);
        UUID publishedId = UUID.randomUUID();
        publication.publish(null, facts, state, column, null, publishedId, column, publishedId).await().indefinitely();
        return publishedId;
    }

    /** Facts with a few participants and recommendations: a state weighing more than half the room. */
    private static AlignmentFacts facts(UUID initiativeId, long seed) {
        return AlignmentFold.fold(initiativeId, RandomHistory.of(seed, initiativeId, 60));
    }
}
