package dev.accord.http;

import dev.accord.initiative.api.InitiativeClient;
import dev.accord.testing.AccordInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** minVersion on every read that takes it: a version not recorded is answered at once, one not projected waits. */
@QuarkusTest
class ReadYourWritesTest {

    private static final List<String> READS_WITH_MIN_VERSION = List.of("/api/v1/initiatives/{id}",
            "/api/v1/initiatives/{id}/alignment", "/api/v1/initiatives/{id}/recommendations");

    private static Response read(String path, String initiativeId, long minVersion) {
        return given().queryParam("minVersion", minVersion).get(path, initiativeId);
    }

    @Test
    void a_version_beyond_the_latest_recorded_is_a_400_naming_min_version_at_once() {
        InitiativeClient initiative = aLaunchedInitiative();
        initiative.joined("sales");
        long latest = initiative.version();
        for (String path : READS_WITH_MIN_VERSION) {
            long started = System.nanoTime();
            Response answer = read(path, initiative.id, latest + 1);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(400, answer.statusCode(), path);
            assertTrue(answer.contentType().startsWith("application/problem+json"), path);
            assertEquals("minVersion", answer.jsonPath().getString("errors[0].field"), path);
            assertTrue(answer.jsonPath().getString("detail").contains("latest recorded version, " + latest),
                    answer.asString());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, path + " answered in " + took);
        }
    }

    @Test
    void a_version_beyond_the_store_is_a_400_beside_as_of_too() {
        InitiativeClient initiative = aLaunchedInitiative();
        given().queryParam("minVersion", 2).queryParam("asOf", "2030-01-01T00:00:00Z")
                .get("/api/v1/initiatives/{id}/alignment", initiative.id)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void the_latest_recorded_version_is_read_as_soon_as_it_is_projected() {
        InitiativeClient initiative = aLaunchedInitiative();
        initiative.joined("sales");
        for (String path : READS_WITH_MIN_VERSION) {
            assertEquals(200, read(path, initiative.id, initiative.version()).statusCode(), path);
        }
    }

    @Test
    void an_unknown_initiative_with_min_version_is_a_404_at_once() {
        String unknown = UUID.randomUUID().toString();
        for (String path : READS_WITH_MIN_VERSION) {
            long started = System.nanoTime();
            assertEquals(404, read(path, unknown, 3).statusCode(), path);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(1)) < 0, path);
        }
    }

    @Test
    void a_recorded_version_not_yet_projected_waits_then_answers_503_with_retry_after() {
        AtomicReference<Response> answer = new AtomicReference<>();
        AtomicReference<Duration> took = new AtomicReference<>();
        AccordInfrastructure.withKafkaDown(() -> {
            String id = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
            long version = join(id, person(anyPersonId(), "sales")).statusCode(200).extract().jsonPath()
                    .getLong("version");
            long started = System.nanoTime();
            answer.set(read("/api/v1/initiatives/{id}/alignment", id, version));
            took.set(Duration.ofNanos(System.nanoTime() - started));
        });
        assertEquals(503, answer.get().statusCode(), answer.get().asString());
        assertNotNull(answer.get().header("Retry-After"));
        assertTrue(took.get().compareTo(Duration.ofSeconds(4)) > 0, "it waited, " + took.get());
    }
}
