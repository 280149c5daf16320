import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The cost of one command, and of projecting its event, on an initiative with a long history
 * against one with a short history and the same participants.
 * <pre>
 *   CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*:target/quarkus-app/quarkus-run.jar"
 *   javac -d bench/target/probes -cp "$CP" bench/probes/*.java
 *   java -cp "bench/target/probes:$CP" HistoryLength --base http://127.0.0.1:8080 [--events 20000]
 *       [--commands 300] [--people 200] [--direct --pg-port N --pg-password P [--pg-user accord]] [--smoke]
 * </pre>
 * Builds the long initiative ({@code --events} events, among {@code --people} participants) either
 * through the API (default: the participants join, then relationships and responses to ten
 * possibilities, 8 at once, sending again what
 * lost a race too often) or, with {@code --direct}, straight into {@code event_store} by JDBC
 * (History.java: a mix of every conversation kind) followed by a rebuild of that initiative's
 * read models. The fresh initiative is launched through the API with the same participants (about {@code --people}
 * events). Then one client, alternating between the two, sends {@code --commands} relationships to
 * each: "command" is the POST's time to its 2xx; "project" is, right after that 2xx, the time
 * until {@code GET …/alignment?minVersion=<receipt version>} answers 200 (the server holds it
 * until the read model has the event, answering 503 after 5 s: then it is asked again, for up to
 * a minute). Ten unmeasured commands on each warm up first.
 * <p>
 * Figures: {@code command_p50_fresh_ms}, {@code command_p50_long_ms}, {@code command_ratio_long_to_fresh},
 * the same for {@code project_*}, p99s, {@code long_history_events} and {@code long_history_direct}
 * (1 when written by JDBC). Smoke: 500 events, 20 commands, 20 people.
 */
public class HistoryLength {

    static final int WARM_UP = 10;

    record Target(String name, String initiativeId, List<String> people, List<Double> command, List<Double> project) {
        Target(String name, String initiativeId, List<String> people) {
            this(name, initiativeId, people, new ArrayList<>(), new ArrayList<>());
        }
    }

    public static void main(String[] args) {
        Probe.main("HistoryLength", () -> run(Probe.of(args)));
    }

    static void run(Probe probe) throws Exception {
        int events = (int) probe.number("events", 20_000, 500);
        int commands = (int) probe.number("commands", 300, 20);
        int peopleCount = (int) probe.number("people", 200, 20);
        boolean direct = probe.has("direct");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < peopleCount; i++) {
            people.add(History.personId(i));
        }
        long started = System.nanoTime();
        String longId = direct ? writeDirect(probe, peopleCount, events) : writeThroughApi(probe, people, events);
        long longVersion = currentVersion(probe, longId);
        Probe.log("long initiative %s: %d events (%s) in %.1f s", longId, longVersion,
                direct ? "written by JDBC, then a rebuild" : "through the API", (System.nanoTime() - started) / 1e9);
        String freshId = launch(probe, people, "fresh");
        Probe.log("fresh initiative %s: %d events", freshId, currentVersion(probe, freshId));

