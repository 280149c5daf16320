package dev.accord.initiative.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.leave;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class InitiativeApiTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void launching_answers_201_with_location_etag_and_receipt() {
        String sponsor = anyPersonId();
        String id = launch(aLaunchRequest(sponsor))
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/initiatives/" + UUID_PATTERN))
                .header("ETag", equalTo("\"1\""))
                .body("initiativeId", matchesPattern(UUID_PATTERN))
                .body("eventId", matchesPattern(UUID_PATTERN))
                .body("type", equalTo("accord.InitiativeLaunched.v1"))
                .body("version", equalTo(1))
                .body("recordedAt", endsWith("Z"))
                .extract().path("initiativeId");

        details(id, 1).statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("initiativeId", equalTo(id))
                .body("title", equalTo("Grow EMEA mid-market"))
                .body("status", equalTo("ACTIVE"))
                .body("units", contains("exec", "sales", "finance"))
                .body("targetDate", equalTo("2027-06-30"))
                .body("sponsor.personId", equalTo(sponsor))
                .body("participants.personId", contains(sponsor))
                .body("version", equalTo(1));
    }

    @Test
    void people_join_and_leave_and_the_details_follow() {
        String id = aLaunchedInitiative();
        String ana = anyPersonId();
        String ben = anyPersonId();
        join(id, person(ana, "sales")).statusCode(200).header("ETag", "\"2\"")
                .body("type", equalTo("accord.ParticipantJoined.v1")).body("version", equalTo(2));
        join(id, person(ben, "finance")).statusCode(200).body("version", equalTo(3));
        given().queryParam("reason", "moved to another team")
                .delete("/api/v1/initiatives/{id}/participants/{personId}", id, ana)
                .then().statusCode(200).header("ETag", "\"4\"")
                .body("type", equalTo("accord.ParticipantLeft.v1"));

        details(id, 4).statusCode(200)
                .body("participants.personId", hasSize(2))
                .body("participants.find { it.personId == '" + ben + "' }.unit", equalTo("finance"))
                .body("participants.find { it.personId == '" + ben + "' }.joinedAt", notNullValue())
                .body("formerParticipants.personId", contains(ana))
                .body("formerParticipants[0].reason", equalTo("moved to another team"));
    }

    @Test
    void a_person_cannot_join_twice_while_active_but_may_rejoin_after_leaving() {
        String id = aLaunchedInitiative();
        String ana = anyPersonId();
        join(id, person(ana, "sales")).statusCode(200);
        join(id, person(ana, "sales")).statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("detail", notNullValue());
        leave(id, ana).statusCode(200);
        join(id, person(ana, "finance")).statusCode(200).body("version", equalTo(4));
    }

    @Test
    void only_active_participants_leave() {
        String id = aLaunchedInitiative();
        leave(id, "nobody-here").statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("personId"));
    }

    @Test
    void if_match_appends_only_at_the_named_version() {
        String id = aLaunchedInitiative();
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(person(anyPersonId(), "sales"))
                .post("/api/v1/initiatives/{id}/participants", id)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(person(anyPersonId(), "sales"))
                .post("/api/v1/initiatives/{id}/participants", id)
                .then().statusCode(200).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(person(anyPersonId(), "sales"))
                .post("/api/v1/initiatives/{id}/participants", id)
                .then().statusCode(412);
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_first_receipt_and_appends_nothing() {
        Map<String, Object> body = aLaunchRequest(anyPersonId());
        String key = "launch-" + anyPersonId();
        Map<String, Object> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/initiatives").then().statusCode(201).extract().as(Map.class);
        Map<String, Object> again = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/initiatives").then().statusCode(201)
                .header("Location", endsWith("/api/v1/initiatives/" + first.get("initiativeId")))
                .extract().as(Map.class);
        assertEquals(first, again);

        String id = (String) first.get("initiativeId");
        String joinKey = "join-" + anyPersonId();
        Map<String, Object> ana = person(anyPersonId(), "sales");
        given().contentType(ContentType.JSON).header("Idempotency-Key", joinKey).body(ana)
                .post("/api/v1/initiatives/{id}/participants", id).then().statusCode(200).body("version", equalTo(2));
        given().contentType(ContentType.JSON).header("Idempotency-Key", joinKey).body(ana)
                .post("/api/v1/initiatives/{id}/participants", id).then().statusCode(200).body("version", equalTo(2));
        details(id, 2).body("version", equalTo(2)).body("participants", hasSize(2));

        given().contentType(ContentType.JSON).header("Idempotency-Key", joinKey).body(person(anyPersonId(), "sales"))
                .post("/api/v1/initiatives/{id}/participants", id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @RepeatedTest(3)
    void concurrent_retries_with_one_idempotency_key_append_once() throws Exception {
        String id = aLaunchedInitiative();
        String key = "race-" + anyPersonId();
        Map<String, Object> body = person(anyPersonId(), "sales");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                versions.add(CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(body)
                        .post("/api/v1/initiatives/{id}/participants", id)
                        .then().statusCode(200).extract().<Integer>path("version"), pool));
            }
            for (CompletableFuture<Integer> version : versions) {
                assertEquals(2, version.get());
            }
        } finally {
            pool.shutdown();
        }
        details(id, 2).body("version", equalTo(2));
    }

    @Test
    void concurrent_joins_without_if_match_all_succeed_at_distinct_versions() throws Exception {
        String id = aLaunchedInitiative();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                versions.add(CompletableFuture.supplyAsync(() -> join(id, person(anyPersonId(), "sales"))
                        .statusCode(200).extract().<Integer>path("version"), pool));
            }
            List<Integer> seen = new ArrayList<>();
            for (CompletableFuture<Integer> version : versions) {
                seen.add(version.get());
            }
            seen.sort(Integer::compareTo);
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), seen);
        } finally {
            pool.shutdown();
        }
        details(id, 9).body("participants", hasSize(9));
    }

    @Test
    void the_listing_pages_through_initiatives() {
        for (int i = 0; i < 3; i++) {
            String id = aLaunchedInitiative();
            details(id, 1).statusCode(200);
        }
        given().queryParam("page", 0).queryParam("size", 2).get("/api/v1/initiatives")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("items[0].initiativeId", matchesPattern(UUID_PATTERN))
                .body("items[0].participantCount", notNullValue())
                .body("totalItems", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        given().queryParam("status", "ACTIVE").queryParam("unit", "finance").queryParam("size", 100)
                .get("/api/v1/initiatives").then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("ACTIVE")));
        given().queryParam("unit", "no-such-unit").get("/api/v1/initiatives")
                .then().statusCode(200).body("items", empty()).body("totalItems", equalTo(0));
    }

    @Test
    void the_details_carry_the_correlation_id_through_the_receipt_headers() {
        given().contentType(ContentType.JSON).header("X-Correlation-Id", "crm-sync-42")
                .body(aLaunchRequest(anyPersonId())).post("/api/v1/initiatives")
                .then().statusCode(201).header("X-Correlation-Id", "crm-sync-42");
    }

    @Test
    void a_version_never_recorded_answers_400_naming_min_version() {
        String id = aLaunchedInitiative();
        details(id, 99).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("minVersion"));
    }

    @Test
    void sponsor_is_listed_among_participants_sorted_by_person_id() {
        String id = aLaunchedInitiative();
        join(id, person("zz-" + anyPersonId(), "sales")).statusCode(200);
        join(id, person("aa-" + anyPersonId(), "sales")).statusCode(200);
        List<String> people = details(id, 3).extract().path("participants.personId");
        List<String> sorted = new ArrayList<>(people);
        sorted.sort(String::compareTo);
        assertEquals(sorted, people);
        details(id, 3).body("participants.unit", containsInAnyOrder("exec", "sales", "sales"));
    }
}
