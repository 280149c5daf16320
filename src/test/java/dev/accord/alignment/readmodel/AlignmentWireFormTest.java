package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentSignal;
import dev.accord.alignment.domain.AlignmentSignal.BandChanged;
import dev.accord.alignment.domain.AlignmentSignal.CommitmentOverdue;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationClosed;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationOpened;
import dev.accord.alignment.domain.AlignmentSignal.StageReached;
import dev.accord.alignment.domain.AlignmentSignal.StageSkipped;
import dev.accord.alignment.domain.AlignmentSignal.UnitRepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitUnrepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitsConnected;
import dev.accord.alignment.domain.AlignmentSignal.UnitsDisconnected;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.domain.Band;
import dev.accord.alignment.domain.Recommendation;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.Person;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Freezes the wire form of what the alignment publishes: the state record's value
 * ({@code approved/state/AlignmentStateChanged.json}) and each signal's data
 * ({@code approved/signals/<Name>.json} for {@code accord.<Name>.v1}), written by the serialisation
 * the publication uses, the application's mapper, as {@code GET …/alignment} answers. A change to
 * one of these files is a change of public API (asyncapi.yaml), not an edit.
 */
@QuarkusTest
class AlignmentWireFormTest {

    private static final UUID ID = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");
    private static final Instant LAUNCHED = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-11-30T09:00:00Z");

    /** S (exec) with A (sales) and B (finance): S and A met, B committed and is overdue. */
    private static final List<InitiativeEvent> HISTORY = List.of(
            new InitiativeLaunched(ID, "Grow EMEA", "Be the trusted partner of mid-size firms",
                    new Person("sam", "Sam Sponsor", "exec", "Sponsor"), List.of("exec", "sales", "finance", "legal"),
                    null, LAUNCHED),
            new ParticipantJoined(ID, "ana", "Ana", "sales", "Account lead"),
            new ParticipantJoined(ID, "ben", "Ben", "finance", "Controller"),
            new RelationshipEstablished(ID, "rel-1", List.of("sam", "ana"), "We tell each other early",
                    Instant.parse("2026-11-10T09:00:00Z")),
            new CommitmentMade(ID, "8e3c6a1f-5d9b-4c07-a4e2-6f1d8b3a9c50", "ben", "Controller", "Partner margins modelled",
                    Instant.parse("2026-11-20T17:00:00Z"), null, null, null, Instant.parse("2026-11-12T09:00:00Z")));

    private static final AlignmentState STATE = Alignment.of(ID, HISTORY, AS_OF);

    private static final Recommendation RENEGOTIATE = STATE.recommendations().stream()
            .filter(item -> item.kind() == Recommendation.Kind.RENEGOTIATE).findFirst().orElseThrow();

    private static final Recommendation UNIT_LINK = STATE.recommendations().stream()
            .filter(item -> item.kind() == Recommendation.Kind.UNIT_LINK).findFirst().orElseThrow();

    static final List<AlignmentSignal> SAMPLES = List.of(
            new StageReached(ID, "ana", 1),
            new StageSkipped(ID, "ben", 4, List.of(1, 2, 3)),
            new UnitsDisconnected(ID, List.of("finance", "sales")),
            new UnitsConnected(ID, List.of("exec", "sales")),
            new UnitUnrepresented(ID, "legal"),
            new UnitRepresented(ID, "finance"),
            new BandChanged(ID, Band.PARTIAL, Band.MISALIGNED, 41),
            new RecommendationOpened(ID, RENEGOTIATE),
            new RecommendationClosed(ID, UNIT_LINK),
            new CommitmentOverdue(ID, "8e3c6a1f-5d9b-4c07-a4e2-6f1d8b3a9c50", "ben", Instant.parse("2026-11-20T17:00:00Z")));

    @Inject
    ObjectMapper json;

    @Inject
    AlignmentPublication publication;

