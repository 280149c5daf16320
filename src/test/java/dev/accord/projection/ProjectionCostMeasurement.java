package dev.accord.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What projecting costs the database per event in the steady state, as a count rather than a
 * timing: the transactions PostgreSQL committed (pg_stat_database) while commands arrive at a
 * steady pace, spread Zipf-like over many initiatives, until both read models show them all.
 * The figure includes the commands' own transactions, which the projection does not change, so
 * it compares builds, not layers. Not a check: run it by hand, before and after a change, with
 * {@code -Daccord.measure.projection=true -Dtest=ProjectionCostMeasurement}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "accord.measure.projection", matches = "true")
class ProjectionCostMeasurement {

    private static final int INITIATIVES = Integer.getInteger("accord.measure.initiatives", 200);
    private static final int COMMANDS = Integer.getInteger("accord.measure.commands", 1500);
    private static final int PER_SECOND = Integer.getInteger("accord.measure.rate", 100);

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Test
    void counts_the_transactions_per_projected_event_at_a_steady_pace() throws Exception {
        List<String> initiatives = new ArrayList<>();
        for (int i = 0; i < INITIATIVES; i++) {
            initiatives.add(aLaunchedInitiative());
        }
        awaitProjected(initiatives, INITIATIVES);
        ProjectionResilienceTest.sleep(2000);
        double idlePerSecond = idleTransactionsPerSecond();

        long before = committed();
        long detailsWritesBefore = rowWrites("initiative_view");
        long alignmentWritesBefore = rowWrites("alignment_view");
        double pollsBefore = polls();
        long started = System.nanoTime();
        Random random = new Random(42);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            String id = initiatives.get(zipf(random, initiatives.size()));
            long due = started + i * 1_000_000_000L / PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sent.add(clients.submit(() -> join(id, person(anyPersonId(), "sales")).statusCode(200)));
        }
        for (Future<?> one : sent) {
            one.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        awaitProjected(initiatives, INITIATIVES + COMMANDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        long transactions = committed() - before;
        double load = transactions - idlePerSecond * seconds;
        // a catch-up writes its row once (a snapshot every 500 events adds one): row writes count catch-ups
        long detailsWrites = rowWrites("initiative_view") - detailsWritesBefore;
        long alignmentWrites = rowWrites("alignment_view") - alignmentWritesBefore;
        double polls = polls() - pollsBefore;
        System.out.printf("%nPROJECTION COST: %d commands at %d/s over %d initiatives in %.1f s: %d transactions"
                        + " committed (idle %.1f/s), %.2f per command without the idle ones; row writes per event:"
                        + " details %.3f, alignment %.3f; polls %s (%s records per poll)%n",
                COMMANDS, PER_SECOND, INITIATIVES, seconds, transactions, idlePerSecond, load / COMMANDS,
                (double) detailsWrites / COMMANDS, (double) alignmentWrites / COMMANDS,
                Double.isNaN(polls) ? "not counted" : String.format("%.0f", polls),
                Double.isNaN(polls) ? "-" : String.format("%.2f", COMMANDS / polls));
        assertTrue(transactions > 0);
    }

    private long rowWrites(String table) {
        return pool.preparedQuery("select n_tup_ins + n_tup_upd as writes from pg_stat_user_tables where relname = $1")
                .execute(Tuple.of(table)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("writes");
    }

    /** Polls the projection took so far; NaN where it takes records one at a time. */
    private double polls() {
        var batches = registry.find("accord.projection.batch.records").summary();
        return batches == null ? Double.NaN : batches.count();
    }

    /** Index into {@code n} items, the first the most popular (s = 1). */
    private static int zipf(Random random, int n) {
        double total = 0;
        for (int k = 1; k <= n; k++) {
            total += 1.0 / k;
        }
        double pick = random.nextDouble() * total;
        for (int k = 1; k <= n; k++) {
            pick -= 1.0 / k;
            if (pick <= 0) {
                return k - 1;
            }
        }
        return n - 1;
    }

    private double idleTransactionsPerSecond() {
        long before = committed();
        long started = System.nanoTime();
        ProjectionResilienceTest.sleep(5000);
        return (committed() - before) / ((System.nanoTime() - started) / 1e9);
    }

    private long committed() {
        // a backend reports its counts when it goes idle, at most every 500 ms
        ProjectionResilienceTest.sleep(1200);
        return pool.query("select pg_stat_clear_snapshot()").execute()
                .chain(() -> pool.query("select xact_commit from pg_stat_database where datname = current_database()")
                        .execute())
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("xact_commit");
    }

    /** Waits until both read models hold {@code events} events of these initiatives in all. */
    private void awaitProjected(List<String> initiatives, long events) {
        UUID[] ids = initiatives.stream().map(UUID::fromString).toArray(UUID[]::new);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            long details = sum("initiative_view", ids);
            long alignment = sum("alignment_view", ids);
            if (details >= events && alignment >= events) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "projected " + details + " / " + alignment + " of " + events);
            ProjectionResilienceTest.sleep(200);
        }
    }

    private long sum(String table, UUID[] ids) {
        return pool.preparedQuery("select coalesce(sum(version), 0) as total from " + table
                        + " where initiative_id = any($1)")
                .execute(Tuple.of(ids)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("total");
    }
}
