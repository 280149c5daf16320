package dev.accord.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Concurrent writers, each walking people through the five stages on initiatives shared with
 * the others, so that appends race. Every 2xx answer is kept as a receipt, every attempt as an
 * outcome (an attempt without an answer has status {@link #NO_ANSWER}).
 */
final class LoadClients implements AutoCloseable {

    static final int NO_ANSWER = -1;
    private static final List<String> UNITS = List.of("exec", "sales", "finance");

    /** What a 2xx command answer promises: this event, at this version of this initiative. */
    record Receipt(UUID eventId, UUID initiativeId, long version) {

        static Receipt of(JsonNode body) {
            return new Receipt(UUID.fromString(body.path("eventId").asText()),
                    UUID.fromString(body.path("initiativeId").asText()), body.path("version").asLong());
        }
    }

    /**
     * One attempt: when it started (epoch ms), how long it took, its status, whether the body was
     * problem+json, and for a refusal what the problem said.
     */
    record Outcome(long startedAt, long millis, int status, boolean problem, String detail) {

        boolean startedWithin(long from, long to) {
            return startedAt >= from && startedAt < to;
        }
    }

    /** An initiative the clients write to: its id and its sponsor, whom every conversation involves. */
    record Target(String initiativeId, String sponsor) {
    }

    private final AccordHttp http;
    private final List<Target> targets;
    private final int clients;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    LoadClients(AccordHttp http, List<Target> targets, int clients) {
        this.http = http;
        this.targets = List.copyOf(targets);
        this.clients = clients;
    }

    /** Launches {@code count} initiatives; their launch receipts are returned with them. */
    /**
     * Initiatives a long run spreads its walks over. Each walk brings a newcomer, and an initiative
     * takes at most 1,000: at ~1,500 commands/s (about 200 walks/s) for a minute, 8 initiatives
     * fill up and the walks start being refused; 64 leave room for several times that.
     */
    static final int SPREAD = 64;

    static List<Target> launch(AccordHttp http, int count, List<Receipt> launchReceipts) {
        List<Target> launched = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sponsor = personId("sponsor");
            AccordHttp.Answer answer = http.postOrFail("/api/v1/initiatives", Map.of(
                    "title", "Grow EMEA mid-market " + i,
                    "strategy", "Be the partner mid-size firms trust with their growth",
                    "sponsor", Map.of("personId", sponsor, "displayName", "Sam Sponsor", "unit", "exec",
                            "role", "Sponsor"),
                    "units", UNITS,
                    "targetDate", "2030-06-30"));
            if (answer.status() != 201) {
                throw new IllegalStateException("launch answered " + answer.status() + ": " + answer.text());
            }
            launchReceipts.add(Receipt.of(answer.body()));
            launched.add(new Target(answer.body().path("initiativeId").asText(), sponsor));
        }
        return launched;
    }

    void start() {
        running.set(true);
        for (int i = 0; i < clients; i++) {
            Target first = targets.get(i % targets.size());
            Thread thread = new Thread(() -> write(first), "load-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops the writers and waits for the requests in flight to end. */
    void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    long count(Predicate<Outcome> which) {
        return outcomes.stream().filter(which).count();
    }

    private void write(Target first) {
        Target target = first;
        while (running.get()) {
            walk(target);
            target = targets.get(ThreadLocalRandom.current().nextInt(targets.size()));
        }
    }

    /**
     * One newcomer through stages 1 to 5 with the sponsor. A step that is not accepted ends the
     * walk (the later steps need what it would have created); the next walk starts afresh.
     */
    private void walk(Target target) {
        String base = "/api/v1/initiatives/" + target.initiativeId();
        String person = personId("p");
        String unit = UNITS.get(ThreadLocalRandom.current().nextInt(UNITS.size()));
        String sponsor = target.sponsor();
        if (command(base + "/participants", Map.of("personId", person, "displayName", "Person " + person,
                "unit", unit, "role", "Member")) == null
                || command(base + "/relationships", Map.of("participants", List.of(sponsor, person),
                "mutualUnderstanding", "We rely on each other for the quarterly plan")) == null) {
            return;
        }
        JsonNode possibility = command(base + "/possibilities", Map.of("statement", "Win twenty accounts in DACH",
                "sharedBy", sponsor, "audience", List.of(person), "coAuthors", List.of()));
        if (possibility == null || command(base + "/possibilities/" + possibility.path("possibilityId").asText()
                + "/responses", Map.of("personId", person, "stance", "OWNS")) == null) {
            return;
        }
        JsonNode commitment = command(base + "/commitments", Map.of("personId", person, "role", "Account lead",
                "result", "Five signed accounts",
                "dueBy", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString()));
        if (commitment == null) {
            return;
        }
        String commitmentId = commitment.path("commitmentId").asText();
        if (command(base + "/commitments/" + commitmentId + "/fulfilment",
                Map.of("evidence", "Signed contracts in the CRM")) == null) {
            return;
        }
        command(base + "/acknowledgements", Map.of("from", sponsor, "to", person,
                "text", "Thank you for landing the first accounts", "commitmentId", commitmentId));
    }

    /** Posts one command; answers its receipt body when accepted, else null. */
    private JsonNode command(String path, Object body) {
        if (!running.get()) {
            return null;
        }
        long startedAt = System.currentTimeMillis();
        try {
            AccordHttp.Answer answer = http.post(path, body);
            outcomes.add(new Outcome(startedAt, answer.millis(), answer.status(), answer.isProblem(),
                    answer.accepted() ? "" : answer.body().path("detail").asText(answer.contentType())));
            if (answer.accepted()) {
                receipts.add(Receipt.of(answer.body()));
                return answer.body();
            }
            if (answer.status() >= 500) {
                ServiceProcess.pause(Duration.ofMillis(100));
            }
        } catch (IOException e) {
            outcomes.add(new Outcome(startedAt, System.currentTimeMillis() - startedAt, NO_ANSWER, false,
                    String.valueOf(e.getMessage())));
            // A dead or restarting service refuses at once; do not spin against it.
            ServiceProcess.pause(Duration.ofMillis(100));
        }
        return null;
    }

    static String personId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
