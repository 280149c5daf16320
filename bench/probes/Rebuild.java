import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * The rate of a rebuild of every read model from the event store.
 * <pre>
 *   CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*:target/quarkus-app/quarkus-run.jar"
 *   javac -d bench/target/probes -cp "$CP" bench/probes/*.java
 *   java -cp "bench/target/probes:$CP" Rebuild --base http://127.0.0.1:8080 --pg-port N --pg-password P
 *       [--pg-user accord] [--events 1000000] [--per-initiative 20000] [--people 200] [--smoke]
 * </pre>
 * Writes {@code --events} valid events straight into {@code event_store} with COPY (History.java:
 * initiatives of {@code --per-initiative} events among {@code --people} participants, every
 * conversation kind), not through the API and not into the outbox, so the live projection never
 * sees them. Then {@code POST /api/v1/admin/projections/rebuild} (every initiative) and polls
 * {@code GET …/rebuild/{id}} every 50 ms until DONE, twice. The first rebuild is also the first
 * projection of the written initiatives: it publishes each one's first state and every signal
 * of it on the topics (about one record per five events of this mix). The second is the rebuild
 * an operator runs on read models that are projected and published already, which republishes
 * nothing; the target is judged on it. A rebuild that fails, or any initiative parked afterwards
 * ({@code GET /api/v1/admin/projections}), fails the probe.
 * <p>
 * Figures: {@code rebuild_events} (every event in the store when the rebuilds started: each folds
 * them all, those already there included), {@code rebuild_first_seconds} and
 * {@code rebuild_first_events_per_second} (the first rebuild, from the POST to DONE),
 * {@code rebuild_seconds} and {@code rebuild_events_per_second} (the second),
 * {@code rebuild_written_events} (this run's) and {@code rebuild_write_seconds}. Smoke: 10,000
 * events in initiatives of 2,000.
 */
public class Rebuild {

    public static void main(String[] args) {
        Probe.main("Rebuild", () -> run(Probe.of(args)));
    }

    static void run(Probe probe) throws Exception {
        long events = probe.number("events", 1_000_000, 10_000);
        int perInitiative = (int) probe.number("per-initiative", 20_000, 2_000);
        int people = (int) probe.number("people", 200, 50);
        long storeEvents;
        try (Connection connection = probe.database()) {
            long writeStart = System.nanoTime();
            long written = 0;
            for (int n = 0; written < events; n++) {
                int size = (int) Math.min(perInitiative, events - written);
                written += History.write(connection, History.generate(UUID.randomUUID(), Math.min(people, size), size,
                        n));
                Probe.log("  written %d of %d events", written, events);
            }
            double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
            Probe.log("wrote %d events in %.1f s", written, writeSeconds);
            Probe.figure("rebuild_written_events", written, "count");
            Probe.figure("rebuild_write_seconds", writeSeconds, "s");
            storeEvents = count(connection);
        }
        Probe.figure("rebuild_events", storeEvents, "count");
        double first = timedRebuild(probe, "first");
        Probe.figure("rebuild_first_seconds", first, "s");
        Probe.figure("rebuild_first_events_per_second", storeEvents / first, "1/s");
        double again = timedRebuild(probe, "again");
        Probe.figure("rebuild_seconds", again, "s");
        Probe.figure("rebuild_events_per_second", storeEvents / again, "1/s");
    }

    /** One rebuild of every read model, from the POST to DONE, in seconds; fails if any initiative parked. */
    static double timedRebuild(Probe probe, String which) throws Exception {
        long start = System.nanoTime();
        JsonNode done = probe.rebuild(null, Duration.ofHours(2));
        double seconds = (System.nanoTime() - start) / 1e9;
        Probe.log("rebuild (%s) done in %.1f s: %s", which, seconds, done);
        probe.requireNothingParked();
        return seconds;
    }

    static long count(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from event_store")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
