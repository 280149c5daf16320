package dev.accord.operations;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.everyItem;

@QuarkusTest
class OperationsTest {

    @Test
    void liveness_is_up() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_names_each_dependency_it_checks() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "kafka", "outbox", "projection-consumer"))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void the_openapi_document_and_swagger_ui_are_served() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/initiatives"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void prometheus_metrics_include_commands_and_the_outbox_backlog() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("accord_outbox_backlog"));
    }
}
