package dev.accord.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A typo in a request is answered, naming the field, rather than lost or guessed at. */
@QuarkusTest
class TyposTest {

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then()
                .contentType(startsWith("application/problem+json"));
    }

    private static Map<String, Object> launchWith(String field, Object value) {
        Map<String, Object> launch = new HashMap<>(aLaunchRequest(anyPersonId()));
        launch.put(field, value);
        return launch;
    }

    @Test
    void every_unknown_field_is_a_422_naming_it() {
        Map<String, Object> launch = launchWith("targetDat", "2027-06-30");
        launch.put("sponsor", Map.of("personId", anyPersonId(), "displayName", "Sam", "unit", "exec",
                "role", "Sponsor", "nickname", "S"));

        given().contentType(ContentType.JSON).body(launch).post("/api/v1/initiatives").then()
                .statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("targetDat", "sponsor.nickname"))
                .body("errors.message", contains("is not a field of this request", "is not a field of this request"));
    }

    @Test
    void a_misspelt_optional_field_of_a_conversation_is_422() {
        String id = aLaunchedInitiative();
        post("/api/v1/initiatives/" + id + "/relationships",
                "{\"participants\":[\"a\",\"b\"],\"mutualUnderstanding\":\"x\",\"ocurredAt\":\"2026-01-01T00:00:00Z\"}")
                .statusCode(422)
                .body("errors.field", contains("ocurredAt"));
    }

    @Test
    void a_number_where_text_belongs_is_refused_naming_the_field() {
        given().contentType(ContentType.JSON).body(launchWith("sponsor", Map.of("personId", anyPersonId(),
                        "displayName", "Sam", "unit", "exec", "role", 5)))
                .post("/api/v1/initiatives").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("sponsor.role"));
        given().contentType(ContentType.JSON).body(launchWith("title", true)).post("/api/v1/initiatives").then()
                .statusCode(400).body("errors.field", contains("title"));
        given().contentType(ContentType.JSON).body(launchWith("units", List.of("exec", 7)))
                .post("/api/v1/initiatives").then()
                .statusCode(400).body("errors.field", contains("units[1]"));
    }

    @Test
    void other_wrong_json_types_are_400_naming_the_field() {
        given().contentType(ContentType.JSON).body(launchWith("units", "exec")).post("/api/v1/initiatives").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("units"));
        given().contentType(ContentType.JSON).body(launchWith("sponsor", List.of("Sam")))
                .post("/api/v1/initiatives").then()
                .statusCode(400).body("errors.field", contains("sponsor"));
        given().contentType(ContentType.JSON).body(launchWith("strategy", Map.of("text", "x")))
                .post("/api/v1/initiatives").then()
                .statusCode(400).body("errors.field", contains("strategy"));
    }

    @Test
    void a_body_without_a_content_type_is_415() {
        given().body("{\"title\":\"Grow\"}".getBytes()).post("/api/v1/initiatives").then()
                .statusCode(415).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(415));
    }

    @Test
    void a_405_names_the_methods_the_resource_has() {
        given().put("/api/v1/initiatives").then()
                .statusCode(405).contentType(startsWith("application/problem+json"))
                .header("Allow", equalTo("GET, HEAD, POST"));
        given().put("/api/v1/initiatives/{id}/participants/{personId}", aLaunchedInitiative(), "ana").then()
                .statusCode(405)
                .header("Allow", equalTo("DELETE"));
    }
}
