package dev.accord.eventstore;

import dev.accord.testing.AccordInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commands do not depend on the broker: they succeed while it is down and flow once it is back. */
@QuarkusTest
class KafkaOutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Test
    void commands_succeed_while_kafka_is_down_and_the_backlog_drains_when_it_is_back() {
        AtomicReference<String> initiative = new AtomicReference<>();
        AccordInfrastructure.withKafkaDown(() -> {
            String id = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
            join(id, person(anyPersonId(), "sales")).statusCode(200);
            initiative.set(id);
            assertEquals(2, unsent(id), "both events wait in the outbox while the broker is away");
        });
        String id = initiative.get();

        assertEquals(2, TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> id.equals(record.key()), 2, Duration.ofSeconds(90)).size(), "the backlog drained");
        assertEquals(0, unsent(id));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            status = given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}", id).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "the projection caught up");
        assertTrue(given().get("/q/health/ready").statusCode() == 200);
    }

    private long unsent(String initiativeId) {
        return pool.preparedQuery("select count(*) as unsent from outbox where initiative_id = $1 and sent_at is null")
                .execute(Tuple.of(UUID.fromString(initiativeId)))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("unsent");
    }
}
