package dev.accord.eventstore;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A store written by an older release: its rows are inserted as that release wrote them, event
 * and outbox row together, and Accord reads them through the upcaster chain. The launch lacks
 * {@code launchedAt} (releases before it was kept wrote none: an optional field, read as absent)
 * and the join has the older nested person (docs/event-evolution.md). Every reader must see the
 * current shape: the write side, both read models, the events endpoint and the topic.
 */
@QuarkusTest
class OlderEventShapesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Test
    void a_stream_in_older_shapes_is_folded_projected_served_and_published_in_the_current_shape() {
        UUID id = UUID.randomUUID();
        String sponsor = anyPersonId();
        String ana = anyPersonId();
        store(id, 1, "accord.InitiativeLaunched.v1", "{\"initiativeId\":\"" + id + "\",\"title\":\"Grow EMEA\","
                + "\"strategy\":\"Be the trusted partner of mid-size firms\",\"sponsor\":{\"personId\":\"" + sponsor
                + "\",\"displayName\":\"Sam Sponsor\",\"unit\":\"exec\",\"role\":\"Sponsor\"},"
                + "\"units\":[\"exec\",\"sales\"]}", "2026-01-05T09:00:00Z");
        store(id, 2, "accord.ParticipantJoined.v1", "{\"initiativeId\":\"" + id + "\",\"person\":{\"personId\":\""
                + ana + "\",\"displayName\":\"Ana Sales\",\"unit\":\"sales\",\"role\":\"Account lead\"}}",
                "2026-01-05T09:05:00Z");

        // The write side folds the old join: Ana is an active participant, so she may be named.
        given().contentType(ContentType.JSON)
                .body(Map.of("participants", List.of(sponsor, ana), "mutualUnderstanding",
                        "Ana owns the accounts, Sam clears the budget"))
                .post("/api/v1/initiatives/{id}/relationships", id)
                .then().statusCode(201);

        given().queryParam("minVersion", 3).get("/api/v1/initiatives/{id}", id).then().statusCode(200)
                .body("participants.personId", hasItem(ana))
                .body("participants.find { it.personId == '" + ana + "' }.unit", equalTo("sales"))
                .body("participants.find { it.personId == '" + ana + "' }.role", equalTo("Account lead"));
        given().queryParam("minVersion", 3).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200)
                .body("participants.find { it.personId == '" + ana + "' }.unit", equalTo("sales"))
                .body("participants.find { it.personId == '" + ana + "' }.stages", contains(1))
                .body("units.disconnected", empty());

        given().get("/api/v1/initiatives/{id}/events", id).then().statusCode(200)
                .body("type", contains("accord.InitiativeLaunched.v1", "accord.ParticipantJoined.v1",
                        "accord.RelationshipEstablished.v1"))
                .body("[0].data", not(hasKey("launchedAt")))
                .body("[1].data", equalTo(Map.of("initiativeId", id.toString(), "personId", ana,
                        "displayName", "Ana Sales", "unit", "sales", "role", "Account lead")));

        List<ConsumerRecord<String, String>> published = TopicReader.await(bootstrapServers,
                "accord.alignment.events", record -> id.toString().equals(record.key()), 3, Duration.ofSeconds(30));
        assertEquals(3, published.size(), "records of the initiative on the topic");
        ConsumerRecord<String, String> joined = published.get(1);
        assertEquals("accord.ParticipantJoined.v1",
                new String(joined.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
        assertEquals("{\"initiativeId\":\"" + id + "\",\"personId\":\"" + ana + "\",\"displayName\":\"Ana Sales\","
                + "\"unit\":\"sales\",\"role\":\"Account lead\"}", joined.value());
        assertFalse(published.get(0).value().contains("launchedAt"), published.get(0).value());
    }

    /** As a release appended: the event and its outbox row, in one statement (the data as text, cast). */
    private void store(UUID initiativeId, long version, String type, String data, String recordedAt) {
        pool.preparedQuery("""
                        with e as (
                            insert into event_store (event_id, initiative_id, version, type, data, recorded_at,
                                                     correlation_id)
                            values ($1, $2, $3, $4, $5::text::jsonb, $6, 'older-release')
                            returning event_id, initiative_id, version, recorded_at)
                        insert into outbox (event_id, initiative_id, version, created_at)
                        select event_id, initiative_id, version, recorded_at from e""")
                .execute(Tuple.from(List.of(UUID.randomUUID(), initiativeId, version, type, data,
                        OffsetDateTime.parse(recordedAt))))
                .await().atMost(Duration.ofSeconds(10));
    }
}
