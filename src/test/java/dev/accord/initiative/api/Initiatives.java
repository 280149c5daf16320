package dev.accord.initiative.api;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Fixtures for API tests: requests as a client would send them. */
public final class Initiatives {

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private Initiatives() {
    }

    public static String anyPersonId() {
        return "person-" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> person(String personId, String unit) {
        return Map.of("personId", personId, "displayName", "Person " + personId, "unit", unit, "role", "Member");
    }

    public static Map<String, Object> aLaunchRequest(String sponsorId) {
        return Map.of("title", "Grow EMEA mid-market",
                "strategy", "Be the partner mid-size firms trust with their growth",
                "sponsor", Map.of("personId", sponsorId, "displayName", "Sam Sponsor", "unit", "exec",
                        "role", "Sponsor"),
                "units", List.of("exec", "sales", "finance"),
                "targetDate", "2027-06-30",
                // Launched a while ago, so a test may record conversations that happened since.
                "launchedAt", Instant.now().minus(Duration.ofDays(90)).toString());
    }

    /** Launches an initiative and answers its id. */
    public static String aLaunchedInitiative() {
        return launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
    }

    public static ValidatableResponse launch(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/initiatives").then();
    }

    public static ValidatableResponse join(String initiativeId, Object body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/initiatives/{id}/participants", initiativeId).then();
    }

    public static ValidatableResponse leave(String initiativeId, String personId) {
        return given().delete("/api/v1/initiatives/{id}/participants/{personId}", initiativeId, personId).then();
    }

    /** Reads the details once the read model has applied {@code version}. */
    public static ValidatableResponse details(String initiativeId, long version) {
        return given().queryParam("minVersion", version).get("/api/v1/initiatives/{id}", initiativeId).then();
    }
}
