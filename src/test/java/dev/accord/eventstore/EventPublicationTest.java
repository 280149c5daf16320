package dev.accord.eventstore;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.leave;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What HR and PMO subscribers see on the real broker. */
@QuarkusTest
class EventPublicationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Test
    void every_event_is_published_in_order_keyed_by_initiative_as_a_binary_cloud_event() {
        String sponsor = anyPersonId();
        String ana = anyPersonId();
        String id = launch(aLaunchRequest(sponsor)).statusCode(201).extract().path("initiativeId");
        String joinedEventId = given().contentType(ContentType.JSON).header("X-Correlation-Id", "hr-sync-7")
                .body(person(ana, "sales")).post("/api/v1/initiatives/{id}/participants", id)
                .then().statusCode(200).extract().path("eventId");
        leave(id, ana).statusCode(200);

        List<ConsumerRecord<String, String>> records = TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> id.equals(record.key()), 3, Duration.ofSeconds(30));

        assertEquals(3, records.size(), "records of the initiative on the topic");
        assertEquals(List.of("1", "2", "3"), records.stream().map(r -> header(r, "ce_streamversion")).toList());
        assertEquals(List.of("accord.InitiativeLaunched.v1", "accord.ParticipantJoined.v1",
                "accord.ParticipantLeft.v1"), records.stream().map(r -> header(r, "ce_type")).toList());
        ConsumerRecord<String, String> joined = records.get(1);
        assertEquals("1.0", header(joined, "ce_specversion"));
        assertEquals(joinedEventId, header(joined, "ce_id"));
        assertEquals("/accord/alignment", header(joined, "ce_source"));
        assertEquals(id, header(joined, "ce_subject"));
        assertEquals("hr-sync-7", header(joined, "ce_correlationid"));
        assertEquals("application/json", header(joined, "content-type"));
        assertTrue(joined.value().contains("\"personId\":\"" + ana + "\""), joined.value());
        assertTrue(joined.value().contains("\"initiativeId\":\"" + id + "\""), joined.value());

        // A subscriber using the CloudEvents SDK reads the same record in binary mode.
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            CloudEvent event = deserializer.deserialize("accord.alignment.events", joined.headers(),
                    joined.value().getBytes(StandardCharsets.UTF_8));
            assertEquals("accord.ParticipantJoined.v1", event.getType());
            assertEquals(joinedEventId, event.getId());
            assertEquals(id, event.getSubject());
            assertEquals("/accord/alignment", event.getSource().toString());
            assertEquals("application/json", event.getDataContentType());
            assertEquals(2L, Long.parseLong(String.valueOf(event.getExtension("streamversion"))));
            assertTrue(event.getTime() != null);
        }
    }

    @Test
    void an_outbox_row_is_deleted_once_its_event_is_published() {
        String id = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
        TopicReader.await(bootstrapServers, "accord.alignment.events", record -> id.equals(record.key()), 1,
                Duration.ofSeconds(30));
        long left = awaitOutboxRowsGone(UUID.fromString(id), Duration.ofSeconds(10));
        assertEquals(0, left, "outbox rows left behind after publication");
    }

    @Test
    void an_unreadable_record_goes_to_the_dead_letter_topic_and_the_projection_continues() {
        String bogusKey = "bogus-" + UUID.randomUUID();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, String> garbage = new ProducerRecord<>("accord.alignment.events", bogusKey,
                    "{not json");
            garbage.headers().add("ce_type", "accord.Nonsense.v1".getBytes(StandardCharsets.UTF_8));
            producer.send(garbage);
            producer.flush();
        }
        List<ConsumerRecord<String, String>> dead = TopicReader.await(bootstrapServers, "accord.alignment.events.dlq",
                record -> bogusKey.equals(record.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the unreadable record on the dead-letter topic");
        assertEquals("{not json", dead.get(0).value());

        String id = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
        join(id, person(anyPersonId(), "sales")).statusCode(200);
        details(id, 2).statusCode(200).body("version", equalTo(2));
    }

    /** The initiative's rows still in the outbox, sent or not, once none is left or the time is up. */
    private long awaitOutboxRowsGone(UUID initiativeId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        do {
            left = pool.preparedQuery("select count(*) as rows from outbox where initiative_id = $1")
                    .execute(Tuple.of(initiativeId)).await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getLong("rows");
        } while (left > 0 && System.nanoTime() < deadline);
        return left;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
