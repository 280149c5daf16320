package dev.accord.operations;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness follows the projection lag: with a threshold of two events, an initiative parked
 * with three events behind it takes the replica out of traffic, and releasing it brings the
 * replica back.
 */
@QuarkusTest
@TestProfile(LagReadinessTest.TwoEventsOfLag.class)
class LagReadinessTest {

    public static class TwoEventsOfLag implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("accord.readiness.max-lag-events", "2", "accord.readiness.max-lag-seconds", "1h");
        }
    }

    @Inject
    Pool pool;

    @Test
    void readiness_is_down_while_a_read_model_lags_past_the_threshold_and_up_once_it_caught_up() {
        awaitReadiness(ready -> ready.getString("status").equals("UP"), "UP before the test");
        execute("alter table initiative_view add constraint lagging_title check (title not like 'Lagging%') not valid");
        String parked;
        try {
            Map<String, Object> launch = new HashMap<>(aLaunchRequest(anyPersonId()));
            launch.put("title", "Lagging pilot " + UUID.randomUUID());
            parked = launch(launch).statusCode(201).extract().path("initiativeId");
            join(parked, person(anyPersonId(), "sales")).statusCode(200);
            join(parked, person(anyPersonId(), "finance")).statusCode(200);

            JsonPath down = awaitReadiness(ready -> ready.getString("status").equals("DOWN"), "DOWN on lag");
            String reason = down.getString("checks.find { it.name == 'projection-consumer' }.data.reason");
            assertEquals("DOWN", down.getString("checks.find { it.name == 'projection-consumer' }.status"));
            assertTrue(reason.contains("read model initiative-details is 3 events behind the store"), reason);
            assertTrue(reason.contains("accord.readiness.max-lag-events=2"), reason);
            assertEquals("UP", down.getString("checks.find { it.name == 'database' }.status"),
                    "only the projection check is down");
        } finally {
            execute("alter table initiative_view drop constraint if exists lagging_title");
        }
        given().post("/api/v1/admin/projections/parked/{id}/retry", parked).then().statusCode(200)
                .body("parked", equalTo(false));
        awaitReadiness(ready -> ready.getString("status").equals("UP"), "UP once caught up");
    }

    private static JsonPath awaitReadiness(Predicate<JsonPath> reached, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonPath ready = given().get("/q/health/ready").then().extract().jsonPath();
            if (reached.test(ready)) {
                return ready;
            }
            assertFalse(System.nanoTime() > deadline, "readiness not " + what + ": " + ready.prettify());
            PrometheusScrape.pause(Duration.ofMillis(250));
        }
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10));
    }
}
