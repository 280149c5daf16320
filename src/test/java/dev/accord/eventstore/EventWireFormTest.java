package dev.accord.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeCompleted;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Freezes the wire form of every event: what subscribers parse. Each type's approved JSON is
 * a file, {@code src/test/resources/approved/events/<Name>.json} for {@code accord.<Name>.v1},
 * holding the compact JSON {@link EventCodec} writes for its sample below. A change to one of
 * those files is a change of public API and needs a new {@code .vN} type or an added optional
 * field, not an edit. The samples fill every optional field, so every field name is frozen.
 */
class EventWireFormTest {

    private static final UUID ID = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");
    private static final String APPROVED_DIRECTORY = "/approved/events";
    private static final Pattern WIRE_TYPE = Pattern.compile("accord\\.(\\w+)\\.v\\d+");

    static final List<InitiativeEvent> SAMPLES = List.of(
            new InitiativeLaunched(ID, "Grow EMEA", "Be the trusted partner of mid-size firms",
                    new Person("sam.sponsor", "Sam Sponsor", "exec", "Sponsor"), List.of("exec", "sales", "finance"),
                    LocalDate.parse("2027-06-30"), Instant.parse("2026-11-01T09:00:00Z")),
            new ParticipantJoined(ID, "ana", "Ana", "sales", "Account lead"),
            new ParticipantLeft(ID, "cal", "Moved to another team"),
            new RelationshipEstablished(ID, "1c7e3a90-4b2d-4f61-8a5e-0d9b2c6f7a31", List.of("sam.sponsor", "ana"),
                    "We tell each other early when a promise is at risk", at("2026-11-20T09:00:00Z")),
            new PossibilityShared(ID, "2d8f4ba1-5c3e-4072-9b6f-1eac3d708b42", "Mid-size firms buy from us through local partners", "sam.sponsor",
                    List.of("ana", "ben"), List.of("cal"), at("2026-11-20T10:00:00Z")),
            new PossibilityResponded(ID, "2d8f4ba1-5c3e-4072-9b6f-1eac3d708b42", "ben", Stance.HAS_CONCERNS, "Partner margins look thin",
                    at("2026-11-21T09:00:00Z")),
            new PathwayMapped(ID, "3e905cb2-6d4f-4183-8c70-2fbd4e819c53", "2d8f4ba1-5c3e-4072-9b6f-1eac3d708b42", List.of("sam.sponsor", "ana"), "Ana leads, Sam sponsors",
                    "Two partners signed in DACH", "By the end of Q1", "Munich and Zurich",
                    "Through the partner programme",
                    List.of(new Milestone("4fa16dc3-7e50-4294-9d81-30ce5f92ad64", "First partner signed", at("2027-01-31T17:00:00Z"), "sales"),
                            new Milestone("50b27ed4-8f61-43a5-ae92-41df60a3be75", "Second partner signed", at("2027-03-31T17:00:00Z"), null)),
                    at("2026-11-22T09:00:00Z")),
            new CommitmentRequested(ID, "61c38fe5-9072-44b6-bfa3-52e071b4cf86", "sam.sponsor", "ana", "Two partners signed in DACH",
                    at("2027-03-31T17:00:00Z"), at("2026-11-23T09:00:00Z")),
            new CommitmentRequestDeclined(ID, "72d490f6-a183-45c7-80b4-63f182c5d097", "No capacity before the summer", at("2026-11-23T11:00:00Z")),
            new CommitmentMade(ID, "83e5a107-b294-46d8-91c5-740293d6e1a8", "ana", "Partner lead", "Two partners signed in DACH",
                    at("2027-03-31T17:00:00Z"), "61c38fe5-9072-44b6-bfa3-52e071b4cf86", "3e905cb2-6d4f-4183-8c70-2fbd4e819c53", "4fa16dc3-7e50-4294-9d81-30ce5f92ad64", at("2026-11-24T09:00:00Z")),
            new CommitmentRenegotiated(ID, "83e5a107-b294-46d8-91c5-740293d6e1a8", "One partner signed in DACH", at("2027-04-30T17:00:00Z"),
                    "Legal review of the partner contract takes a month longer", at("2026-11-25T09:00:00Z")),
            new CommitmentFulfilled(ID, "83e5a107-b294-46d8-91c5-740293d6e1a8", "Contract countersigned", at("2026-11-26T09:00:00Z")),
            new CommitmentWithdrawn(ID, "94f6b218-c3a5-47e9-a2d6-8513a4e7f2b9", "The DACH market was deprioritised", at("2026-11-26T10:00:00Z")),
            new FeedbackGiven(ID, "a507c329-d4b6-480a-b3e7-9624b5f803ca", "sam.sponsor", "ana", "83e5a107-b294-46d8-91c5-740293d6e1a8",
                    "Bring finance in before the term sheet, not after", at("2026-11-27T09:00:00Z")),
            new ContributionAcknowledged(ID, "b618d43a-e5c7-491b-84f8-a735c60914db", "sam.sponsor", "ana", "83e5a107-b294-46d8-91c5-740293d6e1a8",
                    "A partner a month early: thank you", at("2026-11-27T10:00:00Z")),
            new InitiativeCompleted(ID, "sam.sponsor", "Partner live; DACH pipeline handed to sales operations",
                    at("2026-11-28T09:00:00Z")));

