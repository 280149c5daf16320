package dev.accord.projection;

import dev.accord.eventstore.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The projection against what can go wrong on its way: records it must not believe, records it
 * cannot read, events a read model cannot apply, and a database that makes it wait.
 */
@QuarkusTest
class ProjectionResilienceTest {

    private static final String ADMIN = "/api/v1/admin/projections";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry meters;

    @Test
    void forged_records_that_disagree_with_the_store_change_nothing_and_later_events_still_project() {
        JsonPath launched = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().jsonPath();
        String id = launched.getString("initiativeId");
        String launchedEventId = launched.getString("eventId");
        details(id, 1).statusCode(200);
        long ignoredBefore = status().getLong("ignoredRecords");

        String forgedJoin = "{\"initiativeId\":\"" + id + "\",\"personId\":\"forger\",\"displayName\":\"Forger\","
                + "\"unit\":\"sales\",\"role\":\"Spy\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}";
        // the next version, which the store does not have yet
        OutsideProducer.send(bootstrapServers, id, forgedJoin,
                headers(id, 2, UUID.randomUUID().toString(), "accord.ParticipantJoined.v1"));
        // a version the store has, under another event id
        OutsideProducer.send(bootstrapServers, id, forgedJoin,
                headers(id, 1, UUID.randomUUID().toString(), "accord.InitiativeLaunched.v1"));
        // the real event id, claiming another type
        OutsideProducer.send(bootstrapServers, id, forgedJoin,
                headers(id, 1, launchedEventId, "accord.ParticipantJoined.v1"));
        awaitStatus(status -> status.getLong("ignoredRecords") >= ignoredBefore + 3, "three forged records ignored");

        details(id, 1).statusCode(200).body("version", equalTo(1))
                .body("participants.personId", not(hasItem("forger")));
        String ana = anyPersonId();
        join(id, person(ana, "sales")).statusCode(200);
        details(id, 2).statusCode(200).body("version", equalTo(2))
                .body("participants.personId", hasItem(ana))
                .body("participants.personId", not(hasItem("forger")));
        given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
    }

    @Test
    void an_unreadable_record_is_dead_lettered_and_counted_and_the_partition_moves_on() {
        String key = "garbage-" + UUID.randomUUID();
        long deadBefore = status().getLong("deadLettered");
        Map<String, String> headers = headers(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString(),
                "accord.InitiativeLaunched.v1");
        headers.put("ce_streamversion", "the first");
        OutsideProducer.send(bootstrapServers, key, "\u0000{garbage", headers);

        assertEquals(1, TopicReader.await(bootstrapServers, "accord.alignment.events.dlq",
                record -> key.equals(record.key()), 1, Duration.ofSeconds(30)).size(), "on the dead-letter topic");
        awaitStatus(status -> status.getLong("deadLettered") >= deadBefore + 1, "the dead letter counted");
        String id = aLaunchedInitiative();
        join(id, person(anyPersonId(), "sales")).statusCode(200);
        details(id, 2).statusCode(200).body("version", equalTo(2));
    }

    @Test
    void an_initiative_a_read_model_cannot_apply_is_parked_the_partition_moves_on_and_a_retry_releases_it() {
        execute("alter table initiative_view add constraint unprojectable_title"
                + " check (title not like 'Unprojectable%') not valid");
        String parked;
        try {
            Map<String, Object> launch = new HashMap<>(aLaunchRequest(anyPersonId()));
            launch.put("title", "Unprojectable pilot " + UUID.randomUUID());
            parked = launch(launch).statusCode(201).extract().path("initiativeId");
            String stuck = parked;
            awaitStatus(status -> parkedIn(status, "initiative-details", stuck) != null, "the initiative parked");
            Map<String, Object> park = parkedIn(status(), "initiative-details", parked);
            assertEquals(1, ((Number) park.get("version")).intValue());
            assertEquals("accord.InitiativeLaunched.v1", park.get("type"));
            assertTrue(String.valueOf(park.get("error")).contains("unprojectable_title"), park.toString());

            // another initiative on the same partition keeps projecting, in both read models
            String neighbour = onPartitionOf(parked);
            join(neighbour, person(anyPersonId(), "sales")).statusCode(200);
            details(neighbour, 2).statusCode(200).body("version", equalTo(2));
            given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}/alignment", neighbour)
                    .then().statusCode(200);

            // the alignment read model was not the one that failed: it keeps the initiative
            join(parked, person(anyPersonId(), "sales")).statusCode(200);
            given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}/alignment", parked)
                    .then().statusCode(200);
            // the details wait behind the failure rather than failing once per event
            awaitStatus(status -> {
                Map<String, Object> waiting = parkedIn(status, "initiative-details", stuck);
                return waiting != null && ((Number) waiting.get("latestWaiting")).intValue() == 2;
            }, "the second event waiting behind the first");
            assertEquals(1, ((Number) parkedIn(status(), "initiative-details", parked).get("version")).intValue());
            assertTrue(((Number) projection(status(), "initiative-details").get("lagEvents")).longValue() >= 2,
                    "the parked events count as lag");
            awaitMetric("accord_projection_parked{projection=\"initiative-details\"}", value -> value >= 1);

