package dev.accord.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** The embedded default: authentication off, so no token is needed, none is looked at, and nobody is the actor. */
@QuarkusTest
class AuthenticationOffTest {

    @Test
    void with_authentication_off_any_or_no_token_is_let_through_and_events_have_no_actor() {
        String id = given().header("Authorization", "Bearer not-even-a-jwt").contentType(ContentType.JSON)
                .body(aLaunchRequest(anyPersonId())).post("/api/v1/initiatives")
                .then().statusCode(201).extract().path("initiativeId");
        given().get("/api/v1/admin/projections").then().statusCode(200);
        given().get("/api/v1/initiatives/{id}/events", id).then()
                .statusCode(200)
                .body("[0]", not(hasKey("actor")));
    }
}