    @Test
    void the_samples_cover_every_registered_and_every_permitted_event_type_once() {
        Set<Class<?>> sampled = SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(EventTypes.classes(), sampled, "add a sample of the new event type here");
        assertEquals(Set.of(InitiativeEvent.class.getPermittedSubclasses()), sampled);
        assertEquals(sampled.size(), SAMPLES.size(), "one sample per type");
    }

    @Test
    void every_approved_file_belongs_to_a_sample() throws IOException, URISyntaxException {
        Path directory = Path.of(EventWireFormTest.class.getResource(APPROVED_DIRECTORY).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(SAMPLES.stream().map(EventWireFormTest::approvedFileName).collect(Collectors.toSet()),
                    files.map(file -> file.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @TestFactory
    Stream<DynamicTest> each_event_encodes_to_its_approved_form() {
        return SAMPLES.stream().map(event -> DynamicTest.dynamicTest(EventTypes.typeOf(event), () -> {
            String encoded = EventCodec.encode(event);
            assertEquals(approved(event), encoded, () -> "approved form differs; the codec now writes\n" + encoded);
        }));
    }

    @TestFactory
    Stream<DynamicTest> each_approved_form_decodes_to_its_event() {
        return SAMPLES.stream().map(event -> DynamicTest.dynamicTest(EventTypes.typeOf(event),
                () -> assertEquals(event, EventCodec.decode(EventTypes.typeOf(event), approved(event)))));
    }

    @Test
    void approved_forms_are_compact_json_on_one_line_carrying_the_initiative_id() throws IOException {
        for (InitiativeEvent event : SAMPLES) {
            String approved = approved(event);
            assertEquals(new ObjectMapper().readTree(approved).toString(), approved, "not compact JSON");
            assertTrue(approved.startsWith("{\"initiativeId\":\"" + ID + "\","), approved);
        }
    }

    @Test
    void wire_types_are_named_by_the_registry_not_by_class_names() {
        assertEquals("accord.InitiativeLaunched.v1", EventTypes.typeOf(SAMPLES.get(0)));
        assertEquals(List.of(
                "accord.InitiativeLaunched.v1",
                "accord.ParticipantJoined.v1",
                "accord.ParticipantLeft.v1",
                "accord.RelationshipEstablished.v1",
                "accord.PossibilityShared.v1",
                "accord.PossibilityResponded.v1",
                "accord.PathwayMapped.v1",
                "accord.CommitmentRequested.v1",
                "accord.CommitmentRequestDeclined.v1",
                "accord.CommitmentMade.v1",
                "accord.CommitmentRenegotiated.v1",
                "accord.CommitmentFulfilled.v1",
                "accord.CommitmentWithdrawn.v1",
                "accord.FeedbackGiven.v1",
                "accord.ContributionAcknowledged.v1",
                "accord.InitiativeCompleted.v1"), List.copyOf(EventTypes.all()));
        for (InitiativeEvent event : SAMPLES) {
            assertEquals(event.getClass(), EventTypes.classOf(EventTypes.typeOf(event)).orElseThrow());
        }
    }

    @Test
    void an_absent_optional_field_is_left_out_of_the_wire_form() {
        assertEquals("{\"initiativeId\":\"" + ID + "\",\"personId\":\"ana\"}",
                EventCodec.encode(new ParticipantLeft(ID, "ana", null)));
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

    /** {@code accord.CommitmentMade.v1} is approved in {@code CommitmentMade.json}. */
    static String approvedFileName(InitiativeEvent event) {
        Matcher type = WIRE_TYPE.matcher(EventTypes.typeOf(event));
        assertTrue(type.matches(), EventTypes.typeOf(event));
        return type.group(1) + ".json";
    }

    /** The approved file's content, less the newline that ends it. */
    private static String approved(InitiativeEvent event) {
        String resource = APPROVED_DIRECTORY + "/" + approvedFileName(event);
        try (InputStream in = EventWireFormTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, () -> "no approved wire form: create src/test/resources" + resource + " holding "
                    + EventCodec.encode(event));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
