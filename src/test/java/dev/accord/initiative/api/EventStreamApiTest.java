package dev.accord.initiative.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.leave;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class EventStreamApiTest {

    @Test
    void the_stream_reads_back_as_structured_cloud_events_in_version_order() {
        String id = aLaunchedInitiative();
        String ana = anyPersonId();
        join(id, person(ana, "sales")).statusCode(200);
        leave(id, ana).statusCode(200);

        given().get("/api/v1/initiatives/{id}/events", id).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("", hasSize(3))
                .body("type", contains("accord.InitiativeLaunched.v1", "accord.ParticipantJoined.v1",
                        "accord.ParticipantLeft.v1"))
                .body("streamversion", contains(1, 2, 3))
                .body("specversion", everyItem(equalTo("1.0")))
                .body("source", everyItem(equalTo("/accord/alignment")))
                .body("subject", everyItem(equalTo(id)))
                .body("datacontenttype", everyItem(equalTo("application/json")))
                .body("[1].data.personId", equalTo(ana))
                .body("[1].data.initiativeId", equalTo(id))
                .body("[2].data.reason", nullValue())
                .header("Link", nullValue());
    }

    @Test
    void the_stream_pages_with_a_next_link() {
        String id = aLaunchedInitiative();
        for (int i = 0; i < 4; i++) {
            join(id, person(anyPersonId(), "sales")).statusCode(200);
        }
        given().queryParam("fromVersion", 2).queryParam("limit", 2).get("/api/v1/initiatives/{id}/events", id)
                .then().statusCode(200)
                .body("streamversion", contains(2, 3))
                .header("Link", containsString("fromVersion=4"))
                .header("Link", containsString("rel=\"next\""));
        given().queryParam("fromVersion", 4).queryParam("limit", 2).get("/api/v1/initiatives/{id}/events", id)
                .then().statusCode(200).body("streamversion", contains(4, 5));
        given().queryParam("fromVersion", 99).get("/api/v1/initiatives/{id}/events", id)
                .then().statusCode(200).body("", empty());
    }

    @Test
    void the_batch_media_type_is_offered_too() {
        String id = aLaunchedInitiative();
        given().accept("application/cloudevents-batch+json").get("/api/v1/initiatives/{id}/events", id)
                .then().statusCode(200).contentType(containsString("application/cloudevents-batch+json"));
    }

    @Test
    void an_unknown_initiative_or_bad_paging_is_a_problem() {
        given().get("/api/v1/initiatives/{id}/events", UUID.randomUUID()).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        String id = aLaunchedInitiative();
        given().queryParam("limit", 0).get("/api/v1/initiatives/{id}/events", id).then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        given().queryParam("fromVersion", "x").get("/api/v1/initiatives/{id}/events", id).then().statusCode(400);
    }
}
