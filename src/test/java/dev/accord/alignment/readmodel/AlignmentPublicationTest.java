package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accord.eventstore.TopicReader;
import dev.accord.initiative.api.InitiativeClient;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state and signals topics as a subscriber reads them from the real broker. */
@QuarkusTest
class AlignmentPublicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STATE = "accord.alignment.state";
    private static final String SIGNALS = "accord.alignment.signals";
    private static final String REBUILD = "/api/v1/admin/projections/rebuild";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    AlignmentViews views;

    @Inject
    AlignmentPublication publication;

    @Test
    void a_history_crossing_each_condition_emits_each_signal_once() throws IOException {
        // Each step waits for its state: the projection folds whatever the store holds when it
        // catches up, so steps taken faster than that would be one change, announced once.
        InitiativeClient initiative = aLaunchedInitiative();
        String sponsor = initiative.sponsor;
        awaitPublished(initiative.id, initiative.version());
        String ana = initiative.joined("sales");
        awaitPublished(initiative.id, initiative.version());
        initiative.relationship(sponsor, ana);
        awaitPublished(initiative.id, initiative.version());
        String ben = initiative.joined("finance");
        awaitPublished(initiative.id, initiative.version());
        String overdue = initiative.backDatedCommitment(ben, 10, 5);

        List<ConsumerRecord<String, String>> signals = read(SIGNALS, initiative.id,
                seen -> seen.stream().anyMatch(record -> type(record).equals("accord.RecommendationOpened.v1")
                        && record.value().contains("\"RENEGOTIATE\"")));

        assertEquals(1, count(signals, "accord.BandChanged.v1", "\"from\":null"), "the first state's band");
        assertEquals(1, count(signals, "accord.UnitUnrepresented.v1", "\"unit\":\"sales\""));
        assertEquals(1, count(signals, "accord.UnitUnrepresented.v1", "\"unit\":\"finance\""));
        assertEquals(1, count(signals, "accord.UnitRepresented.v1", "\"unit\":\"sales\""));
        assertEquals(1, count(signals, "accord.UnitRepresented.v1", "\"unit\":\"finance\""));
        assertEquals(1, count(signals, "accord.UnitsDisconnected.v1", "[\"exec\",\"sales\"]"));
        assertEquals(1, count(signals, "accord.UnitsDisconnected.v1", "[\"exec\",\"finance\"]"));
        assertEquals(1, count(signals, "accord.UnitsDisconnected.v1", "[\"finance\",\"sales\"]"));
        assertEquals(1, count(signals, "accord.UnitsConnected.v1", "[\"exec\",\"sales\"]"));
        assertEquals(0, count(signals, "accord.UnitsConnected.v1", "finance"));
        assertEquals(1, count(signals, "accord.StageReached.v1", "\"personId\":\"" + sponsor + "\",\"stage\":1"));
        assertEquals(1, count(signals, "accord.StageReached.v1", "\"personId\":\"" + ana + "\",\"stage\":1"));
        assertEquals(1, count(signals, "accord.StageReached.v1", "\"personId\":\"" + ben + "\",\"stage\":4"));
        assertEquals(1, count(signals, "accord.StageSkipped.v1",
                "\"personId\":\"" + ben + "\",\"reachedStage\":4,\"missingStages\":[1,2,3]"));
        assertEquals(1, count(signals, "accord.CommitmentOverdue.v1",
                "\"commitmentId\":\"" + overdue + "\",\"personId\":\"" + ben + "\""));
        assertEquals(1, count(signals, "accord.RecommendationOpened.v1", "\"commitmentId\":\"" + overdue + "\""));
        String unitLink = "\"kind\":\"UNIT_LINK\",\"stage\":\"RELATIONSHIP\",\"participants\":[],"
                + "\"units\":[\"exec\",\"sales\"]";
        assertEquals(1, count(signals, "accord.RecommendationOpened.v1", unitLink));
        assertEquals(1, count(signals, "accord.RecommendationClosed.v1", unitLink));
        assertEquals(1, count(signals, "accord.RecommendationClosed.v1", "\"kind\":\"RELATIONSHIP\""),
                "everyone had a relationship once the sponsor and Ana met");
        assertEquals(signals.size(), signals.stream().map(record -> header(record, "ce_id")).distinct().count(),
                "no ce_id twice");

        ConsumerRecord<String, String> overdueSignal = signals.stream()
                .filter(record -> type(record).equals("accord.CommitmentOverdue.v1")).findFirst().orElseThrow();
        long version = Long.parseLong(header(overdueSignal, "ce_streamversion"));
        assertEquals(initiative.version(), version, "raised by the commitment's event, before any clock");
        assertEquals(AlignmentWire.id(UUID.fromString(initiative.id), version, "accord.CommitmentOverdue.v1",
                        overdue + ":" + json.readTree(overdueSignal.value()).path("dueBy").asText()).toString(),
                header(overdueSignal, "ce_id"));
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            CloudEvent event = deserializer.deserialize(SIGNALS, overdueSignal.headers(),
                    overdueSignal.value().getBytes(StandardCharsets.UTF_8));
            assertEquals("accord.CommitmentOverdue.v1", event.getType());
            assertEquals(initiative.id, event.getSubject());
            assertEquals("/accord/alignment", event.getSource().toString());
            assertEquals("application/json", event.getDataContentType());
            assertEquals(version, Long.parseLong(String.valueOf(event.getExtension("streamversion"))));
            assertNotNull(event.getTime());
        }
    }

    @Test
    void the_last_state_record_of_an_initiative_is_its_alignment_document_as_served() throws IOException {
        InitiativeClient initiative = aLaunchedInitiative();
        String ana = initiative.joined("sales");
        initiative.relationship(initiative.sponsor, ana);
        initiative.commitment(ana, Instant.now().plus(30, ChronoUnit.DAYS));
        long version = initiative.version();

        List<ConsumerRecord<String, String>> states = read(STATE, initiative.id,
                seen -> seen.stream().anyMatch(record -> header(record, "ce_streamversion").equals("" + version)));
        ConsumerRecord<String, String> last = states.get(states.size() - 1);
        String served = given().queryParam("minVersion", version)
                .get("/api/v1/initiatives/{id}/alignment", initiative.id).then().statusCode(200).extract().asString();

        assertEquals(withoutAsOf(served), withoutAsOf(last.value()));
        assertTrue(last.value().startsWith("{\"focus\":"), "focus first, as served");
        assertEquals("accord.AlignmentStateChanged.v1", type(last));
        assertEquals(initiative.id, header(last, "ce_subject"));
        assertEquals(json.readTree(last.value()).path("asOf").asText(), header(last, "ce_time"));
        assertEquals(AlignmentWire.id(UUID.fromString(initiative.id), version, AlignmentWire.STATE_TYPE, "").toString(),
                header(last, "ce_id"));
        assertTrue(states.size() <= version, "at most one state per version: " + states.size());
    }

    @Test
    void a_rebuild_a_restart_and_a_replay_that_reach_the_same_state_publish_nothing() throws IOException {
        InitiativeClient initiative = aLaunchedInitiative();
        String ana = initiative.joined("sales");
        initiative.relationship(initiative.sponsor, ana);
        initiative.backDatedCommitment(ana, 3, 1);
        long published = awaitPublished(initiative.id, initiative.version()).size();

        rebuild(initiative.id);
        publication.forget();
        rebuild(initiative.id);
        replayEvents(initiative.id);
        String ben = initiative.joined("finance");

        long version = initiative.version();
        assertEquals(published, awaitPublished(initiative.id, version).stream()
                        .filter(record -> Long.parseLong(header(record, "ce_streamversion")) < version).count(),
                "records of versions published before");
        List<ConsumerRecord<String, String>> signals = read(SIGNALS, initiative.id,
                seen -> seen.stream().anyMatch(record -> record.value().contains(ben)));
        assertEquals(signals.size(), signals.stream().map(record -> header(record, "ce_id")).distinct().count());
        assertEquals(1, count(signals, "accord.CommitmentOverdue.v1", ana));
    }

    @Test
    void a_due_date_passing_raises_commitment_overdue_once_however_many_clocks_run() throws Exception {
        InitiativeClient initiative = aLaunchedInitiative();
        String ana = initiative.joined("sales");
        Instant dueBy = Instant.now().plusSeconds(2);
        String commitment = initiative.commitment(ana, dueBy);
        awaitPublished(initiative.id, initiative.version());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), dueBy).toMillis() + 50));

        // this replica's clock runs too, every second in the tests
        List<CompletableFuture<Integer>> clocks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clocks.add(views.refreshDue(100).subscribeAsCompletionStage());
        }
        for (CompletableFuture<Integer> clock : clocks) {
            clock.get();
        }

        List<ConsumerRecord<String, String>> signals = read(SIGNALS, initiative.id,
                seen -> seen.stream().anyMatch(record -> type(record).equals("accord.CommitmentOverdue.v1")));
        assertEquals(1, count(signals, "accord.CommitmentOverdue.v1", "\"commitmentId\":\"" + commitment + "\""));
        assertEquals(1, count(signals, "accord.CommitmentOverdue.v1", ""), "one CommitmentOverdue in all");
        ConsumerRecord<String, String> raised = signals.stream()
                .filter(record -> type(record).equals("accord.CommitmentOverdue.v1")).findFirst().orElseThrow();
        assertEquals("" + initiative.version(), header(raised, "ce_streamversion"), "raised by the clock, no event");
        String version = "" + initiative.version();
        assertEquals(2, read(STATE, initiative.id, seen -> seen.stream()
                        .filter(record -> header(record, "ce_streamversion").equals(version)).count() == 2).stream()
                        .filter(record -> header(record, "ce_streamversion").equals(version)).count(),
                "the state of the commitment's event, then the clock's");
    }

    @Test
    void the_row_records_the_state_it_published_whether_or_not_this_replica_knew_the_one_before() {
        InitiativeClient initiative = aLaunchedInitiative();
        assertEquals(lastStateId(initiative), recordedId(initiative.id), "a new row");

        initiative.joined("sales");
        assertEquals(lastStateId(initiative), recordedId(initiative.id), "over the state this replica published");

        publication.forget();
        initiative.joined("finance");
        assertEquals(lastStateId(initiative), recordedId(initiative.id),
                "over a state this replica forgot, as at a restart");
    }

    /** The ce_id of the initiative's state record of its current version, once published. */
    private String lastStateId(InitiativeClient initiative) {
        String version = "" + initiative.version();
        List<ConsumerRecord<String, String>> states = read(STATE, initiative.id,
                seen -> seen.stream().anyMatch(record -> header(record, "ce_streamversion").equals(version)));
        ConsumerRecord<String, String> last = states.get(states.size() - 1);
        assertEquals(version, header(last, "ce_streamversion"));
        return header(last, "ce_id");
    }

    /** The alignment row's {@code published_id}. */
    private String recordedId(String initiativeId) {
        UUID recorded = pool.preparedQuery("select published_id from alignment_view where initiative_id = $1")
                .execute(Tuple.of(UUID.fromString(initiativeId))).await().atMost(WAIT).iterator().next()
                .getUUID("published_id");
        return recorded == null ? null : recorded.toString();
    }

    private void rebuild(String initiativeId) {
        Response started = given().contentType(ContentType.JSON).body(Map.of("initiativeId", initiativeId))
                .post(REBUILD);
        started.then().statusCode(202);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String state;
        do {
            state = given().get(started.header("Location")).then().statusCode(200).extract().path("state");
        } while (!"DONE".equals(state) && System.nanoTime() < deadline);
        assertEquals("DONE", state);
    }

    /** Sends the initiative's event records again, as a consumer reading the topic anew would meet them. */
    private void replayEvents(String initiativeId) {
        List<ConsumerRecord<String, String>> events = read("accord.alignment.events", initiativeId, seen -> true);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (ConsumerRecord<String, String> event : events) {
                producer.send(new ProducerRecord<>(event.topic(), null, event.key(), event.value(), event.headers()));
            }
            producer.flush();
        }
    }

    /**
     * Waits until the state of {@code version} is published; answers the initiative's records on the
     * state and signals topics (its signals leave with it, in the relay's round).
     */
    private List<ConsumerRecord<String, String>> awaitPublished(String initiativeId, long version) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(read(STATE, initiativeId,
                seen -> seen.stream().anyMatch(record -> header(record, "ce_streamversion").equals("" + version))));
        records.addAll(read(SIGNALS, initiativeId, seen -> true));
        return records;
    }

    /**
     * The initiative's records on {@code topic}, read from the beginning until {@code done} holds,
     * and a little longer, so that a record published twice would be among them.
     */
    private List<ConsumerRecord<String, String>> read(String topic, String key,
                                                      Predicate<List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = TopicReader.fromTheBeginning(bootstrapServers)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settled)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                if (settled == Long.MAX_VALUE && !found.isEmpty() && done.test(found)) {
                    settled = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        assertTrue(!found.isEmpty() && done.test(found), "not all awaited records on " + topic + ": " + found);
        return found;
    }

    private static long count(List<ConsumerRecord<String, String>> records, String type, String dataContains) {
        return records.stream().filter(record -> type(record).equals(type) && record.value().contains(dataContains))
                .count();
    }

    private String withoutAsOf(String document) throws IOException {
        ObjectNode tree = (ObjectNode) json.readTree(document);
        tree.remove("asOf");
        return tree.toString();
    }

    private static String type(ConsumerRecord<String, String> record) {
        return header(record, "ce_type");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
