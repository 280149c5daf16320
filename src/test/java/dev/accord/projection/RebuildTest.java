package dev.accord.projection;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeDetails;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.RowCache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rebuilding the read models from the event store while commands keep coming. */
@QuarkusTest
class RebuildTest {

    private static final String REBUILD = "/api/v1/admin/projections/rebuild";

    @Inject
    Pool pool;

    @Inject
    EventStore eventStore;

    @Inject
    RowCache cache;

    @Inject
    InitiativeViews detailsViews;

    @Inject
    AlignmentViews alignmentViews;

    @Test
    void a_rebuild_of_everything_under_concurrent_commands_ends_equal_to_the_live_read_models() throws Exception {
        OpenApiValidationFilter contract = contract();
        List<String> initiatives = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = aLaunchedInitiative();
            for (int j = 0; j < 5; j++) {
                join(id, person(anyPersonId(), j % 2 == 0 ? "sales" : "finance")).statusCode(200);
            }
            initiatives.add(id);
        }
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        ExecutorService traffic = Executors.newSingleThreadExecutor();
        AtomicInteger sent = new AtomicInteger();
        Future<?> commands = traffic.submit(() -> {
            while (rebuilding.get() || sent.get() < 12) {
                join(initiatives.get(sent.get() % initiatives.size()), person(anyPersonId(), "sales")).statusCode(200);
                sent.incrementAndGet();
            }
        });
        try {
            while (sent.get() < 2) {
                ProjectionResilienceTest.sleep(10);
            }
            Response started = given().filter(contract).contentType(ContentType.JSON).body(Map.of()).post(REBUILD);
            started.then().statusCode(202).body("state", equalTo("RUNNING")).body("scope", equalTo("ALL"))
                    .header("Location", containsString(REBUILD + "/" + started.path("rebuildId")));
            String location = started.header("Location");
            JsonPath done = awaitFinished(location, contract);
            rebuilding.set(false);
            assertEquals("DONE", done.getString("state"), done.prettify());
            assertEquals(done.getInt("initiativesTotal"), done.getInt("initiativesDone"));
            assertTrue(done.getInt("initiativesTotal") >= initiatives.size(), done.prettify());
            assertTrue(done.getLong("eventsApplied") >= 2L * 6 * initiatives.size(), done.prettify());
            commands.get(60, TimeUnit.SECONDS);
        } finally {
            rebuilding.set(false);
            traffic.shutdown();
        }
        given().filter(contract).get("/api/v1/admin/projections").then().statusCode(200)
                .body("rebuild.state", equalTo("DONE"));

        for (String id : initiatives) {
            long latest = latestVersion(id);
            details(id, latest).statusCode(200);
            given().queryParam("minVersion", latest).get("/api/v1/initiatives/{id}/alignment", id)
                    .then().statusCode(200);
            List<StoredEvent> stream = eventStore.read(UUID.fromString(id), 1, Integer.MAX_VALUE)
                    .await().atMost(Duration.ofSeconds(5));
            InitiativeDetails folded = null;
            for (StoredEvent event : stream) {
                folded = InitiativeDetails.apply(folded, event);
            }
            cache.clear();
            assertEquals(Optional.of(folded), detailsViews.find(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5)),
                    id + ": the stored details (a snapshot and the events since) equal a fold of the store");
            AlignmentFacts facts = alignmentViews.rebuilt(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5))
                    .orElseThrow();
            assertEquals(Optional.of(facts), alignmentViews.find(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5)),
                    id + ": the stored alignment facts (a snapshot and the events since) equal a fold of the store");
        }
    }

    @Test
    void a_rebuild_of_one_initiative_rebuilds_that_one_and_an_unknown_or_malformed_one_is_refused() throws Exception {
        OpenApiValidationFilter contract = contract();
        String id = aLaunchedInitiative();
        join(id, person(anyPersonId(), "sales")).statusCode(200);
        details(id, 2).statusCode(200);
        Response started = given().filter(contract).contentType(ContentType.JSON).body(Map.of("initiativeId", id))
                .post(REBUILD);
        started.then().statusCode(202).body("scope", equalTo(id)).body("initiativesTotal", equalTo(1));
        JsonPath done = awaitFinished(started.header("Location"), contract);
        assertEquals("DONE", done.getString("state"));
        assertEquals(4, done.getLong("eventsApplied"), "two events, in each of two read models");

        given().filter(contract).contentType(ContentType.JSON).body(Map.of("initiativeId", UUID.randomUUID().toString()))
                .post(REBUILD).then().statusCode(404);
        // (not through the contract filter, which refuses to send a request the contract forbids)
        given().contentType(ContentType.JSON).body(Map.of("initiativeId", "not-an-id"))
                .post(REBUILD).then().statusCode(422).body("errors[0].field", equalTo("initiativeId"));
        given().contentType(ContentType.JSON).body(Map.of("initiativeId", ""))
                .post(REBUILD).then().statusCode(422).body("errors[0].field", equalTo("initiativeId"));
        given().contentType(ContentType.JSON).body(Map.of("initiativeId", id, "scope", "ALL"))
                .post(REBUILD).then().statusCode(422).body("errors[0].field", equalTo("scope"));
        given().filter(contract).get(REBUILD + "/{id}", UUID.randomUUID().toString()).then().statusCode(404);
        given().filter(contract).post("/api/v1/admin/projections/parked/{id}/retry", id).then().statusCode(404);
        given().filter(contract).get("/api/v1/admin/projections/status").then().statusCode(200)
                .body("projections.name", equalTo(List.of("initiative-details", "alignment")))
                .body("partitions.partition", equalTo(List.of(0, 1, 2)))
                .body("partitions.topic", everyItem(equalTo("accord.alignment.events")));
    }

    private static JsonPath awaitFinished(String location, OpenApiValidationFilter contract) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonPath status = given().filter(contract).get(location).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(status.getString("state"))) {
                return status;
            }
            assertFalse(System.nanoTime() > deadline, "the rebuild is still running: " + status.prettify());
            ProjectionResilienceTest.sleep(100);
        }
    }

    private long latestVersion(String id) {
        return pool.preparedQuery("select max(version) as latest from event_store where initiative_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong("latest");
    }

    private static OpenApiValidationFilter contract() throws IOException {
        return new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(Files.readString(Path.of("openapi.yaml"))).build());
    }
}