        Random random = new Random(7);
        List<Target> targets = List.of(new Target("fresh", freshId, people), new Target("long", longId, people));
        for (int i = 0; i < WARM_UP; i++) {
            for (Target target : targets) {
                measure(probe, target, random, i, false);
            }
        }
        for (int i = 0; i < commands; i++) {
            for (Target target : targets) {
                measure(probe, target, random, i, true);
            }
            if ((i + 1) % 50 == 0) {
                Probe.log("  %d of %d measured commands on each", i + 1, commands);
            }
        }
        Target fresh = targets.get(0);
        Target longer = targets.get(1);
        figures("command", fresh.command(), longer.command());
        figures("project", fresh.project(), longer.project());
        Probe.figure("long_history_events", longVersion, "count");
        Probe.figure("long_history_direct", direct ? 1 : 0, "bool");
    }

    static void figures(String what, List<Double> fresh, List<Double> longer) {
        double freshP50 = Probe.percentile(fresh, 50);
        double longP50 = Probe.percentile(longer, 50);
        Probe.figure(what + "_p50_fresh_ms", freshP50, "ms");
        Probe.figure(what + "_p50_long_ms", longP50, "ms");
        Probe.figure(what + "_p99_fresh_ms", Probe.percentile(fresh, 99), "ms");
        Probe.figure(what + "_p99_long_ms", Probe.percentile(longer, 99), "ms");
        Probe.figure(what + "_ratio_long_to_fresh", longP50 / freshP50, "ratio");
    }

    /** One relationship on the target, timed to its 2xx, then timed from there until the read model shows it. */
    static void measure(Probe probe, Target target, Random random, int n, boolean keep) {
        List<String> two = pick(target.people(), 2, random);
        long sent = System.nanoTime();
        JsonNode receipt = probe.post("/initiatives/" + target.initiativeId() + "/relationships",
                Probe.relationship(two, "Measured conversation " + n), 201);
        long answered = System.nanoTime();
        probe.awaitAlignment(target.initiativeId(), Probe.version(receipt), Duration.ofMinutes(1));
        long visible = System.nanoTime();
        if (keep) {
            target.command().add((answered - sent) / 1e6);
            target.project().add((visible - answered) / 1e6);
        }
    }

    static List<String> pick(List<String> people, int count, Random random) {
        List<String> shuffled = new ArrayList<>(people);
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, count));
    }

    static long currentVersion(Probe probe, String initiativeId) {
        return probe.get("/initiatives/" + initiativeId + "/alignment", 200).path("version").asLong();
    }

    /** Launches an initiative whose participants all join (16 joins at once) and waits for its read model. */
    static String launch(Probe probe, List<String> people, String name) {
        JsonNode receipt = probe.post("/initiatives", Probe.obj(
                "title", "History length: " + name,
                "strategy", "Measure the cost of a command at one history length",
                "sponsor", person(people.get(0), 0),
                "units", List.of(History.UNITS)), 201);
        String id = receipt.path("initiativeId").asText();
        long version = all(people.size() - 1, 16, i -> probe.postAsyncRetryingRaces(
                "/initiatives/" + id + "/participants", person(people.get(i + 1), i + 1), 200));
        probe.awaitAlignment(id, Math.max(version, Probe.version(receipt)), Duration.ofMinutes(5));
        return id;
    }

    static Object person(String personId, int index) {
        return Probe.obj("personId", personId, "displayName", "Person " + index,
                "unit", History.UNITS[index % History.UNITS.length], "role", index == 0 ? "Sponsor" : "Member");
    }

    /** Sends {@code count} requests, at most {@code concurrency} at once; answers the highest receipt version. */
    static long all(int count, int concurrency, java.util.function.IntFunction<CompletableFuture<JsonNode>> request) {
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<JsonNode>> sent = new ArrayList<>();
        long highest = 0;
        for (int i = 0; i < count; i++) {
            permits.acquireUninterruptibly();
            sent.add(request.apply(i).whenComplete((receipt, failure) -> permits.release()));
            if (sent.size() >= 1000) {
                highest = Math.max(highest, highest(sent));
                sent.clear();
            }
        }
        return Math.max(highest, highest(sent));
    }

    private static long highest(List<CompletableFuture<JsonNode>> sent) {
        return sent.stream().mapToLong(future -> Probe.version(future.join())).max().orElse(0);
    }

    /** Through the API: joins, ten possibilities, then relationships and responses to them, 8 at once. */
    static String writeThroughApi(Probe probe, List<String> people, int events) {
        String id = launch(probe, people, "long");
        String base = "/initiatives/" + id;
        List<String> possibilities = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            possibilities.add(probe.post(base + "/possibilities", Probe.obj(
                    "statement", "Possibility " + i, "sharedBy", people.get(i),
                    "audience", people.subList(10, Math.min(people.size(), 40))), 201).path("possibilityId").asText());
        }
        int conversations = Math.max(0, events - people.size() - possibilities.size());
        long started = System.nanoTime();
        long version = all(conversations, 8, n -> {
            Random random = new Random(n);
            if (n % 4 == 3) {
                return probe.postAsyncRetryingRaces(base + "/possibilities/" + possibilities.get(n % possibilities.size())
                        + "/responses", Probe.obj("personId", people.get(random.nextInt(people.size())),
                        "stance", "BUYS_IN", "note", "Response " + n), 200);
            }
            if (n > 0 && n % 1000 == 0) {
                Probe.log("  %d of %d conversations, %.0f/s", n, conversations, n / ((System.nanoTime() - started) / 1e9));
            }
            return probe.postAsyncRetryingRaces(base + "/relationships",
                    Probe.relationship(pick(people, 2, random), "Conversation " + n), 201);
        });
        probe.awaitAlignment(id, version, Duration.ofMinutes(10));
        return id;
    }

    /** By JDBC into event_store, then a rebuild of the initiative's read models. */
    static String writeDirect(Probe probe, int people, int events) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection connection = probe.database()) {
            History.write(connection, History.generate(id, people, events, 11));
        }
        JsonNode rebuilt = probe.rebuild(id.toString(), Duration.ofMinutes(30));
        Probe.log("rebuild done: %s", rebuilt);
        probe.requireNothingParked();
        return id.toString();
    }
}
