package dev.accord.alignment.api;

import dev.accord.initiative.api.InitiativeClient;
import dev.accord.initiative.api.Initiatives;
import dev.accord.testing.AccordInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET …/alignment/stream: what a subscriber gets, however fast changes come and however it reconnects. */
@QuarkusTest
class AlignmentStreamTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "accord.sse.heartbeat")
    Duration heartbeat;

    @ConfigProperty(name = "accord.sse.max-streams")
    int maxStreams;

    private SseConnection stream(String initiativeId, String lastEventId) throws Exception {
        return SseConnection.open(new URL(root, "api/v1/initiatives/" + initiativeId + "/alignment/stream"),
                lastEventId);
    }

    /** An initiative at version 2 whose alignment read model has caught up. */
    private static InitiativeClient aProjectedInitiative() {
        InitiativeClient initiative = aLaunchedInitiative();
        initiative.joined("sales");
        given().queryParam("minVersion", initiative.version())
                .get("/api/v1/initiatives/{id}/alignment", initiative.id).then().statusCode(200);
        return initiative;
    }

    @Test
    void a_stream_opened_before_the_launch_is_projected_opens_and_sends_the_first_state_once_it_is()
            throws Exception {
        AtomicReference<String> launched = new AtomicReference<>();
        AtomicReference<SseConnection> opened = new AtomicReference<>();
        // With the broker away the launch is recorded but cannot reach the projection yet.
        AccordInfrastructure.withKafkaDown(() -> {
            launched.set(Initiatives.aLaunchedInitiative());
            try {
                opened.set(stream(launched.get(), null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (SseConnection stream = opened.get()) {
            assertEquals(200, stream.status(), "a recorded initiative's stream opens before it is projected");
            SseConnection.Event first = stream.nextState(Duration.ofSeconds(60));
            assertNotNull(first, "the first state is sent once the launch is projected");
            assertEquals(1, first.version());
        }
    }

    @Test
    void a_change_made_as_the_stream_opens_is_sent() throws Exception {
        InitiativeClient initiative = aProjectedInitiative();
        try (SseConnection stream = stream(initiative.id, null)) {
            initiative.joined("finance");
            long latest = initiative.version();
            SseConnection.Event last = stream.nextState(PATIENCE);
            while (last != null && last.version() < latest) {
                last = stream.nextState(PATIENCE);
            }
            assertNotNull(last, "the state at version " + latest + " is sent");
            assertEquals(latest, JsonPath.from(last.data()).getLong("version"));
        }
    }

    @Test
    void a_burst_of_commands_does_not_end_a_slow_stream_and_its_last_state_is_the_latest() throws Exception {
        InitiativeClient initiative = aProjectedInitiative();
        try (SseConnection stream = stream(initiative.id, null)) {
            assertEquals(200, stream.status());
            long latest = burstOfJoins(initiative.id, 60);

            // The reader only starts now: states it did not take in time were replaced by newer ones.
            List<Long> ids = new ArrayList<>();
            SseConnection.Event event = stream.nextState(PATIENCE);
            while (event != null) {
                assertEquals(event.version(), JsonPath.from(event.data()).getLong("version"), "the id is the version");
                assertEquals(List.of(), event.otherLines(), "an event has an id and data only");
                ids.add(event.version());
                if (event.version() == latest) {
                    break;
                }
                event = stream.nextState(PATIENCE);
            }
            assertTrue(!ids.isEmpty() && ids.get(ids.size() - 1) == latest,
                    "the stream is still open and reaches version " + latest + ": " + ids);
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i) > ids.get(i - 1), "ids increase: " + ids);
            }
        }
    }

    /**
     * Joins from several clients at once; answers the highest version acknowledged. (A join that
     * keeps losing the race for the next version is answered 409, and is simply not counted.)
     */
    private static long burstOfJoins(String initiativeId, int joins) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> versions = new ArrayList<>();
            for (int i = 0; i < joins; i++) {
                versions.add(clients.submit(() -> {
                    var answer = join(initiativeId, person(anyPersonId(), "sales"))
                            .statusCode(org.hamcrest.Matchers.oneOf(200, 409)).extract();
                    return answer.statusCode() == 200 ? answer.jsonPath().getLong("version") : 0L;
                }));
            }
            long latest = 0;
            for (Future<Long> version : versions) {
                latest = Math.max(latest, version.get());
            }
            return latest;
        } finally {
            clients.shutdown();
        }
    }

    @Test
    void a_client_reconnecting_at_the_current_version_gets_only_the_next_change() throws Exception {
        InitiativeClient initiative = aProjectedInitiative();
        long current = initiative.version();
        try (SseConnection stream = stream(initiative.id, Long.toString(current))) {
            assertNull(stream.nextState(heartbeat.multipliedBy(2)), "the state at the client's version is not resent");
            initiative.joined("finance");
            SseConnection.Event next = stream.nextState(PATIENCE);
            assertNotNull(next, "the next change is sent");
            assertEquals(current + 1, next.version());
        }
    }

    @Test
    void a_client_reconnecting_at_an_older_version_gets_the_current_state_at_once() throws Exception {
        InitiativeClient initiative = aProjectedInitiative();
        try (SseConnection stream = stream(initiative.id, "1")) {
            SseConnection.Event first = stream.nextState(PATIENCE);
            assertNotNull(first);
            assertEquals(initiative.version(), first.version());
        }
    }

    @Test
    void an_idle_stream_gets_heartbeat_comments() throws Exception {
        InitiativeClient initiative = aProjectedInitiative();
        try (SseConnection stream = stream(initiative.id, null)) {
            assertNotNull(stream.nextState(PATIENCE), "the current state comes first");
            SseConnection.Event beat = stream.next(heartbeat.multipliedBy(3));
            assertNotNull(beat, "an event within " + heartbeat.multipliedBy(3));
            assertTrue(beat.isComment(), "a heartbeat is a comment: " + beat);
            assertEquals(List.of("heartbeat"), beat.comments());
        }
    }

    @Test
    void streams_beyond_the_cap_are_answered_503_with_a_problem_and_retry_after() throws Exception {
        InitiativeClient initiative = aProjectedInitiative();
        List<SseConnection> opened = new ArrayList<>();
        try {
            SseConnection refused = null;
            // Streams of earlier tests may still be closing, so the cap may be met before this
            // test opened maxStreams of its own; it must be met by then.
            for (int i = 0; i <= maxStreams && refused == null; i++) {
                SseConnection next = stream(initiative.id, null);
                if (next.status() == 200) {
                    opened.add(next);
                } else {
                    refused = next;
                }
            }
            assertNotNull(refused, "stream " + (maxStreams + 1) + " is refused");
            assertEquals(503, refused.status());
            assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
            assertNotNull(refused.header("Retry-After"));
            assertTrue(refused.body().contains("too many alignment streams"));

            opened.remove(0).close();
            assertTrue(reopens(initiative.id), "a stream can open again once one is closed");
        } finally {
            opened.forEach(SseConnection::close);
        }
    }

    private boolean reopens(String initiativeId) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (SseConnection again = stream(initiativeId, null)) {
                if (again.status() == 200) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void an_unknown_initiative_is_a_plain_404_problem_before_any_stream() throws Exception {
        try (SseConnection stream = stream(UUID.randomUUID().toString(), null)) {
            assertEquals(404, stream.status());
            assertTrue(stream.header("Content-Type").startsWith("application/problem+json"));
        }
    }

    @Test
    void a_last_event_id_that_is_not_a_version_is_a_400_naming_the_header() {
        String id = aLaunchedInitiative().id;
        given().header("Last-Event-ID", "yesterday").header("Accept", "text/event-stream")
                .get("/api/v1/initiatives/{id}/alignment/stream", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("Last-Event-ID"));
    }
}
