package dev.accord.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpcasterChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");

    /* A fictitious event whose amount was a string in v1, a number in v2 and in cents in v3. */
    private static final Upcaster V1_TO_V2 = step("test.Paid.v1", "test.Paid.v2", data -> true,
            data -> data.put("amount", Double.parseDouble(data.remove("amount").asText())));
    private static final Upcaster V2_TO_V3 = step("test.Paid.v2", "test.Paid.v3", data -> true,
            data -> data.put("cents", Math.round(data.remove("amount").asDouble() * 100)));

    @Test
    void steps_apply_in_order_so_the_oldest_type_is_read_as_the_newest() {
        UpcasterChain chain = new UpcasterChain(List.of(V1_TO_V2, V2_TO_V3));

        UpcasterChain.Shape current = chain.upcast("test.Paid.v1", json("{\"amount\":\"12.5\"}"));

        assertEquals("test.Paid.v3", current.type());
        assertEquals("{\"cents\":1250}", current.data().toString());
        assertEquals("test.Paid.v3", chain.currentType("test.Paid.v1"));
        assertEquals("test.Paid.v3", chain.currentType("test.Paid.v2"));
    }

    @Test
    void a_step_listed_before_the_one_it_follows_is_not_reached() {
        UpcasterChain misordered = new UpcasterChain(List.of(V2_TO_V3, V1_TO_V2));

        UpcasterChain.Shape current = misordered.upcast("test.Paid.v1", json("{\"amount\":\"12.5\"}"));

        assertEquals("test.Paid.v2", current.type());
        assertEquals(json("{\"amount\":12.5}"), current.data());
    }

    @Test
    void a_type_no_step_reads_is_untouched() {
        UpcasterChain chain = new UpcasterChain(List.of(V1_TO_V2, V2_TO_V3));
        ObjectNode data = json("{\"amount\":\"12.5\"}");

        UpcasterChain.Shape current = chain.upcast("test.Refunded.v1", data);

        assertFalse(chain.reads("test.Refunded.v1"));
        assertEquals("test.Refunded.v1", current.type());
        assertSame(data, current.data());
        assertEquals("test.Refunded.v1", chain.currentType("test.Refunded.v1"));
    }

    @Test
    void a_step_that_does_not_apply_to_the_shape_is_skipped_and_later_steps_still_apply() {
        Upcaster renamedNote = step("test.Paid.v2", "test.Paid.v2", data -> data.has("comment"),
                data -> data.set("note", data.remove("comment")));
        UpcasterChain chain = new UpcasterChain(List.of(renamedNote, V2_TO_V3));

        assertEquals("{\"cents\":300}", chain.upcast("test.Paid.v2", json("{\"amount\":3}")).data().toString());
        assertEquals("{\"note\":\"late\",\"cents\":300}",
                chain.upcast("test.Paid.v2", json("{\"amount\":3,\"comment\":\"late\"}")).data().toString());
    }

    @Test
    void the_stored_data_is_not_changed_by_upcasting() {
        ObjectNode stored = json("{\"amount\":\"12.5\"}");

        new UpcasterChain(List.of(V1_TO_V2, V2_TO_V3)).upcast("test.Paid.v1", stored);

        assertEquals(json("{\"amount\":\"12.5\"}"), stored);
    }

    @Test
    void a_step_that_changes_the_type_must_read_every_event_of_it() {
        UpcasterChain chain = new UpcasterChain(List.of(step("test.Paid.v1", "test.Paid.v2",
                data -> data.has("amount"), UnaryOperator.identity())));

        assertThrows(IllegalStateException.class, () -> chain.upcast("test.Paid.v1", json("{}")));
    }

    @Test
    void a_participant_joined_in_its_older_nested_shape_decodes_to_the_current_event() {
        String older = "{\"initiativeId\":\"" + ID + "\",\"person\":{\"personId\":\"ana\",\"displayName\":\"Ana\","
                + "\"unit\":\"sales\",\"role\":\"Account lead\"}}";

        ParticipantJoined joined = (ParticipantJoined) EventCodec.decode("accord.ParticipantJoined.v1", older);

        assertEquals(new ParticipantJoined(ID, "ana", "Ana", "sales", "Account lead"), joined);
        assertEquals("{\"initiativeId\":\"" + ID + "\",\"personId\":\"ana\",\"displayName\":\"Ana\","
                + "\"unit\":\"sales\",\"role\":\"Account lead\"}", EventCodec.encode(joined));
    }

    @Test
    void a_participant_joined_in_the_current_shape_is_not_touched_by_the_older_shapes_step() {
        ParticipantJoinedNestedPerson step = new ParticipantJoinedNestedPerson();
        ObjectNode current = json("{\"initiativeId\":\"" + ID + "\",\"personId\":\"ana\",\"displayName\":\"Ana\","
                + "\"unit\":\"sales\",\"role\":\"Account lead\",\"person\":{\"note\":\"a later field\"}}");

        assertFalse(step.appliesTo(current));
        assertTrue(step.appliesTo(json("{\"person\":{\"personId\":\"ana\"}}")));
        assertEquals("accord.ParticipantJoined.v1", EventUpcasters.currentType("accord.ParticipantJoined.v1"));
    }

    @Test
    void data_of_a_type_with_upcasters_that_is_not_an_object_is_unreadable() {
        assertThrows(EventCodec.UnreadableEvent.class, () -> EventCodec.decode("accord.ParticipantJoined.v1", "[]"));
        assertThrows(EventCodec.UnreadableEvent.class, () -> EventCodec.decode("accord.ParticipantJoined.v1", "{"));
    }

    private static Upcaster step(String from, String to, Predicate<ObjectNode> applies,
                                 UnaryOperator<ObjectNode> change) {
        return new Upcaster() {
            @Override
            public String fromType() {
                return from;
            }

            @Override
            public String toType() {
                return to;
            }

            @Override
            public boolean appliesTo(ObjectNode data) {
                return applies.test(data);
            }

            @Override
            public ObjectNode upcast(ObjectNode data) {
                return change.apply(data);
            }
        };
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
