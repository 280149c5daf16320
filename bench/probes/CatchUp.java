import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the read models need, after a burst of writes ends, until they show every event
 * recorded: run it the moment a burst ends, or let it make the burst itself.
 * <pre>
 *   CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*:target/quarkus-app/quarkus-run.jar"
 *   javac -d bench/target/probes -cp "$CP" bench/probes/*.java
 *   java -cp "bench/target/probes:$CP" CatchUp --base http://127.0.0.1:8080
 *       [--burst-seconds 15 --seed-file bench/target/seed.txt [--concurrency 64]]
 *       [--jdbc --pg-port N --pg-password P [--pg-user accord]] [--timeout-seconds 300] [--smoke]
 * </pre>
 * With {@code --burst-seconds}, it first sends relationships among the seeded initiatives' participants
 * (Seed.java's file) from {@code --concurrency} closed-loop clients for that long. The clock starts
 * when the burst ends (when the probe starts, without one). It then asks, every 20 ms, how many
 * recorded events each read model has not applied: {@code lagEvents} of every projection in
 * {@code GET /api/v1/admin/projections/status} (an exact count: the events of {@code event_store}
 * above each initiative's version in the read model's table), or with {@code --jdbc} the same
 * count straight from PostgreSQL for {@code alignment_view} and {@code initiative_view}. It stops
 * when both are 0: {@code catchup_seconds} is the middle of that last question's round trip (0
 * when nothing lagged at the start) and {@code catchup_resolution_ms} its length, the uncertainty.
 * Also {@code catchup_initial_lag_events} and, with a
 * burst, {@code catchup_burst_commands} and {@code catchup_burst_rate}. Smoke: a 2 s burst of 16 clients
 * when a seed file is given.
 */
public class CatchUp {

    static final String LAG = "select count(*) from event_store e left join %s v on v.initiative_id = e.initiative_id"
            + " where e.version > coalesce(v.version, 0)";

    public static void main(String[] args) {
        Probe.main("CatchUp", () -> run(Probe.of(args)));
    }

    static void run(Probe probe) throws Exception {
        long burstSeconds = probe.number("burst-seconds", 0, probe.has("seed-file") ? 2 : 0);
        if (burstSeconds > 0) {
            burst(probe, Seed.read(Path.of(probe.required("seed-file"))), burstSeconds,
                    (int) probe.number("concurrency", 64, 16));
        }
        long timeout = probe.number("timeout-seconds", 300, 60) * 1_000_000_000L;
        long start = System.nanoTime();
        try (Connection connection = probe.has("jdbc") ? probe.database() : null) {
            long initial = -1;
            while (true) {
                long asked = System.nanoTime();
                long lag = connection != null ? lag(connection) : lag(probe);
                long answered = System.nanoTime();
                if (initial < 0) {
                    initial = lag;
                    Probe.log("%d events not yet applied when the clock started", lag);
                }
                if (lag == 0) {
                    // Nothing lagged at some instant between asking and the answer: count the middle.
                    double caughtUp = initial == 0 ? 0 : ((asked + answered) / 2 - start) / 1e9;
                    Probe.figure("catchup_seconds", caughtUp, "s");
                    Probe.figure("catchup_resolution_ms", (answered - asked) / 1e6, "ms");
                    Probe.figure("catchup_initial_lag_events", initial, "count");
                    return;
                }
                if (answered - start > timeout) {
                    throw new IllegalStateException(lag + " events still not applied after " + timeout / 1e9 + " s");
                }
                Thread.sleep(20);
            }
        }
    }

    /** The events recorded and not applied, summed over the read models, from the status endpoint. */
    static long lag(Probe probe) {
        JsonNode report = probe.get("/admin/projections/status", 200);
        long lag = 0;
        for (JsonNode projection : report.path("projections")) {
            lag += projection.path("lagEvents").asLong();
        }
        if (report.path("projections").isEmpty()) {
            throw new IllegalStateException("the status names no projection: " + report);
        }
        return lag;
    }

    /** The same count as the status endpoint, straight from the read models' tables. */
    static long lag(Connection connection) throws Exception {
        long lag = 0;
        try (Statement statement = connection.createStatement()) {
            for (String table : List.of("alignment_view", "initiative_view")) {
                try (ResultSet rows = statement.executeQuery(String.format(LAG, table))) {
                    rows.next();
                    lag += rows.getLong(1);
                }
            }
        }
        return lag;
    }

    /** Closed-loop clients, each sending its next relationship when the last one answered, until the time is up. */
    static void burst(Probe probe, List<Seed.Seeded> seeded, long seconds, int clients) {
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<?>[] running = new CompletableFuture<?>[clients];
        for (int c = 0; c < clients; c++) {
            running[c] = client(probe, seeded, end, ok, failed);
        }
        CompletableFuture.allOf(running).join();
        double took = (System.nanoTime() - started) / 1e9;
        Probe.log("burst: %d commands answered 2xx, %d not, in %.1f s from %d clients", ok.get(), failed.get(), took,
                clients);
        Probe.figure("catchup_burst_commands", ok.get(), "count");
        Probe.figure("catchup_burst_rate", ok.get() / took, "1/s");
    }

    private static CompletableFuture<Void> client(Probe probe, List<Seed.Seeded> seeded, long end, AtomicLong ok,
                                                  AtomicInteger failed) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Seed.Seeded target = seeded.get(random.nextInt(seeded.size()));
        List<String> two = HistoryLength.pick(target.people(), 2, new java.util.Random(random.nextLong()));
        return probe.http().sendAsync(probe.postRequest("/initiatives/" + target.initiativeId() + "/relationships",
                        Probe.relationship(two, "Burst conversation")), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    return null;
                })
                .thenCompose(answered -> client(probe, seeded, end, ok, failed));
    }
}
