package dev.accord.examples;

import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's subscriber, run against the broker the tests start. */
@QuarkusTest
class AlignmentSubscriberTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void the_readme_subscriber_receives_an_initiatives_events_once_each_in_order_stepping_over_a_stray_record()
            throws Exception {
        strayRecord();
        String ana = anyPersonId();
        String id = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
        join(id, person(ana, "sales")).statusCode(200);

        List<CloudEvent> events = new ArrayList<>();
        try (AlignmentSubscriber subscriber = new AlignmentSubscriber(bootstrapServers, "readme-" + UUID.randomUUID())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (domainEvents(events).size() < 2 && System.nanoTime() < deadline) {
                subscriber.pollOnce(Duration.ofMillis(200), event -> {
                    if (id.equals(event.getSubject())) {
                        events.add(event);
                    }
                });
            }
        }

        List<CloudEvent> domain = domainEvents(events);
        assertEquals(List.of("accord.InitiativeLaunched.v1", "accord.ParticipantJoined.v1"),
                domain.stream().map(CloudEvent::getType).toList());
        assertEquals(2, domain.stream().map(CloudEvent::getId).distinct().count());
        assertEquals("2", String.valueOf(domain.get(1).getExtension("streamversion")));
        String data = new String(domain.get(1).getData().toBytes(), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"personId\":\"" + ana + "\""), data);
    }

    /** A record without CloudEvents headers, such as a misconfigured producer could write on a topic. */
    private void strayRecord() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("accord.alignment.signals", "stray-" + UUID.randomUUID(), "{not a cloud event"))
                    .get();
        }
    }

    /* The state and signals of the initiative may arrive too, on their own topics. */
    private static List<CloudEvent> domainEvents(List<CloudEvent> events) {
        return events.stream().filter(e -> e.getType().startsWith("accord.Initiative")
                || e.getType().startsWith("accord.Participant")).toList();
    }
}
