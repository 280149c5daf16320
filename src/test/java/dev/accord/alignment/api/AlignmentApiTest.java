package dev.accord.alignment.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.initiative.api.InitiativeClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET …/alignment, …/recommendations and …/alignment/stream over real PostgreSQL and Kafka. */
@QuarkusTest
class AlignmentApiTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TestHTTPResource("/")
    URL root;

    @Inject
    ObjectMapper mapper;

    @Inject
    AlignmentViews views;

    private static String daysAgo(int days) {
        return NOW.minus(days, ChronoUnit.DAYS).toString();
    }

    /** The worked example of docs/alignment-model.md, played through the API with back-dated conversations. */
    private static WorkedExample theWorkedExample() {
        InitiativeClient initiative = aLaunchedInitiative();
        String s = initiative.sponsor;
        String a = initiative.joined("sales");
        String b = initiative.joined("finance");
        String c = initiative.joined("sales");
        initiative.relationship(s, a);
        String possibility = initiative.possibility(s, List.of(a, b), List.of());
        initiative.respond(possibility, a, "OWNS");
        initiative.respond(possibility, b, "BUYS_IN");
        initiative.pathway(possibility, List.of(s, a));
        String commitmentOfA = initiative.commitment(Map.of("personId", a, "role", "Account lead",
                "result", "Five accounts", "dueBy", daysAgo(10), "occurredAt", daysAgo(20)));
        String commitmentOfB = initiative.commitment(Map.of("personId", b, "role", "Analyst",
                "result", "Price list", "dueBy", daysAgo(5), "occurredAt", daysAgo(20)));
        initiative.post("/commitments/" + commitmentOfA + "/fulfilment", Map.of("occurredAt", daysAgo(12)))
                .statusCode(200);
        initiative.acknowledgement(s, a, commitmentOfA);
        return new WorkedExample(initiative, s, a, b, c, commitmentOfB);
    }

    private record WorkedExample(InitiativeClient initiative, String s, String a, String b, String c,
                                 String commitmentOfB) {
    }

    @Test
    void the_worked_example_scores_57_partial_with_its_gaps_and_seven_recommendations() {
        WorkedExample example = theWorkedExample();
        given().queryParam("minVersion", 13).get("/api/v1/initiatives/{id}/alignment", example.initiative().id)
                .then().statusCode(200)
                .header("ETag", equalTo("\"13\""))
                .body("initiativeId", equalTo(example.initiative().id))
                .body("version", equalTo(13))
                .body("status", equalTo("ACTIVE"))
                .body("score", equalTo(57))
                .body("band", equalTo("PARTIAL"))
                .body("stages.engaged", contains(2, 3, 2, 2, 2))
                .body("stages.of", contains(4, 4, 4, 4, 4))
                .body("stages.stage", contains("RELATIONSHIP", "POSSIBILITY", "PATHWAY", "ACTION", "COMPLETION"))
                .body("stages.status", contains("IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS",
                        "IN_PROGRESS"))
                .body("components.stageCoverage.value", equalTo(0.55f))
                .body("components.stageCoverage.weight", equalTo(0.35f))
                .body("components.enrollment.value", equalTo(0.5f))
                .body("components.reliability.value", equalTo(0.5f))
                .body("components.acknowledgement.value", equalTo(1.0f))
                .body("enrollment.owns", equalTo(2))
                .body("enrollment.buysIn", equalTo(1))
                .body("enrollment.notReached", equalTo(1))
                .body("units.pairs.units", contains(List.of("exec", "finance"), List.of("exec", "sales"),
                        List.of("finance", "sales")))
                .body("units.pairs.relationships", contains(0, 1, 0))
                .body("units.unrepresented", hasSize(0))
                .body("commitments.overdue", equalTo(1))
                .body("commitments.fulfilledOnTime", equalTo(1))
                .body("requests.open", equalTo(0))
                .body("gaps.personId", hasItem(example.b()))
                .body("recommendations.kind", contains("UNIT_LINK", "UNIT_LINK", "RELATIONSHIP",
                        "SHARE_POSSIBILITY", "ENROLLMENT", "COMMIT", "RENEGOTIATE"))
                .body("recommendations[6].commitmentId", equalTo(example.commitmentOfB()))
                .body("recommendations[6].participants", contains(example.b()))
                .body("recommendations[0]", not(hasItem("possibilityId")))
                .body("focus.stage", equalTo("RELATIONSHIP"))
                .body("focus.coverage", equalTo(0.5f))
                .body("focus.conversations.kind", contains("UNIT_LINK", "UNIT_LINK", "RELATIONSHIP"))
                .body("focus.conversations[2].participants", contains(example.b(), example.c()))
                .body("focus.headline", equalTo("Begin with relationships: 2 of 4 people have none yet, and finance"
                        + " has no link to exec or sales."));

        given().get("/api/v1/initiatives/{id}/recommendations", example.initiative().id).then()
                .statusCode(200)
                .body("kind", contains("UNIT_LINK", "UNIT_LINK", "RELATIONSHIP", "SHARE_POSSIBILITY", "ENROLLMENT",
                        "COMMIT", "RENEGOTIATE"))
                .body("[3].participants", contains(example.c()))
                .body("[0].possibilityId", nullValue());
    }

    @Test
    void the_focus_comes_first_in_the_document() {
        InitiativeClient initiative = aLaunchedInitiative();

        String body = given().queryParam("minVersion", 1).get("/api/v1/initiatives/{id}/alignment", initiative.id)
                .then().statusCode(200).extract().asString();

        assertTrue(body.startsWith("{\"focus\":{\"stage\":\"RELATIONSHIP\""), body);
    }

    @Test
    void the_document_is_the_mappers_json_of_the_state_at_each_requests_clock() throws Exception {
        WorkedExample example = theWorkedExample();
        UUID id = UUID.fromString(example.initiative().id);
        given().queryParam("minVersion", 13).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        AlignmentFacts facts = views.find(id).await().indefinitely().orElseThrow();

        // the first read may write the state's JSON, the next ones answer from what it wrote
        for (int read = 0; read < 3; read++) {
            String body = given().get("/api/v1/initiatives/{id}/alignment", id).then()
                    .statusCode(200)
                    .header("Content-Type", equalTo("application/json;charset=UTF-8"))
                    .header("ETag", equalTo("\"13\""))
                    .extract().asString();
            Instant asOf = Instant.parse(JsonPath.from(body).getString("asOf"));

            assertEquals(mapper.writeValueAsString(Alignment.evaluate(facts, asOf)), body);
        }
        Instant past = Instant.now();
        String body = given().queryParam("asOf", past.toString()).get("/api/v1/initiatives/{id}/alignment", id)
                .then().statusCode(200).header("ETag", equalTo("\"13\"")).extract().asString();
        assertEquals(mapper.writeValueAsString(Alignment.evaluate(views.asOf(id, past).await().indefinitely()
                .orElseThrow(), past)), body);
    }

    @Test
    void as_of_answers_from_the_events_recorded_by_then_at_that_clock() {
        WorkedExample example = theWorkedExample();
        String id = example.initiative().id;
        given().queryParam("minVersion", 13).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);

        given().queryParam("asOf", Instant.now().toString()).get("/api/v1/initiatives/{id}/alignment", id).then()
                .statusCode(200)
                .body("version", equalTo(13))
                .body("score", equalTo(57))
                .body("focus.stage", equalTo("RELATIONSHIP"))
                .body("focus.headline", startsWith("Begin with relationships: 2 of 4 people have none yet"));
        given().queryParam("asOf", NOW.minus(1, ChronoUnit.DAYS).toString())
                .get("/api/v1/initiatives/{id}/alignment", id).then()
                .statusCode(404).contentType("application/problem+json");
        given().queryParam("asOf", "yesterday").get("/api/v1/initiatives/{id}/alignment", id).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void the_listing_carries_score_and_band_and_filters_by_band() {
        WorkedExample example = theWorkedExample();
        given().queryParam("minVersion", 13).get("/api/v1/initiatives/{id}/alignment", example.initiative().id)
                .then().statusCode(200);
        given().queryParam("band", "partial").queryParam("size", 100).get("/api/v1/initiatives").then()
                .statusCode(200)
                .body("items.initiativeId", hasItem(example.initiative().id))
                .body("items.band", not(hasItem("ALIGNED")));
        given().queryParam("band", "ALIGNED").queryParam("size", 100).get("/api/v1/initiatives").then()
                .statusCode(200)
                .body("items.initiativeId", not(hasItem(example.initiative().id)));
        given().queryParam("band", "GREAT").get("/api/v1/initiatives").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void hr_sees_a_persons_stages_stance_commitments_and_acknowledgements() {
        WorkedExample example = theWorkedExample();
        given().queryParam("minVersion", 13).get("/api/v1/initiatives/{id}/alignment", example.initiative().id)
                .then().statusCode(200);
        given().get("/api/v1/people/{personId}/engagement", example.b()).then()
                .statusCode(200)
                .body("personId", equalTo(example.b()))
                .body("initiatives", hasSize(1))
                .body("initiatives[0].initiativeId", equalTo(example.initiative().id))
                .body("initiatives[0].title", equalTo("Grow EMEA mid-market"))
                .body("initiatives[0].active", equalTo(true))
                .body("initiatives[0].unit", equalTo("finance"))
                .body("initiatives[0].stages", contains(2, 4))
                .body("initiatives[0].stance", equalTo("BUYS_IN"))
                .body("initiatives[0].commitments.open", equalTo(1))
                .body("initiatives[0].commitments.overdue", equalTo(1))
                .body("initiatives[0].commitments.fulfilled", equalTo(0));
        given().get("/api/v1/people/{personId}/engagement", example.s()).then()
                .statusCode(200)
                .body("initiatives[0].acknowledgements.given", equalTo(1))
                .body("initiatives[0].acknowledgements.received", equalTo(0))
                .body("initiatives[0].stages", contains(1, 2, 3, 5));
        given().get("/api/v1/people/{personId}/engagement", example.a()).then()
                .statusCode(200)
                .body("initiatives[0].acknowledgements.received", equalTo(1))
                .body("initiatives[0].commitments.fulfilled", equalTo(1));
        given().get("/api/v1/people/{personId}/engagement", "nobody-" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void the_portfolio_groups_initiatives_by_band_and_names_weak_stages_and_disconnected_units() {
        WorkedExample example = theWorkedExample();
        given().queryParam("minVersion", 13).get("/api/v1/initiatives/{id}/alignment", example.initiative().id)
                .then().statusCode(200);
        given().get("/api/v1/portfolio").then()
                .statusCode(200)
                .body("bands.band", contains("ALIGNED", "PARTIAL", "MISALIGNED", "UNKNOWN"))
                .body("bands.find { it.band == 'PARTIAL' }.initiatives.initiativeId",
                        hasItem(example.initiative().id))
                .body("stages.number", contains(1, 2, 3, 4, 5))
                .body("weakestStage.number", not(nullValue()))
                .body("disconnectedUnits.units", hasItem(List.of("exec", "finance")));
        given().queryParam("status", "ACTIVE").get("/api/v1/portfolio").then()
                .statusCode(200)
                .body("bands.find { it.band == 'PARTIAL' }.initiatives.initiativeId",
                        hasItem(example.initiative().id));
        given().queryParam("status", "COMPLETED").get("/api/v1/portfolio").then()
                .statusCode(200)
                .body("bands.find { it.band == 'PARTIAL' }.initiatives.initiativeId",
                        not(hasItem(example.initiative().id)));
        given().queryParam("status", "someday").get("/api/v1/portfolio").then().statusCode(400);
    }

    @Test
    void an_unknown_initiative_has_no_alignment() {
        given().get("/api/v1/initiatives/{id}/alignment", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/initiatives/{id}/recommendations", "not-a-uuid").then().statusCode(404);
        given().get("/api/v1/initiatives/{id}/alignment/stream", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void a_client_that_accepts_only_problem_json_can_open_the_stream() throws Exception {
        InitiativeClient initiative = aLaunchedInitiative();
        given().queryParam("minVersion", 1).get("/api/v1/initiatives/{id}/alignment", initiative.id).then()
                .statusCode(200);

        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(root + "api/v1/initiatives/" + initiative.id + "/alignment/stream"))
                .header("Accept", "application/problem+json").build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                    response.headers().toString());
            String line = lines.readLine();
            while (line != null && !line.startsWith("data:")) {
                line = lines.readLine();
            }
            assertNotNull(line, "the stream sends the state");
            assertTrue(line.contains("\"headline\""), line);
        }
    }

    @Test
    void a_406_says_what_each_endpoint_answers() {
        given().header("Accept", "text/html").get("/api/v1/initiatives/{id}/alignment/stream", UUID.randomUUID())
                .then().statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("text/event-stream"));
        given().header("Accept", "text/html").get("/api/v1/initiatives/{id}/alignment", UUID.randomUUID())
                .then().statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("application/json"))
                .body("detail", not(containsString("event-stream")));
    }

    @Test
    void the_stream_sends_the_state_now_and_after_each_change() throws Exception {
        InitiativeClient initiative = aLaunchedInitiative();
        String ana = initiative.joined("sales");
        given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}/alignment", initiative.id).then()
                .statusCode(200);

        BlockingQueue<String> states = new ArrayBlockingQueue<>(100);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString()
                        + "api/v1/initiatives/" + initiative.id + "/alignment/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        states.add(line.substring(5));
                    }
                }
            } catch (Exception closed) {
                // the test ended the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String first = states.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "the stream opens with the current state");
            assertTrue(first.contains("\"version\":2"), first);
            assertTrue(first.startsWith("{\"focus\":{\"stage\":\"RELATIONSHIP\""), first);

            initiative.relationship(initiative.sponsor, ana);
            String next = states.poll(10, TimeUnit.SECONDS);
            assertNotNull(next, "a change is streamed");
            assertTrue(next.contains("\"version\":3"), next);
            assertTrue(next.contains("\"engaged\":2"), next);
        } finally {
            response.body().close();
        }
    }
}
