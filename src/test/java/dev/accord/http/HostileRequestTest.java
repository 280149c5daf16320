package dev.accord.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a careless or hostile client sends: far dates, control characters, JSON that Jackson
 * would read loosely, empty headers. Each is a 4xx problem naming what is wrong, and nothing
 * of it is recorded.
 */
@QuarkusTest
class HostileRequestTest {

    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59-18:00";

    private static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body(not(containsString("Exception")));
    }

    private static RequestSpecification json(String body) {
        return given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** An initiative and its sponsor's id. */
    private record Launched(String id, String sponsor) {
    }

    private static Launched launched() {
        String sponsor = anyPersonId();
        String id = launch(aLaunchRequest(sponsor)).statusCode(201).extract().path("initiativeId");
        return new Launched(id, sponsor);
    }

    // ----- dates -----------------------------------------------------------------------------

    @Test
    void a_due_date_in_year_999999999_is_422_naming_due_by() {
        Launched initiative = launched();
        isProblem(given().contentType(ContentType.JSON)
                .body(Map.of("personId", initiative.sponsor(), "role", "Lead", "result", "Done", "dueBy", FAR_FUTURE))
                .post("/api/v1/initiatives/{id}/commitments", initiative.id()).then(), 422)
                .body("errors.field", hasItem("dueBy"));
    }

    @Test
    void an_as_of_beyond_year_9999_is_400_naming_as_of() {
        Launched initiative = launched();
        isProblem(given().queryParam("asOf", FAR_FUTURE)
                .get("/api/v1/initiatives/{id}/alignment", initiative.id()).then(), 400)
                .body("errors[0].field", equalTo("asOf"));
        isProblem(given().queryParam("asOf", "1899-12-31T23:59:59Z")
                .get("/api/v1/initiatives/{id}/recommendations", initiative.id()).then(), 400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void a_due_date_at_the_very_end_of_year_9999_is_recorded_and_projected() {
        Launched initiative = launched();
        int version = given().contentType(ContentType.JSON)
                .body(Map.of("personId", initiative.sponsor(), "role", "Lead", "result", "Done",
                        "dueBy", "9999-12-31T23:59:59Z"))
                .post("/api/v1/initiatives/{id}/commitments", initiative.id())
                .then().statusCode(201).extract().path("version");
        given().queryParam("minVersion", version).get("/api/v1/initiatives/{id}/alignment", initiative.id())
                .then().statusCode(200).body("version", equalTo(version));
        given().queryParam("minVersion", version).get("/api/v1/initiatives/{id}", initiative.id())
                .then().statusCode(200).body("version", equalTo(version));
    }

    @Test
    void a_conversation_before_the_launch_is_422() {
        Launched initiative = launched();
        isProblem(given().contentType(ContentType.JSON)
                .body(Map.of("personId", initiative.sponsor(), "role", "Lead", "result", "Done",
                        "dueBy", "2099-01-01T00:00:00Z", "occurredAt", "2000-01-01T00:00:00Z"))
                .post("/api/v1/initiatives/{id}/commitments", initiative.id()).then(), 422)
                .body("errors.field", hasItem("occurredAt"));
    }

    // ----- text and query parameters ----------------------------------------------------------

    @Test
    void nul_and_lone_surrogates_in_text_are_422_naming_the_field() {
        String sponsor = anyPersonId();
        String withNul = "{\"title\":\"a\\u0000b\",\"strategy\":\"lone \\ud800 half\",\"sponsor\":{\"personId\":\""
                + sponsor + "\",\"displayName\":\"Sam\",\"unit\":\"exec\",\"role\":\"Sponsor\"}}";
        isProblem(json(withNul).post("/api/v1/initiatives").then(), 422)
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("strategy"));
    }

    @Test
    void a_unit_query_with_nul_is_400_naming_unit() {
        isProblem(given().queryParam("unit", "\u0000").get("/api/v1/initiatives").then(), 400)
                .body("errors[0].field", equalTo("unit"));
        isProblem(given().queryParam("status", "ACTIVE\u0000").get("/api/v1/initiatives").then(), 400)
                .body("errors[0].field", equalTo("status"));
        isProblem(given().queryParam("page", "1\u0000").get("/api/v1/initiatives").then(), 400)
                .body("errors[0].field", equalTo("page"));
        isProblem(given().queryParam("band", "0").get("/api/v1/initiatives").then(), 400)
                .body("errors[0].field", equalTo("band"));
        isProblem(given().urlEncodingEnabled(false).queryParam("unit", "%C0%AF").get("/api/v1/initiatives").then(),
                400).body("errors[0].field", equalTo("unit"));
    }

    @Test
    void numbers_in_a_query_are_plain_ascii_digits() {
        String id = launched().id();
        for (String loose : new String[] {" 1", "+1", "\u0661", "1\u0000", "99999999999999999999"}) {
            isProblem(given().queryParam("minVersion", loose).get("/api/v1/initiatives/{id}", id).then(), 400)
                    .body("errors[0].field", equalTo("minVersion"));
        }
        isProblem(given().queryParam("limit", "\u0661").get("/api/v1/initiatives/{id}/events", id).then(), 400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void a_leave_reason_of_4000_characters_can_be_sent() {
        Launched initiative = launched();
        String ana = anyPersonId();
        join(initiative.id(), person(ana, "sales")).statusCode(200);
        given().queryParam("reason", "\u00e9\u20ac".repeat(2000))
                .delete("/api/v1/initiatives/{id}/participants/{personId}", initiative.id(), ana)
                .then().statusCode(200);
    }

    // ----- JSON read strictly -----------------------------------------------------------------

    @Test
    void a_duplicate_key_is_400_with_a_problem_body_on_every_command() {
        Launched initiative = launched();
        isProblem(json("{\"title\":\"a\",\"title\":\"b\"}").post("/api/v1/initiatives").then(), 400)
                .body("detail", containsString("title"));
        isProblem(json("{\"personId\":\"a\",\"personId\":\"b\"}")
                .post("/api/v1/initiatives/{id}/participants", initiative.id()).then(), 400);
        isProblem(json("{\"result\":\"a\",\"result\":\"b\"}")
                .post("/api/v1/initiatives/{id}/commitments", initiative.id()).then(), 400);
        isProblem(json("{\"participants\":[],\"participants\":[]}")
                .post("/api/v1/initiatives/{id}/relationships", initiative.id()).then(), 400);
    }

    @Test
    void content_after_the_json_is_400() {
        String body = "{\"personId\":\"" + anyPersonId() + "\",\"displayName\":\"A\",\"unit\":\"u\",\"role\":\"r\"}";
        isProblem(json(body + " {}").post("/api/v1/initiatives/{id}/participants", launched().id()).then(), 400);
        isProblem(json(body + "garbage").post("/api/v1/initiatives/{id}/participants", launched().id()).then(), 400);
    }

    @Test
    void an_enum_given_by_its_position_is_400_naming_the_field_and_the_choices() {
        Launched initiative = launched();
        String possibility = given().contentType(ContentType.JSON)
                .body(Map.of("statement", "Partners", "sharedBy", initiative.sponsor()))
                .post("/api/v1/initiatives/{id}/possibilities", initiative.id())
                .then().statusCode(201).extract().path("possibilityId");
        for (String stance : new String[] {"\"0\"", "0"}) {
            isProblem(json("{\"personId\":\"" + initiative.sponsor() + "\",\"stance\":" + stance + "}")
                    .post("/api/v1/initiatives/{id}/possibilities/{p}/responses", initiative.id(), possibility)
                    .then(), 400)
                    .body("errors[0].field", equalTo("stance"))
                    .body("detail", containsString("CO_CREATED"));
        }
    }

    @Test
    void an_overlong_utf8_sequence_is_400() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"title\":\"a".getBytes(StandardCharsets.UTF_8));
        body.write(0xC0);
        body.write(0xAF);
        body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
        isProblem(given().contentType("application/json").body(body.toByteArray())
                .post("/api/v1/initiatives").then(), 400).body("detail", containsString("UTF-8"));
    }

    @Test
    void deeply_nested_json_and_huge_numbers_are_400() {
        String deep = "{\"title\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        isProblem(json(deep).post("/api/v1/initiatives").then(), 400);
        String deepAndUnknown = "{\"extra\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}";
        isProblem(json(deepAndUnknown).post("/api/v1/initiatives").then(), 400)
                .body("detail", containsString("nested"));
        String longNumber = "{\"title\":" + "9".repeat(5000) + "}";
        isProblem(json(longNumber).post("/api/v1/initiatives").then(), 400);
    }

    @Test
    void a_number_or_boolean_where_text_belongs_is_400_naming_the_field() {
        Launched initiative = launched();
        isProblem(json("{\"personId\":\"" + anyPersonId() + "\",\"displayName\":\"A\",\"unit\":\"u\",\"role\":5}")
                .post("/api/v1/initiatives/{id}/participants", initiative.id()).then(), 400)
                .body("errors[0].field", equalTo("role"));
        isProblem(json("{\"declaredBy\":\"" + initiative.sponsor() + "\",\"summary\":false}")
                .post("/api/v1/initiatives/{id}/completion", initiative.id()).then(), 400)
                .body("errors[0].field", equalTo("summary"));
    }

    @Test
    void unknown_fields_are_422_naming_each_of_them() {
        String sponsor = anyPersonId();
        String body = "{\"title\":\"t\",\"strategy\":\"s\",\"targetdate\":\"2027-06-30\","
                + "\"sponsor\":{\"personId\":\"" + sponsor + "\",\"displayName\":\"Sam\",\"unit\":\"exec\","
                + "\"role\":\"Sponsor\",\"nick\":{\"a\":1}}}";
        isProblem(json(body).post("/api/v1/initiatives").then(), 422)
                .body("errors.field", hasItem("targetdate"))
                .body("errors.field", hasItem("sponsor.nick"));
    }

    @Test
    void a_body_without_a_content_type_is_415() throws Exception {
        Launched initiative = launched();
        String body = "{\"personId\":\"" + anyPersonId() + "\",\"displayName\":\"A\",\"unit\":\"u\",\"role\":\"r\"}";
        // java.net.http sends no Content-Type unless told to, unlike REST Assured.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/initiatives/" + initiative.id()
                                + "/participants"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, answer.statusCode(), answer.body());
        assertEquals(Optional.of("application/problem+json"), answer.headers().firstValue("Content-Type"));
    }

    // ----- the request line -------------------------------------------------------------------

    @Test
    void a_long_query_string_within_the_request_line_limit_is_read() {
        given().queryParam("pad", "u".repeat(40_000)).get("/api/v1/initiatives").then().statusCode(200);
    }

    // ----- headers ----------------------------------------------------------------------------

    @Test
    void an_empty_command_header_is_400_naming_it() {
        Launched initiative = launched();
        for (String header : new String[] {"If-Match", "Idempotency-Key", "X-Correlation-Id"}) {
            isProblem(given().contentType(ContentType.JSON).header(header, "")
                    .body(person(anyPersonId(), "sales"))
                    .post("/api/v1/initiatives/{id}/participants", initiative.id()).then(), 400)
                    .body("errors[0].field", equalTo(header));
        }
        isProblem(given().contentType(ContentType.JSON).header("If-Match", "\"1")
                .body(person(anyPersonId(), "sales"))
                .post("/api/v1/initiatives/{id}/participants", initiative.id()).then(), 400)
                .body("errors[0].field", equalTo("If-Match"));
        given().queryParam("minVersion", 1).get("/api/v1/initiatives/{id}", initiative.id())
                .then().statusCode(200).body("version", equalTo(1));
    }
}
