package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.Person;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.launch;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The relay against the real database and broker: late commits, competing relays. */
@QuarkusTest
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    OutboxRelay relay;

    @Test
    void a_row_that_commits_late_is_published_not_skipped() {
        UUID late = UUID.randomUUID();
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction transaction = connection.begin().await().atMost(WAIT);
            insertLaunch(connection, late);

            // A later command commits and is published while the earlier row is still open.
            String early = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
            assertEquals(1, TopicReader.await(bootstrapServers, "accord.alignment.events",
                    record -> early.equals(record.key()), 1, WAIT).size());

            transaction.commit().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
        }
        relay.wakeUp();
        List<ConsumerRecord<String, String>> published = TopicReader.await(bootstrapServers,
                "accord.alignment.events", record -> late.toString().equals(record.key()), 1, WAIT);
        assertEquals(1, published.size(), "the late row was published");
        details(late.toString(), 1).statusCode(200).body("title", equalTo("Committed late"));
    }

    @Test
    void competing_relays_publish_every_event_exactly_once() throws Exception {
        AtomicBoolean competing = new AtomicBoolean(true);
        List<CompletableFuture<Void>> rivals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rivals.add(CompletableFuture.runAsync(() -> {
                while (competing.get()) {
                    relay.relayOnce().await().atMost(WAIT);
                }
            }));
        }
        Set<String> launched = new HashSet<>();
        try {
            for (int i = 0; i < 25; i++) {
                launched.add(launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId"));
            }
            List<ConsumerRecord<String, String>> records = TopicReader.await(bootstrapServers,
                    "accord.alignment.events", record -> launched.contains(record.key()), launched.size() + 1,
                    Duration.ofSeconds(8));
            Set<String> eventIds = new HashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                eventIds.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            }
            assertEquals(launched.size(), records.size(), "one record per event, none twice");
            assertEquals(launched.size(), eventIds.size());
        } finally {
            competing.set(false);
            for (CompletableFuture<Void> rival : rivals) {
                rival.get();
            }
        }
    }

    @Test
    void a_row_an_earlier_release_marked_sent_is_deleted_and_not_published_again() {
        UUID marked = UUID.randomUUID();
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            // as that release left a row it published: marked in a later transaction, here in the same one
            Transaction transaction = connection.begin().await().atMost(WAIT);
            insertLaunch(connection, marked);
            connection.preparedQuery("update outbox set sent_at = now() where initiative_id = $1")
                    .execute(Tuple.of(marked)).await().atMost(WAIT);
            transaction.commit().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
        }

        // Published in id order: once a later event is out, the relay has passed the marked row.
        String later = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
        assertEquals(1, TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> later.equals(record.key()), 1, WAIT).size());
        relay.deleteLeftovers();

        assertEquals(0, pool.preparedQuery("select count(*) as left from outbox where initiative_id = $1")
                .execute(Tuple.of(marked)).await().atMost(WAIT).iterator().next().getLong("left"),
                "the marked row is deleted");
        assertEquals(List.of(), TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> marked.toString().equals(record.key()), 1, Duration.ofSeconds(3)),
                "the marked row was sent already: not published again");
    }

    private static void insertLaunch(SqlConnection connection, UUID initiativeId) {
        InitiativeLaunched event = new InitiativeLaunched(initiativeId, "Committed late", "A slow transaction",
                new Person("slow.sponsor", "Slow Sponsor", "exec", "Sponsor"), List.of("exec"), null, null);
        UUID eventId = UUID.randomUUID();
        Instant now = Instant.now();
        connection.preparedQuery("insert into event_store (event_id, initiative_id, version, type, data, recorded_at,"
                        + " correlation_id) values ($1, $2, 1, $3, $4::text::jsonb, $5, 'late-test')")
                .execute(Tuple.of(eventId, initiativeId, EventTypes.typeOf(event), EventCodec.encode(event),
                        now.atOffset(ZoneOffset.UTC)))
                .chain(() -> connection.preparedQuery("insert into outbox (event_id, initiative_id, version,"
                                + " created_at) values ($1, $2, 1, $3)")
                        .execute(Tuple.of(eventId, initiativeId, now.atOffset(ZoneOffset.UTC))))
                .chain(() -> Uni.createFrom().voidItem())
                .await().atMost(WAIT);
    }
}
