package dev.accord.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every client mistake gets a precise 4xx problem+json: never a 500, never a stack trace. */
@QuarkusTest
class ProblemAnswersTest {

    private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void malformed_json_is_400() {
        isProblem(given().contentType(ContentType.JSON).body("{\"title\": ").post("/api/v1/initiatives").then(), 400)
                .body("detail", containsString("malformed JSON"));
    }

    @Test
    void json_of_the_wrong_shape_is_400() {
        isProblem(given().contentType(ContentType.JSON).body("{\"title\": {\"nested\": true}}")
                .post("/api/v1/initiatives").then(), 400).body("detail", containsString("title"));
        isProblem(given().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/initiatives").then(), 400);
    }

    @Test
    void an_empty_body_is_400() {
        isProblem(given().contentType(ContentType.JSON).post("/api/v1/initiatives").then(), 400);
    }

    @Test
    void an_unknown_enum_value_is_400() {
        isProblem(given().queryParam("status", "PAUSED").get("/api/v1/initiatives").then(), 400)
                .body("detail", containsString("PAUSED"));
    }

    @Test
    void invalid_fields_are_422_with_every_error_listed() {
        Map<String, Object> body = Map.of("title", "", "strategy", "x".repeat(4001),
                "sponsor", Map.of("personId", "not valid!", "displayName", "S", "unit", "exec", "role", "Sponsor"),
                "units", java.util.List.of("exec"));
        isProblem(given().contentType(ContentType.JSON).body(body).post("/api/v1/initiatives").then(), 422)
                .body("errors.field", hasItems("title", "strategy", "sponsor.personId"))
                .body("errors[0].message", notNullValue());
    }

    @Test
    void a_body_over_256_kib_is_413() {
        String huge = "{\"title\":\"" + "x".repeat(300 * 1024) + "\"}";
        isProblem(given().contentType(ContentType.JSON).body(huge).post("/api/v1/initiatives").then(), 413);
    }

    @Test
    void a_body_far_over_the_limit_is_still_a_413_problem() {
        String huge = "{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        isProblem(given().contentType(ContentType.JSON).body(huge).post("/api/v1/initiatives").then(), 413);
    }

    @Test
    void a_chunked_body_over_256_kib_is_413() throws Exception {
        HttpResponse<String> response = postChunked("{\"title\":\"" + "x".repeat(300 * 1024) + "\"}");
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void a_chunked_body_within_the_limit_is_read_as_usual() throws Exception {
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(aLaunchRequest(anyPersonId()));
        HttpResponse<String> response = postChunked(body);
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("accord.InitiativeLaunched.v1"), response.body());
    }

    /** Sends the body without a length known up front, so it goes out chunked. */
    private static HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v1/initiatives"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        isProblem(given().contentType(ContentType.TEXT).body("title=Grow").post("/api/v1/initiatives").then(), 415);
        isProblem(given().contentType("application/xml").body("<a/>").post("/api/v1/initiatives").then(), 415);
    }

    @Test
    void an_unknown_initiative_is_404() {
        isProblem(given().get("/api/v1/initiatives/{id}", java.util.UUID.randomUUID()).then(), 404);
        isProblem(given().get("/api/v1/initiatives/not-a-uuid").then(), 404);
        isProblem(given().contentType(ContentType.JSON)
                .body(Map.of("personId", "ana", "displayName", "Ana", "unit", "sales", "role", "Member"))
                .post("/api/v1/initiatives/{id}/participants", java.util.UUID.randomUUID()).then(), 404);
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        isProblem(given().get("/api/v1/nothing-here").then(), 404);
    }

    @Test
    void an_unsupported_method_is_a_405_problem() {
        isProblem(given().put("/api/v1/initiatives").then(), 405);
    }

    @Test
    void state_conflicts_are_409() {
        String id = aLaunchedInitiative();
        Map<String, Object> ana = Map.of("personId", "ana", "displayName", "Ana", "unit", "sales", "role", "Member");
        given().contentType(ContentType.JSON).body(ana).post("/api/v1/initiatives/{id}/participants", id)
                .then().statusCode(200);
        isProblem(given().contentType(ContentType.JSON).body(ana)
                .post("/api/v1/initiatives/{id}/participants", id).then(), 409);
    }

    @Test
    void a_malformed_if_match_or_paging_parameter_is_400() {
        String id = aLaunchedInitiative();
        isProblem(given().contentType(ContentType.JSON).header("If-Match", "version seven")
                .body(Map.of("personId", anyPersonId(), "displayName", "A", "unit", "u", "role", "r"))
                .post("/api/v1/initiatives/{id}/participants", id).then(), 400);
        isProblem(given().queryParam("size", "0").get("/api/v1/initiatives").then(), 400);
        isProblem(given().queryParam("size", "many").get("/api/v1/initiatives").then(), 400);
        isProblem(given().queryParam("page", "-1").get("/api/v1/initiatives").then(), 400);
        isProblem(given().queryParam("minVersion", "x").get("/api/v1/initiatives/{id}", id).then(), 400);
    }

    @Test
    void a_rejected_command_writes_nothing() {
        String id = aLaunchedInitiative();
        isProblem(given().contentType(ContentType.JSON)
                .body(Map.of("personId", "bad id", "displayName", "A", "unit", "u", "role", "r"))
                .post("/api/v1/initiatives/{id}/participants", id).then(), 422);
        given().contentType(ContentType.JSON)
                .body(Map.of("personId", anyPersonId(), "displayName", "A", "unit", "u", "role", "r"))
                .post("/api/v1/initiatives/{id}/participants", id).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void launch_refuses_a_target_date_that_is_not_a_date() {
        Map<String, Object> body = new java.util.HashMap<>(aLaunchRequest(anyPersonId()));
        body.put("targetDate", "soon");
        isProblem(given().contentType(ContentType.JSON).body(body).post("/api/v1/initiatives").then(), 422)
                .body("errors[0].field", equalTo("targetDate"));
    }
}
