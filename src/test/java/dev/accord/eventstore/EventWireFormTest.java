package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.Person;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Freezes the wire form of every event: what subscribers parse. A change here is a change of
 * public API and needs a new {@code .vN} type or an added optional field, not an edit.
 */
class EventWireFormTest {

    private static final UUID ID = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");

    static final Map<InitiativeEvent, String> APPROVED = Map.of(
            new InitiativeLaunched(ID, "Grow EMEA", "Trusted partner", new Person("s", "Sam", "exec", "Sponsor"),
                    List.of("exec", "sales"), LocalDate.parse("2027-06-30")),
            "{\"initiativeId\":\"5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10\",\"title\":\"Grow EMEA\","
                    + "\"strategy\":\"Trusted partner\",\"sponsor\":{\"personId\":\"s\",\"displayName\":\"Sam\","
                    + "\"unit\":\"exec\",\"role\":\"Sponsor\"},\"units\":[\"exec\",\"sales\"],"
                    + "\"targetDate\":\"2027-06-30\"}",
            new ParticipantJoined(ID, "ana", "Ana", "sales", "Account lead"),
            "{\"initiativeId\":\"5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10\",\"personId\":\"ana\","
                    + "\"displayName\":\"Ana\",\"unit\":\"sales\",\"role\":\"Account lead\"}",
            new ParticipantLeft(ID, "ana", null),
            "{\"initiativeId\":\"5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10\",\"personId\":\"ana\"}");

    @Test
    void every_event_type_has_an_approved_wire_form() {
        assertEquals(EventTypes.classes(), APPROVED.keySet().stream().map(Object::getClass)
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(InitiativeEvent.class.getPermittedSubclasses().length, EventTypes.all().size());
    }

    @Test
    void events_encode_to_their_approved_form_and_decode_back() {
        APPROVED.forEach((event, json) -> {
            assertEquals(json, EventCodec.encode(event));
            assertEquals(event, EventCodec.decode(EventTypes.typeOf(event), json));
        });
    }

    @Test
    void wire_types_are_named_by_the_registry_not_by_class_names() {
        assertEquals("accord.InitiativeLaunched.v1", EventTypes.typeOf(APPROVED.keySet().stream()
                .filter(InitiativeLaunched.class::isInstance).findFirst().orElseThrow()));
        assertEquals(List.of("accord.InitiativeLaunched.v1", "accord.ParticipantJoined.v1",
                "accord.ParticipantLeft.v1"), List.copyOf(EventTypes.all()));
    }

    @Test
    void an_added_optional_field_does_not_break_an_older_reader() {
        String newer = "{\"initiativeId\":\"5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10\",\"personId\":\"ana\","
                + "\"reason\":\"moved\",\"movedTo\":\"finance\"}";
        assertEquals(new ParticipantLeft(ID, "ana", "moved"), EventCodec.decode("accord.ParticipantLeft.v1", newer));
    }

    @Test
    void unknown_types_and_broken_data_are_unreadable() {
        assertThrows(EventCodec.UnreadableEvent.class, () -> EventCodec.decode("accord.Nope.v1", "{}"));
        assertThrows(EventCodec.UnreadableEvent.class, () -> EventCodec.decode("accord.ParticipantLeft.v1", "{"));
        assertThrows(EventCodec.UnreadableEvent.class,
                () -> EventCodec.decode("accord.ParticipantLeft.v1", "{\"personId\":\"ana\"}"));
    }

    @Test
    void cloud_event_headers_follow_spec_binary_mode() {
        StoredEvent stored = new StoredEvent(UUID.fromString("00000000-0000-0000-0000-000000000001"), ID, 7,
                "accord.ParticipantLeft.v1", new ParticipantLeft(ID, "ana", null),
                Instant.parse("2026-11-28T09:00:00.123456Z"), "corr-1");
        assertEquals(Map.of("ce_specversion", "1.0", "ce_id", "00000000-0000-0000-0000-000000000001",
                "ce_source", "/accord/alignment", "ce_type", "accord.ParticipantLeft.v1",
                "ce_subject", ID.toString(), "ce_time", "2026-11-28T09:00:00.123456Z", "ce_streamversion", "7",
                "ce_correlationid", "corr-1", "content-type", "application/json"), CloudEventHeaders.of(stored));
    }
}