    @Test
    void the_samples_cover_every_signal_type_once_and_each_type_is_named_by_the_registry() {
        Set<Class<?>> sampled = SAMPLES.stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(AlignmentSignal.class.getPermittedSubclasses()), sampled, "add a sample of the new signal");
        assertEquals(SAMPLES.size(), sampled.size(), "one sample per type");
        assertEquals(List.of("accord.BandChanged.v1", "accord.CommitmentOverdue.v1", "accord.RecommendationClosed.v1",
                "accord.RecommendationOpened.v1", "accord.StageReached.v1", "accord.StageSkipped.v1",
                "accord.UnitRepresented.v1", "accord.UnitUnrepresented.v1", "accord.UnitsConnected.v1",
                "accord.UnitsDisconnected.v1"), AlignmentWire.signalTypes());
    }

    @Test
    void every_approved_signal_file_belongs_to_a_sample() throws IOException, URISyntaxException {
        Path directory = Path.of(AlignmentWireFormTest.class.getResource("/approved/signals").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(SAMPLES.stream().map(AlignmentWireFormTest::approvedFileName).collect(Collectors.toSet()),
                    files.map(file -> file.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @TestFactory
    Stream<DynamicTest> each_signal_writes_its_approved_form() {
        return SAMPLES.stream().map(signal -> DynamicTest.dynamicTest(AlignmentWire.typeOf(signal), () -> {
            String written = publication.write(signal);
            assertEquals(approved("/approved/signals/" + approvedFileName(signal), written), written,
                    () -> "approved form differs; the publication now writes\n" + written);
            assertTrue(written.startsWith("{\"initiativeId\":\"" + ID + "\","), written);
        }));
    }

    @Test
    void the_state_record_is_the_alignment_document_as_served_focus_first() throws IOException {
        String written = json.writeValueAsString(STATE);
        assertEquals(approved("/approved/state/AlignmentStateChanged.json", written), written,
                () -> "approved form differs; the publication now writes\n" + written);
        assertTrue(written.startsWith("{\"focus\":{"), written);
        assertEquals(json.readTree(written).toString(), written, "compact JSON");
    }

    @Test
    void the_published_state_reads_back_as_the_state_it_was_written_from() throws IOException {
        String written = json.writeValueAsString(STATE);
        assertEquals(STATE, json.readValue(written, AlignmentState.class));
        assertEquals(STATE, json.readValue(json.readTree(written).toPrettyString(), AlignmentState.class));
    }

    @Test
    void a_signal_id_is_the_name_based_uuid_of_initiative_version_type_and_discriminator() {
        assertEquals(UUID.nameUUIDFromBytes((ID + ":7:accord.StageReached.v1:ana:1").getBytes(StandardCharsets.UTF_8)),
                AlignmentWire.id(ID, 7, "accord.StageReached.v1", AlignmentWire.discriminator(SAMPLES.get(0))));
        // frozen: subscribers deduplicate across releases on it
        assertEquals(UUID.fromString(FROZEN_ID), AlignmentWire.id(ID, 7, "accord.StageReached.v1", "ana:1"));
        assertEquals(List.of("ana:1", "ben", "finance,sales", "exec,sales", "legal", "finance", "PARTIAL->MISALIGNED",
                        "RENEGOTIATE:8e3c6a1f-5d9b-4c07-a4e2-6f1d8b3a9c50", "UNIT_LINK:exec,finance", "8e3c6a1f-5d9b-4c07-a4e2-6f1d8b3a9c50:2026-11-20T17:00:00Z"),
                SAMPLES.stream().map(AlignmentWire::discriminator).toList());
    }

    private static final String FROZEN_ID = "b22b3161-7438-3865-827d-4ea73f429330";

    /** {@code accord.StageReached.v1} is approved in {@code StageReached.json}. */
    private static String approvedFileName(AlignmentSignal signal) {
        String type = AlignmentWire.typeOf(signal);
        return type.substring("accord.".length(), type.lastIndexOf(".v")) + ".json";
    }

    /** The approved file's content, less the newline that ends it. */
    private static String approved(String resource, String written) {
        try (InputStream in = AlignmentWireFormTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, () -> "no approved wire form: create src/test/resources" + resource + " holding "
                    + written);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
