package dev.accord.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accord.eventstore.EventTypes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncapi.yaml is all a Kafka subscriber may know. Every record Accord publishes, as frozen in
 * the approved wire JSON (events, the state record, the signals), must fit the schema the
 * document gives it, every message type must have its approved record and every approved
 * record its message type; the document's own examples must fit too.
 */
class AsyncApiContractTest {

    private static final Path APPROVED = Path.of("src/test/resources/approved");
    private static final WireContract CONTRACT = WireContract.of(Path.of("asyncapi.yaml"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_approved_record_fits_its_schema_and_every_message_type_has_one() {
        assertEquals(List.of(), CONTRACT.violations(APPROVED));
    }

    @Test
    void the_events_channel_carries_exactly_the_registered_event_types() {
        Set<String> documented = new TreeSet<>();
        CONTRACT.messages().stream().filter(message -> message.channel().equals("alignmentEvents"))
                .forEach(message -> documented.add(message.type()));
        assertEquals(new TreeSet<>(EventTypes.all()), documented);
    }

    @Test
    void the_state_and_signal_channels_carry_the_types_subscribers_are_promised() {
        Set<String> documented = new TreeSet<>();
        CONTRACT.messages().stream().filter(message -> !message.channel().equals("alignmentEvents"))
                .forEach(message -> documented.add(message.type()));
        assertEquals(new TreeSet<>(List.of("accord.AlignmentStateChanged.v1", "accord.StageReached.v1",
                "accord.StageSkipped.v1", "accord.UnitsDisconnected.v1", "accord.UnitsConnected.v1",
                "accord.CommitmentOverdue.v1", "accord.BandChanged.v1", "accord.UnitUnrepresented.v1",
                "accord.UnitRepresented.v1", "accord.RecommendationOpened.v1", "accord.RecommendationClosed.v1")),
                documented);
    }

    @TestFactory
    Stream<DynamicTest> every_example_fits_its_payload_and_header_schemas() {
        List<DynamicTest> tests = new ArrayList<>();
        for (WireContract.Message message : CONTRACT.messages()) {
            List<JsonNode> examples = CONTRACT.examples(message.component());
            tests.add(DynamicTest.dynamicTest(message.type() + " has an example",
                    () -> assertFalse(examples.isEmpty())));
            for (JsonNode example : examples) {
                tests.add(DynamicTest.dynamicTest(message.type() + " example " + example.path("name").asText(), () -> {
                    assertEquals(List.of(), CONTRACT.payloadErrors(message.component(), example.path("payload")));
                    assertEquals(List.of(), CONTRACT.headerErrors(message.component(), example.path("headers")));
                    assertEquals(message.type(), example.path("headers").path("ce_type").asText());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void a_record_missing_a_required_field_is_refused() {
        ObjectNode launched = approved("events/InitiativeLaunched.json");
        launched.remove("title");

        List<String> errors = CONTRACT.payloadErrors("InitiativeLaunched", launched);

        assertTrue(errors.stream().anyMatch(error -> error.contains("title")), errors::toString);
    }

    @Test
    void a_field_of_the_wrong_type_is_refused_in_events_state_and_signals() {
        ObjectNode made = approved("events/CommitmentMade.json");
        made.put("dueBy", "next Tuesday");
        ObjectNode state = approved("state/AlignmentStateChanged.json");
        state.put("score", "high");
        ObjectNode band = approved("signals/BandChanged.json");
        band.put("to", "SOMEWHAT");
        ObjectNode reached = approved("signals/StageReached.json");
        reached.put("stage", 6);

        assertFalse(CONTRACT.payloadErrors("CommitmentMade", made).isEmpty());
        assertFalse(CONTRACT.payloadErrors("AlignmentStateChanged", state).isEmpty());
        assertFalse(CONTRACT.payloadErrors("BandChanged", band).isEmpty());
        assertFalse(CONTRACT.payloadErrors("StageReached", reached).isEmpty());
    }

    @Test
    void nulls_are_accepted_only_where_the_document_allows_them() {
        ObjectNode firstBand = approved("signals/BandChanged.json");
        firstBand.putNull("from");
        firstBand.put("to", "UNKNOWN");
        firstBand.putNull("score");
        ObjectNode unscored = approved("state/AlignmentStateChanged.json");
        unscored.putNull("score");
        ((ObjectNode) unscored.get("focus")).putNull("stage").putNull("coverage").putArray("conversations");
        ObjectNode nullTitle = approved("events/InitiativeLaunched.json");
        nullTitle.putNull("title");

        assertEquals(List.of(), CONTRACT.payloadErrors("BandChanged", firstBand));
        assertEquals(List.of(), CONTRACT.payloadErrors("AlignmentStateChanged", unscored));
        assertFalse(CONTRACT.payloadErrors("InitiativeLaunched", nullTitle).isEmpty());
    }

    /* Events evolve by adding optional fields: a reader of today's document must accept tomorrow's records. */
    @TestFactory
    Stream<DynamicTest> a_field_added_later_is_accepted_by_every_payload_schema() {
        return CONTRACT.messages().stream().map(message -> DynamicTest.dynamicTest(message.type(), () -> {
            ObjectNode record = (ObjectNode) JSON.readTree(message.approvedFile(APPROVED).toFile());
            record.put("addedInALaterRelease", "ignored by today's readers");
            assertEquals(List.of(), CONTRACT.payloadErrors(message.component(), record));
        }));
    }

    @Test
    void a_broken_copy_of_the_approved_records_is_reported_file_by_file(@TempDir Path copy) throws IOException {
        copyApproved(copy);
        ObjectNode broken = approved("signals/StageSkipped.json");
        broken.remove("missingStages");
        Files.writeString(copy.resolve("signals/StageSkipped.json"), broken.toString());

        List<String> violations = CONTRACT.violations(copy);

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).startsWith("signals/StageSkipped.json: "), violations::toString);
        assertTrue(violations.get(0).contains("missingStages"), violations::toString);
    }

    @Test
    void a_message_type_without_an_approved_record_and_a_record_without_a_type_are_reported(@TempDir Path copy)
            throws IOException {
        copyApproved(copy);
        Files.delete(copy.resolve("signals/UnitsConnected.json"));
        Files.writeString(copy.resolve("state/AlignmentStateRemoved.json"), "{}");

        List<String> violations = CONTRACT.violations(copy);

        assertEquals(List.of(
                "state/AlignmentStateRemoved.json: approved, but asyncapi.yaml's channel alignmentState has no such "
                        + "message type",
                "signals/UnitsConnected.json: asyncapi.yaml has the message type, but there is no approved file"),
                violations.stream().sorted((a, b) -> b.compareTo(a)).toList());
    }

    private static ObjectNode approved(String file) {
        try {
            return (ObjectNode) JSON.readTree(APPROVED.resolve(file).toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void copyApproved(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(APPROVED)) {
            for (Path file : files.toList()) {
                Path copied = target.resolve(APPROVED.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copied);
                } else {
                    Files.copy(file, copied);
                }
            }
        }
    }
}
