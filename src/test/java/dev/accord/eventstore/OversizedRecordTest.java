package dev.accord.eventstore;

import dev.accord.initiative.api.InitiativeClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A state record bigger than Kafka's default request size (1 MiB) must not stall the outbox:
 * records up to {@code accord.relay.max-record-bytes} are published (compressed), a record over
 * it is set aside and counted, and every row behind it, events included, is published.
 */
@QuarkusTest
class OversizedRecordTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STATE = "accord.alignment.state";
    private static final String OVERSIZED = "accord_relay_oversized_records_total";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "accord.relay.max-record-bytes", defaultValue = "8388608")
    int maxRecordBytes;

    @Inject
    Pool pool;

    @Test
    void a_state_over_the_bound_is_set_aside_and_the_records_behind_it_are_published() {
        double oversizedBefore = oversizedCount();
        String key = UUID.randomUUID().toString();
        queueState(key, 1, 2 * 1024 * 1024);
        queueState(key, 2, maxRecordBytes + 1);
        queueState(key, 3, 1024);
        InitiativeClient initiative = aLaunchedInitiative();
        initiative.joined("sales");

        awaitDrained(key, UUID.fromString(initiative.id));
        // One more than expected, briefly: a relay failing its rounds publishes the same events again and again.
        List<ConsumerRecord<String, String>> events = TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> record.key().equals(initiative.id), (int) initiative.version() + 1, Duration.ofSeconds(5));
        assertEquals(LongStream.rangeClosed(1, initiative.version()).mapToObj(Long::toString).toList(),
                events.stream().map(record -> header(record, "ce_streamversion")).toList(),
                "the events behind the oversized state reach the topic once each, in order");
        List<ConsumerRecord<String, String>> states = TopicReader.await(bootstrapServers, STATE,
                record -> record.key().equals(key), 3, Duration.ofSeconds(5));
        assertEquals(List.of("1", "3"), states.stream().map(record -> header(record, "ce_streamversion")).toList(),
                "the state over the bound is skipped, the ones around it published in order");
        assertEquals(2 * 1024 * 1024, states.get(0).value().length(), "a state over Kafka's default size is published");
        assertEquals(oversizedBefore + 1, oversizedCount(), OVERSIZED);
    }

    @Test
    void a_record_the_broker_refuses_for_its_size_is_set_aside_too() throws Exception {
        String topic = "accord.test.small-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "65536"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        double oversizedBefore = oversizedCount();
        String key = UUID.randomUUID().toString();
        byte[] noise = new byte[256 * 1024];
        new Random(7).nextBytes(noise);
        queue(topic, key, 1, "\"" + Base64.getEncoder().encodeToString(noise) + "\"");
        queue(topic, key, 2, "{}");

        awaitDrained(key, UUID.randomUUID());
        List<ConsumerRecord<String, String>> records = TopicReader.await(bootstrapServers, topic,
                record -> record.key().equals(key), 2, Duration.ofSeconds(5));
        assertEquals(List.of("2"), records.stream().map(record -> header(record, "ce_streamversion")).toList(),
                "the record behind the refused one is published");
        assertEquals(oversizedBefore + 1, oversizedCount(), OVERSIZED);
    }

    /**
     * Until neither outbox holds a row of the two initiatives: the relay deletes what the broker
     * acknowledged and what it set aside alike.
     */
    private void awaitDrained(String stateKey, UUID initiativeId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long unsent;
        do {
            unsent = pool.preparedQuery("""
                            select (select count(*) from alignment_outbox where record_key = $1)
                                 + (select count(*) from outbox where initiative_id = $2) as unsent""")
                    .execute(Tuple.of(stateKey, initiativeId)).await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getLong("unsent");
            if (unsent > 0) {
                sleep(200);
            }
        } while (unsent > 0 && System.nanoTime() < deadline);
        assertEquals(0, unsent, "rows still waiting in the outboxes: the relay stalls");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A state record of exactly {@code bytes} bytes of JSON. */
    private void queueState(String key, long version, int bytes) {
        String prefix = "{\"initiativeId\":\"" + key + "\",\"padding\":\"";
        String data = prefix + "x".repeat(bytes - prefix.length() - 2) + "\"}";
        assertEquals(bytes, data.getBytes(StandardCharsets.UTF_8).length);
        queue(STATE, key, version, data);
    }

    private void queue(String topic, String key, long version, String data) {
        pool.preparedQuery("""
                        insert into alignment_outbox (topic, record_key, ce_id, ce_type, stream_version, ce_time, data)
                        values ($1, $2, $3, 'accord.AlignmentStateChanged.v1', $4, $5, $6)""")
                .execute(Tuple.tuple(List.of(topic, key, UUID.randomUUID(), version, OffsetDateTime.now(ZoneOffset.UTC),
                        data)))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static double oversizedCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(OVERSIZED + " ") || line.startsWith(OVERSIZED + "{"))
                .map(line -> Double.valueOf(line.substring(line.lastIndexOf(' ') + 1).trim()))
                .findFirst().orElse(0.0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