            given().post(ADMIN + "/parked/{id}/retry", parked).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("unprojectable_title"));
        } finally {
            execute("alter table initiative_view drop constraint if exists unprojectable_title");
        }
        given().post(ADMIN + "/parked/{id}/retry", parked).then().statusCode(200)
                .body("initiativeId", equalTo(parked)).body("parked", equalTo(false)).body("version", equalTo(2));
        details(parked, 2).statusCode(200).body("version", equalTo(2)).body("participants.size()", equalTo(2));
        assertEquals(null, parkedIn(status(), "initiative-details", parked));
        given().post(ADMIN + "/parked/{id}/retry", parked).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void a_row_lock_held_past_the_lock_timeout_is_waited_out_without_dead_letter_or_park() throws Exception {
        String id = aLaunchedInitiative();
        given().queryParam("minVersion", 1).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        double retriesBefore = retries();
        CountDownLatch locked = new CountDownLatch(1);
        // another connection holds the alignment row for longer than accord.projection.lock-timeout (1 s in tests)
        Uni<Void> holding = pool.withTransaction(connection -> connection
                .preparedQuery("select version from alignment_view where initiative_id = $1 for update")
                .execute(Tuple.of(UUID.fromString(id)))
                .invoke(locked::countDown)
                .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(4))));
        var held = holding.subscribeAsCompletionStage();
        assertTrue(locked.await(10, TimeUnit.SECONDS), "the row is locked");

        join(id, person(anyPersonId(), "sales")).statusCode(200);
        held.get(20, TimeUnit.SECONDS);
        given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);

        assertTrue(retries() > retriesBefore, "the lock timeout was met and retried");
        assertTrue(TopicReader.await(bootstrapServers, "accord.alignment.events.dlq",
                record -> id.equals(record.key()), 1, Duration.ofSeconds(3)).isEmpty(), "nothing dead-lettered");
        assertEquals(null, parkedIn(status(), "alignment", id));
    }

    @Test
    void a_database_connection_killed_under_the_projection_is_retried_without_dead_letter_or_park() throws Exception {
        String id = aLaunchedInitiative();
        given().queryParam("minVersion", 1).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        double retriesBefore = retries();
        CountDownLatch locked = new CountDownLatch(1);
        // the row lock only keeps the projection's connection in a known place long enough to kill it
        var held = pool.withTransaction(connection -> connection
                .preparedQuery("select version from alignment_view where initiative_id = $1 for update")
                .execute(Tuple.of(UUID.fromString(id)))
                .invoke(locked::countDown)
                .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(3))))
                .subscribeAsCompletionStage();
        assertTrue(locked.await(10, TimeUnit.SECONDS), "the row is locked");
        join(id, person(anyPersonId(), "sales")).statusCode(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long killed = 0;
        while (killed == 0 && System.nanoTime() < deadline) {
            killed = pool.query("select count(pg_terminate_backend(pid)) as killed from pg_stat_activity"
                            + " where wait_event_type = 'Lock' and query like '%alignment_view%for update%'"
                            + " and pid <> pg_backend_pid()")
                    .execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("killed");
            sleep(20);
        }
        assertTrue(killed > 0, "the projection's connection was killed while it waited");
        held.toCompletableFuture().get(20, TimeUnit.SECONDS);

        given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        assertTrue(retries() > retriesBefore, "the lost connection was retried");
        assertTrue(TopicReader.await(bootstrapServers, "accord.alignment.events.dlq",
                record -> id.equals(record.key()), 1, Duration.ofSeconds(3)).isEmpty(), "nothing dead-lettered");
        assertEquals(null, parkedIn(status(), "alignment", id));
    }

    private double retries() {
        var counter = meters.find("accord.projection.retries").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Launches initiatives until one's records share a partition with {@code initiativeId}'s. */
    private static String onPartitionOf(String initiativeId) {
        for (int tries = 0; tries < 40; tries++) {
            String candidate = aLaunchedInitiative();
            if (OutsideProducer.partitionOf(candidate) == OutsideProducer.partitionOf(initiativeId)) {
                return candidate;
            }
        }
        throw new AssertionError("no initiative landed on the partition of " + initiativeId);
    }

    private static Map<String, String> headers(String subject, long version, String eventId, String type) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_source", "/accord/alignment");
        headers.put("ce_type", type);
        headers.put("ce_subject", subject);
        headers.put("ce_time", "2026-01-01T00:00:00Z");
        headers.put("ce_streamversion", String.valueOf(version));
        headers.put("ce_correlationid", "outside");
        headers.put("content-type", "application/json");
        return headers;
    }

    static JsonPath status() {
        return given().accept(ContentType.JSON).get(ADMIN).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> projection(JsonPath status, String name) {
        return status.getMap("projections.find { it.name == '" + name + "' }");
    }

    private static Map<String, Object> parkedIn(JsonPath status, String projection, String initiativeId) {
        List<Map<String, Object>> parked = status.getList("projections.find { it.name == '" + projection
                + "' }.parked");
        return parked.stream().filter(park -> initiativeId.equals(park.get("initiativeId"))).findFirst().orElse(null);
    }

    static void awaitStatus(Predicate<JsonPath> reached, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reached.test(status())) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting for " + what + ": " + status().prettify());
            sleep(200);
        }
    }

    private static void awaitMetric(String series, Predicate<Double> reached) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Double value = metrics.lines().filter(line -> line.startsWith(series + " "))
                    .map(line -> Double.valueOf(line.substring(series.length() + 1).trim())).findFirst().orElse(null);
            if (value != null && reached.test(value)) {
                return;
            }
            assertFalse(System.nanoTime() > deadline, series + " on /q/metrics is " + value);
            sleep(250);
        }
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
