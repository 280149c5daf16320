package dev.accord.operations;

import dev.accord.readmodel.RowChanges;
import dev.accord.testing.AccordInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.launch;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** While PostgreSQL is away Accord says so at once, and it comes back by itself when the database does. */
@QuarkusTest
class PostgresOutageTest {

    @Inject
    Pool pool;

    private static final Duration FAST = Duration.ofMillis(2_500);

    @Test
    void commands_and_reads_answer_503_within_two_seconds_readiness_names_the_database_and_accord_recovers_alone() {
        String before = launch(aLaunchRequest(anyPersonId())).statusCode(201).extract().path("initiativeId");
        // Projected before the outage, so that a 503 below can only mean the database is away.
        details(before, 1).statusCode(200);

        AccordInfrastructure.withPostgresDown(() -> {
            for (int attempt = 0; attempt < 3; attempt++) {
                long started = System.nanoTime();
                Response command = given().contentType("application/json").body(aLaunchRequest(anyPersonId()))
                        .post("/api/v1/initiatives");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(503, command.statusCode(), command.asString());
                assertTrue(command.contentType().startsWith("application/problem+json"), command.contentType());
                assertTrue(took.compareTo(FAST) < 0, "a command was answered after " + took.toMillis() + " ms");

                started = System.nanoTime();
                Response read = given().get("/api/v1/initiatives/{id}", before);
                took = Duration.ofNanos(System.nanoTime() - started);
                assertEquals(503, read.statusCode(), read.asString());
                assertTrue(read.contentType().startsWith("application/problem+json"), read.contentType());
                assertTrue(took.compareTo(FAST) < 0, "a read was answered after " + took.toMillis() + " ms");
            }

            Response readiness = given().get("/q/health/ready");
            assertEquals(503, readiness.statusCode());
            Map<String, Object> database = check(readiness, "database");
            assertEquals("DOWN", database.get("status"));
            String reason = String.valueOf(((Map<?, ?>) database.get("data")).get("reason"));
            assertTrue(!reason.isBlank() && !reason.equals("null"), "the database check says why: " + database);
            assertEquals("UP", check(readiness, "kafka").get("status"), "only the database is named DOWN");
        });

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = launch(aLaunchRequest(anyPersonId())).extract().statusCode();
        } while (status != 201 && System.nanoTime() < deadline && pause());
        assertEquals(201, status, "commands succeed again without restarting Accord");
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            status = given().get("/api/v1/initiatives/{id}", before).statusCode();
        } while (status != 200 && System.nanoTime() < deadline && pause());
        assertEquals(200, status, "reads succeed again");

        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            status = given().get("/q/health/ready").statusCode();
        } while (status != 200 && System.nanoTime() < deadline && pause());
        assertEquals(200, status, "ready again: " + given().get("/q/health/ready").asString());

        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long listeners;
        do {
            listeners = pool.withConnection(connection -> connection.preparedQuery(
                            "select count(*) as listeners from pg_stat_activity where query ilike $1")
                    .execute(Tuple.of("LISTEN%" + RowChanges.CHANNEL + "%")))
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("listeners");
        } while (listeners == 0 && System.nanoTime() < deadline && pause());
        assertTrue(listeners > 0, "the alignment change subscriber listens again");
    }

    @Test
    void commands_in_flight_when_postgres_stops_are_answered_201_or_503_never_500() throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> notProblems = new CopyOnWriteArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            clients.submit(() -> {
                while (sending.get()) {
                    Response response = given().contentType("application/json").body(aLaunchRequest(anyPersonId()))
                            .post("/api/v1/initiatives");
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() != 201 && !response.contentType().startsWith("application/problem+json")) {
                        notProblems.add(response.statusCode() + " " + response.contentType());
                    }
                }
                return null;
            });
        }
        try {
            pause();
            AccordInfrastructure.withPostgresDown(PostgresOutageTest::pause);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int before = statuses.getOrDefault(201, 0);
            while (statuses.getOrDefault(201, 0) == before && System.nanoTime() < deadline && pause()) {
                // until a command succeeds again
            }
        } finally {
            sending.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertEquals(Set.of(201, 503), statuses.keySet(), "statuses seen: " + statuses);
        assertEquals(List.of(), notProblems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Response readiness, String name) {
        List<Map<String, Object>> checks = readiness.jsonPath().getList("checks");
        return checks.stream().filter(check -> name.equals(check.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check named " + name + " in " + readiness.asString()));
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
