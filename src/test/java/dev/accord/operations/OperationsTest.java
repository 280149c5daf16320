package dev.accord.operations;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class OperationsTest {

    @Test
    void liveness_is_up() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_checks_the_database_kafka_and_the_outbox() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("outbox"))
                .body("checks.name.toString()", containsString("PostgreSQL"))
                .body("checks.name.toString()", containsString("Kafka"));
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
