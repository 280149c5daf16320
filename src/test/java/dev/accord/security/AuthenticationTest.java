package dev.accord.security;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.accord.eventstore.TopicReader;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identity and roles as a deployment runs them: tokens signed by the test issuer, checked per request. */
@QuarkusTest
@TestProfile(AuthenticationOn.class)
class AuthenticationTest {

    private static final String INITIATIVES = "/api/v1/initiatives";
    private static final String ADMIN = "/api/v1/admin/projections";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/")
    URL base;

    @Test
    void a_request_without_a_token_is_401_with_a_bearer_challenge_as_a_problem() {
        unauthenticated(given().get(INITIATIVES).then())
                .header("WWW-Authenticate", equalTo("Bearer realm=\"accord\""))
                .body("detail", containsString("bearer token is required"));
        unauthenticated(given().contentType(ContentType.JSON).body(aLaunchRequest(anyPersonId()))
                .post(INITIATIVES).then());
        unauthenticated(given().get(ADMIN).then());
    }

    @Test
    void an_expired_token_is_401() {
        refusedToken(Tokens.expired(anyPersonId(), Role.READ));
    }

    @Test
    void a_token_signed_with_another_key_is_401() {
        refusedToken(Tokens.signedWithAnotherKey(anyPersonId(), Role.READ));
    }

    @Test
    void a_token_from_another_issuer_or_for_another_audience_is_401() {
        refusedToken(Tokens.fromIssuer("https://elsewhere.test", anyPersonId(), Role.READ));
        refusedToken(Tokens.forAudience("someone-else", anyPersonId(), Role.READ));
    }

    @Test
    void a_token_that_is_not_a_jwt_is_401() {
        refusedToken("not-a-jwt");
    }

    @Test
    void the_read_role_cannot_send_a_command() {
        forbidden(as(Tokens.of(anyPersonId(), Role.READ)).contentType(ContentType.JSON)
                .body(aLaunchRequest(anyPersonId())).post(INITIATIVES).then())
                .body("detail", containsString("accord.write"));
    }

    @Test
    void the_write_role_has_its_commands_accepted_and_cannot_read() {
        String writer = Tokens.of(anyPersonId(), Role.WRITE);
        String id = launchAs(writer);
        as(writer).contentType(ContentType.JSON).body(person(anyPersonId(), "sales"))
                .post(INITIATIVES + "/{id}/participants", id).then().statusCode(200);
        forbidden(as(writer).get(INITIATIVES + "/{id}/events", id).then());
    }

    @Test
    void the_read_role_reads_and_opens_the_alignment_stream() throws IOException {
        String id = launchAs(Tokens.of(anyPersonId(), Role.WRITE));
        String reader = Tokens.of(anyPersonId(), Role.READ);
        as(reader).get(INITIATIVES).then().statusCode(200);
        as(reader).queryParam("minVersion", 1).get(INITIATIVES + "/{id}", id).then().statusCode(200);
        as(reader).get(INITIATIVES + "/{id}/events", id).then().statusCode(200);

        assertEquals(200, streamStatus(id, reader));
        assertEquals(401, streamStatus(id, null));
        assertEquals(403, streamStatus(id, Tokens.of(anyPersonId(), Role.WRITE)));
    }

    @Test
    void the_admin_endpoints_need_the_admin_role_which_grants_nothing_else() {
        forbidden(as(Tokens.of(anyPersonId(), Role.READ, Role.WRITE)).get(ADMIN).then())
                .body("detail", containsString("accord.admin"));
        forbidden(as(Tokens.of(anyPersonId(), Role.READ, Role.WRITE)).contentType(ContentType.JSON).body("{}")
                .post(ADMIN + "/rebuild").then());
        String admin = Tokens.of(anyPersonId(), Role.ADMIN);
        as(admin).get(ADMIN).then().statusCode(200);
        forbidden(as(admin).get(INITIATIVES).then());
    }

    @Test
    void the_tokens_subject_is_the_actor_of_the_events_on_the_api_and_on_kafka() {
        String subject = "ana@accord.test";
        String writer = Tokens.of(subject, Role.WRITE);
        String id = launchAs(writer);
        as(Tokens.of("bo@accord.test", Role.WRITE)).contentType(ContentType.JSON).body(person(anyPersonId(), "sales"))
                .post(INITIATIVES + "/{id}/participants", id).then().statusCode(200);

        as(Tokens.of(anyPersonId(), Role.READ)).get(INITIATIVES + "/{id}/events", id).then()
                .statusCode(200)
                .body("actor", equalTo(List.of(subject, "bo@accord.test")));

        List<ConsumerRecord<String, String>> records = TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> id.equals(record.key()), 2, Duration.ofSeconds(30));
        assertEquals(List.of(subject, "bo@accord.test"), records.stream().map(r -> header(r, "ce_actor")).toList());
    }

    @Test
    void a_person_reads_their_own_engagement_without_the_read_role_and_nobody_elses() {
        String sponsor = anyPersonId();
        launchAs(Tokens.of(anyPersonId(), Role.WRITE), sponsor);
        String own = Tokens.of(sponsor);
        // The people view is filled by the projection: wait until it names the sponsor.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = as(own).get("/api/v1/people/{personId}/engagement", sponsor).then().extract().statusCode();
        } while (status == 404 && System.nanoTime() < deadline && pause());
        assertEquals(200, status, "the sponsor reading their own engagement");
        forbidden(as(own).get("/api/v1/people/{personId}/engagement", anyPersonId()).then());
        forbidden(as(own).get(INITIATIVES).then());
    }

    @Test
    void health_and_metrics_stay_open_to_the_platform() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static String launchAs(String token) {
        return launchAs(token, anyPersonId());
    }

    private static String launchAs(String token, String sponsor) {
        return as(token).contentType(ContentType.JSON).body(aLaunchRequest(sponsor)).post(INITIATIVES).then()
                .statusCode(201).extract().path("initiativeId");
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    private static ValidatableResponse unauthenticated(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://accord.dev/problems/unauthenticated"))
                .body("status", equalTo(401));
    }

    private static ValidatableResponse forbidden(ValidatableResponse response) {
        return response.statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://accord.dev/problems/forbidden"))
                .body("status", equalTo(403));
    }

    private static void refusedToken(String token) {
        unauthenticated(as(token).get(INITIATIVES).then())
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
    }

    private int streamStatus(String initiativeId, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base,
                "api/v1/initiatives/" + initiativeId + "/alignment/stream").openConnection();
        connection.setRequestProperty("Accept", "text/event-stream");
        if (token != null) {
            connection.setRequestProperty("Authorization", Tokens.bearer(token));
        }
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(15_000);
        try {
            int status = connection.getResponseCode();
            if (status == 200) {
                assertTrue(connection.getContentType().startsWith("text/event-stream"), connection.getContentType());
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
