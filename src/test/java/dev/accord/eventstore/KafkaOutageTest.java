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
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Commands do not depend on the broker: they succeed while it is down, the relay holds no
 * transaction longer than its bound meanwhile, and the events flow once the broker is back.
 */
@QuarkusTest
class KafkaOutageTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "accord.relay.transaction-timeout")
    Duration transactionBound;

    @Inject
    Pool pool;

    @Test
    void commands_succeed_while_kafka_is_down_and_the_backlog_drains_when_it_is_back() {
        AtomicReference<String> initiative = new AtomicReference<>();
        AccordInfrastructure.withKafkaDown(() -> {
            String id = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
            join(id, person(anyPersonId(), "sales")).statusCode(200);
            initiative.set(id);
            assertEquals(2, outboxRows(id), "both events wait in the outbox while the broker is away");

            // Long enough for the relay to try, fail, and try again while the rows wait.
            Duration longest = longestTransactionWithin(transactionBound.multipliedBy(2));
            assertTrue(longest.compareTo(transactionBound) <= 0,
                    "a transaction stayed open " + longest.toMillis() + " ms while Kafka was down");
            assertEquals(2, outboxRows(id), "a failed round deletes no row the broker did not acknowledge");
            assertBacklogGaugeCountsTheWaitingRows();
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'kafka' }.data.reason", not(emptyOrNullString()))
                    .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        });
        String id = initiative.get();

        assertEquals(2, TopicReader.await(bootstrapServers, "accord.alignment.events",
                record -> id.equals(record.key()), 2, Duration.ofSeconds(90)).size(), "the backlog drained");
        assertEquals(0, awaitOutboxRowsGone(id), "published rows are deleted");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        do {
            status = given().queryParam("minVersion", 2).get("/api/v1/initiatives/{id}", id).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "the projection caught up");
        assertTrue(given().get("/q/health/ready").statusCode() == 200);
    }

    /** The age of the oldest open transaction of any other session, sampled every 100 ms. */
    private Duration longestTransactionWithin(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        double longest = 0;
        while (System.nanoTime() < deadline) {
            longest = Math.max(longest, pool.query("""
                            select coalesce(max(extract(epoch from clock_timestamp() - xact_start)), 0) as seconds
                              from pg_stat_activity
                             where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null""")
                    .execute().await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getDouble("seconds"));
            sleep(100);
        }
        return Duration.ofMillis((long) (longest * 1000));
    }

    private void assertBacklogGaugeCountsTheWaitingRows() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long waiting;
        double gauge;
        do {
            // the events' outbox and the alignment state's and signals'
            waiting = pool.query("select (select count(*) from outbox where sent_at is null)"
                            + " + (select count(*) from alignment_outbox where sent_at is null) as unsent")
                    .execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("unsent");
            gauge = backlogGauge();
        } while (gauge != waiting && System.nanoTime() < deadline && sleep(200));
        assertTrue(waiting >= 2, "rows wait: " + waiting);
        assertEquals(waiting, gauge, 0.0, "accord_outbox_backlog while Kafka is down");
    }

    private static double backlogGauge() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("accord_outbox_backlog"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no accord_outbox_backlog gauge"));
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The initiative's rows in the events' outbox: the relay deletes a row only once the broker acknowledged it. */
    private long outboxRows(String initiativeId) {
        return pool.preparedQuery("select count(*) as rows from outbox where initiative_id = $1")
                .execute(Tuple.of(UUID.fromString(initiativeId)))
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("rows");
    }

    /** The acknowledgement and the round's commit come a moment apart: the rows are gone once it commits. */
    private long awaitOutboxRowsGone(String initiativeId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long left = outboxRows(initiativeId);
        while (left > 0 && System.nanoTime() < deadline && sleep(100)) {
            left = outboxRows(initiativeId);
        }
        return left;
    }
}
