package dev.accord.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accord.embedded.EmbeddedInfrastructure;
import dev.accord.embedded.EmbeddedSettings;
import dev.accord.faults.LoadClients.Receipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Two Accord replicas, each its own process, against one PostgreSQL and one Kafka, as the
 * Deployment in {@code k8s/} runs them: commands go to both, interleaved on the same
 * initiatives; each event is published once; both serve the same alignment; a stream opened on
 * one replica follows changes made through the other; and the alignment clock's overdue work
 * is done once.
 * <p>
 * "Done once", observably: when a commitment's due date passes, the stored alignment row
 * ({@code alignment_view}) must be evaluated again without any event (so the listing and
 * portfolio show it overdue). Both replicas run the clock; {@code AlignmentViews#refreshDue}
 * claims due rows with {@code FOR UPDATE SKIP LOCKED} and clears their {@code next_due_at}. So
 * across the two replicas {@code accord_alignment_clock_reevaluated_total} rises by exactly one
 * for that single due row, and no more in the rounds after it, while both replicas answer the
 * commitment as overdue, and one CommitmentOverdue signal is queued for it. (The events topic
 * must still hold exactly the events in the store: the clock publishes on the alignment topics.)
 */
class TwoReplicasIT {

    private static final String SCENARIO = "two-replicas";
    private static final Duration LOAD = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REEVALUATED = "accord_alignment_clock_reevaluated_total";

    private static EmbeddedInfrastructure infrastructure;
    private static final List<ServiceProcess> replicas = new ArrayList<>();
    private static final List<AccordHttp> https = new ArrayList<>();
    private static StoreInspector store;

    @BeforeAll
    static void start() {
        Path data = FaultEnvironment.target().resolve("faults").resolve(SCENARIO);
        FaultEnvironment.deleteRecursively(data);
        infrastructure = EmbeddedInfrastructure.start(EmbeddedSettings.onFreePorts(data));
        store = new StoreInspector(infrastructure.quarkusConfig());
        for (String name : List.of("a", "b")) {
            Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig());
            // Each replica is its own member of the one consumer group (the embedded default pins
            // a single static member id, which a second process would fence).
            config.put("mp.messaging.incoming.alignment-events.group.instance.id", "accord-replica-" + name);
            config.put("accord.alignment.refresh-interval", "1s");
            config.put("accord.projection.status-interval", "1s");
            ServiceProcess replica = ServiceProcess.start(FaultEnvironment.jar(), config,
                    FaultEnvironment.output().resolve(SCENARIO + "-" + name + "-service.log"));
            replicas.add(replica);
            https.add(new AccordHttp(replica.baseUri()));
        }
    }

    @AfterAll
    static void stop() {
        try {
            replicas.forEach(ServiceProcess::close);
        } finally {
            if (infrastructure != null) {
                infrastructure.stop();
            }
        }
    }

    @Test
    void two_replicas_share_commands_publication_reads_streams_and_the_clock() throws Exception {
        AccordHttp a = https.get(0);
        AccordHttp b = https.get(1);
        Figures figures = new Figures(SCENARIO);
        List<Receipt> receipts = new ArrayList<>();
        List<LoadClients.Target> targets = new ArrayList<>(LoadClients.launch(a, 4, receipts));
        targets.addAll(LoadClients.launch(b, 4, receipts));

        // Commands to both replicas at once, on the same eight initiatives.
        try (LoadClients toA = new LoadClients(a, targets, 4); LoadClients toB = new LoadClients(b, targets, 4)) {
            toA.start();
            toB.start();
            ServiceProcess.pause(LOAD);
            toA.stop();
            toB.stop();
            receipts.addAll(toA.receipts());
            receipts.addAll(toB.receipts());
            figures.put("receiptsThroughA", toA.receipts().size()).put("receiptsThroughB", toB.receipts().size());
            figures.check("both replicas accepted commands", !toA.receipts().isEmpty() && !toB.receipts().isEmpty(),
                    toA.receipts().size() + " through A, " + toB.receipts().size() + " through B");
            long errors = toA.count(outcome -> outcome.status() >= 500) + toB.count(outcome -> outcome.status() >= 500);
            figures.check("no 5xx from either replica", errors == 0, errors + " answers");
        }

        // A stream on A, a change through B.
        LoadClients.Target watched = targets.get(0);
        try (AlignmentStream stream = AlignmentStream.open(a, watched.initiativeId())) {
            long before = stream.next(WAIT).path("version").asLong();
            AccordHttp.Answer joined = b.postOrFail("/api/v1/initiatives/" + watched.initiativeId() + "/participants",
                    Map.of("personId", LoadClients.personId("streamed"), "displayName", "Streamed", "unit", "sales",
                            "role", "Member"));
            figures.check("the change through B was accepted", joined.accepted(), joined.text());
            Receipt change = Receipt.of(joined.body());
            receipts.add(change);
            Optional<JsonNode> seen = stream.until(state -> state.path("version").asLong() >= change.version(), WAIT);
            figures.check("the stream on A sent the state of the change made through B", seen.isPresent(),
                    "last version seen " + before + ", change at " + change.version());
        }

        // A commitment falls due while both clocks run.
        LoadClients.Target due = targets.get(1);
        // Far enough ahead for the read models to store the due date before it passes (on a busy machine).
        Instant dueBy = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        AccordHttp.Answer committed = a.postOrFail("/api/v1/initiatives/" + due.initiativeId() + "/commitments",
                Map.of("personId", due.sponsor(), "role", "Sponsor", "result", "Budget approved",
                        "dueBy", dueBy.toString()));
        figures.check("the commitment was accepted", committed.accepted(), committed.text());
        receipts.add(Receipt.of(committed.body()));
        Invariants.timed(figures, "the read models caught up", () -> store.awaitProjected(WAIT));
        figures.check("the commitment was projected before it fell due", Instant.now().isBefore(dueBy),
                "projected at " + Instant.now() + ", due " + dueBy);
        double reevaluatedBefore = reevaluated();
        Duration untilDue = Duration.between(Instant.now(), dueBy.plusSeconds(1));
        ServiceProcess.pause(untilDue.isNegative() ? Duration.ZERO : untilDue);
        Invariants.timed(figures, "a clock evaluated the overdue row again", () -> StoreInspector.await(
                "a clock to evaluate the overdue row again", WAIT, () -> reevaluated() > reevaluatedBefore,
                () -> "re-evaluated " + reevaluated()));
        ServiceProcess.pause(Duration.ofSeconds(5)); // five more rounds of each clock
        double reevaluations = reevaluated() - reevaluatedBefore;
        figures.put("clockReevaluations", reevaluations);
        figures.check("the overdue row was evaluated again exactly once across both replicas", reevaluations == 1,
                reevaluations + " re-evaluations (A " + reevaluated(a) + ", B " + reevaluated(b) + ")");
        long overdueSignals = store.alignmentRecords(UUID.fromString(due.initiativeId()), "accord.CommitmentOverdue.v1",
                committed.body().path("commitmentId").asText());
        figures.put("commitmentOverdueSignals", overdueSignals);
        figures.check("the due date raised one CommitmentOverdue across both replicas", overdueSignals == 1,
                overdueSignals + " published");
        for (AccordHttp replica : https) {
            JsonNode alignment = replica.getOrFail("/api/v1/initiatives/" + due.initiativeId() + "/alignment").body();
            figures.check("replica " + replica.base() + " answers the commitment overdue",
                    alignment.path("commitments").path("overdue").asInt() == 1, alignment.path("commitments"));
        }

        // Each event once on the topic, and the same alignment from both.
        Invariants.timed(figures, "the outbox drained", () -> store.awaitOutboxDrained(WAIT));
        Invariants.timed(figures, "the read models caught up again", () -> store.awaitProjected(WAIT));
        StoreInspector.TopicCensus census = store.topic();
        figures.put("events", store.events()).put("topicRecords", census.records())
                .put("receipts", receipts.size());
        figures.check("every acknowledged command is in the store", store.missingFromStore(receipts).isEmpty(),
                store.missingFromStore(receipts));
        figures.check("the versions in the store have no gaps", store.versionGaps().isEmpty(), store.versionGaps());
        figures.check("every acknowledged event is on the topic", census.missing(receipts).isEmpty(),
                census.missing(receipts));
        figures.check("each event is published once (by ce_id)", census.duplicates() == 0
                        && census.byId().size() == store.events(),
                census.duplicates() + " duplicates, " + census.byId().size() + " ids for " + store.events() + " events");
        Map<UUID, Long> versions = store.latestVersions();
        List<String> differ = new ArrayList<>();
        for (LoadClients.Target target : targets) {
            long version = versions.get(UUID.fromString(target.initiativeId()));
            String path = "/api/v1/initiatives/" + target.initiativeId() + "/alignment?minVersion=" + version;
            JsonNode fromA = withoutEvaluationTime(a.getOrFail(path).body());
            JsonNode fromB = withoutEvaluationTime(b.getOrFail(path).body());
            if (fromA.path("version").asLong() != version || !fromA.equals(fromB)) {
                differ.add(target.initiativeId() + " at " + version + ": A " + fromA + " B " + fromB);
            }
        }
        figures.check("both replicas serve the same alignment", differ.isEmpty(), differ);
        figures.writeAndAssert();
    }

    /** {@code asOf} is the clock of the request, which two requests never share. */
    private static JsonNode withoutEvaluationTime(JsonNode alignment) {
        ObjectNode copy = alignment.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    private static double reevaluated() {
        return reevaluated(https.get(0)) + reevaluated(https.get(1));
    }

    private static double reevaluated(AccordHttp replica) {
        return replica.getOrFail("/q/metrics").text().lines().filter(line -> line.startsWith(REEVALUATED + " "))
                .map(line -> Double.parseDouble(line.substring(REEVALUATED.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError(REEVALUATED + " is not on " + replica.base()));
    }

    /** An SSE client on {@code …/alignment/stream}: the states it sent, in order, as JSON. */
    private static final class AlignmentStream implements AutoCloseable {

        private final BlockingQueue<JsonNode> states = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile InputStream body;

        private AlignmentStream(AccordHttp replica, String initiativeId) {
            HttpRequest request = HttpRequest.newBuilder(
                            replica.base().resolve("/api/v1/initiatives/" + initiativeId + "/alignment/stream"))
                    .header("Accept", "text/event-stream").build();
            reader = new Thread(() -> read(request), "sse-" + initiativeId);
            reader.setDaemon(true);
            reader.start();
        }

        static AlignmentStream open(AccordHttp replica, String initiativeId) {
            return new AlignmentStream(replica, initiativeId);
        }

        private void read(HttpRequest request) {
            try {
                HttpResponse<InputStream> response = HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofInputStream());
                body = response.body();
                StringBuilder data = new StringBuilder();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        states.add(AccordHttp.JSON.readTree(data.toString()));
                        data.setLength(0);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // closed by the test, or the replica went away: the waits time out and say so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        JsonNode next(Duration timeout) throws InterruptedException {
            JsonNode state = states.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (state == null) {
                throw new AssertionError("the stream sent no state within " + timeout.toSeconds() + " s");
            }
            return state;
        }

        Optional<JsonNode> until(Predicate<JsonNode> reached, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode state = states.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (state != null && reached.test(state)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            try {
                if (body != null) {
                    body.close();
                }
            } catch (IOException e) {
                // already closed
            }
            reader.interrupt();
        }
    }
}
