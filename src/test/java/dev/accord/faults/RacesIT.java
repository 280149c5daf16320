package dev.accord.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accord.faults.LoadClients.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * 50 clients each send 20 commands to one initiative with {@code If-Match}, re-reading the
 * latest version and retrying whenever they lose the race (412). Optimistic concurrency must
 * let exactly one writer win each version: the final version is the number of receipts.
 */
class RacesIT {

    private static final int CLIENTS = 50;
    private static final int COMMANDS_EACH = 20;
    private static final int ATTEMPTS_PER_COMMAND = 500;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final Duration RACE_TIMEOUT = Duration.ofMinutes(5);

    @RegisterExtension
    static final Scenario scenario = new Scenario("races");

    private final ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final AtomicLong preconditionFailed = new AtomicLong();
    private final AtomicLong otherRefusals = new AtomicLong();
    private final AtomicLong answers5xx = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    @Test
    void every_version_has_exactly_one_winner_when_fifty_clients_race_with_if_match() throws InterruptedException {
        FaultEnvironment environment = scenario.environment();
        AccordHttp http = environment.http();
        Figures figures = scenario.figures();
        List<Receipt> launch = new ArrayList<>();
        LoadClients.Target initiative = LoadClients.launch(http, 1, launch).get(0);
        receipts.addAll(launch);

        long started = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread client = new Thread(() -> race(http, initiative), "racer-" + i);
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
        long deadline = System.nanoTime() + RACE_TIMEOUT.toNanos();
        for (Thread client : clients) {
            client.join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        UUID id = UUID.fromString(initiative.initiativeId());
        long finalVersion = environment.store().latestVersions().getOrDefault(id, 0L);
        Set<Long> won = receipts.stream().map(Receipt::version).collect(Collectors.toCollection(TreeSet::new));
        Set<Long> expected = LongStream.rangeClosed(1, finalVersion).boxed().collect(Collectors.toCollection(TreeSet::new));
        Duration projected = Invariants.timed(figures, "the read models caught up",
                () -> environment.store().awaitProjected(Invariants.RECOVERY_TIMEOUT));
        JsonNode alignment = http.getOrFail("/api/v1/initiatives/" + id + "/alignment?minVersion=" + finalVersion).body();
        figures.put("clients", CLIENTS).put("commandsPerClient", COMMANDS_EACH)
                .put("receipts", receipts.size()).put("finalVersion", finalVersion)
                .put("preconditionFailed412", preconditionFailed.get())
                .put("otherRefusals", otherRefusals.get()).put("answers5xx", answers5xx.get())
                .put("commandsAbandoned", abandoned.get()).put("duration", took)
                .put("timeToProject", projected == null ? "not within " + Invariants.RECOVERY_TIMEOUT.toSeconds() + " s"
                        : projected);
        figures.check("every client got all its commands accepted", receipts.size() == 1 + CLIENTS * COMMANDS_EACH,
                receipts.size() + " receipts");
        figures.check("the final version equals the number of receipts", finalVersion == receipts.size(),
                "final version " + finalVersion + ", " + receipts.size() + " receipts");
        figures.check("each version was acknowledged exactly once", won.equals(expected) && won.size() == receipts.size(),
                won.size() + " distinct versions in " + receipts.size() + " receipts");
        figures.check("the versions in the store have no gaps", environment.store().versionGaps().isEmpty(),
                environment.store().versionGaps());
        figures.check("no 5xx", answers5xx.get() == 0, answers5xx.get() + " answers");
        figures.check("the alignment answers at the final version", alignment.path("version").asLong() == finalVersion,
                alignment);
        figures.writeAndAssert();
    }

    private void race(AccordHttp http, LoadClients.Target initiative) {
        String base = "/api/v1/initiatives/" + initiative.initiativeId();
        String person = LoadClients.personId("racer");
        long known = 1;
        for (int n = 0; n < COMMANDS_EACH; n++) {
            String path = n == 0 ? "/participants" : switch (n % 3) {
                case 0 -> "/relationships";
                case 1 -> "/feedback";
                default -> "/acknowledgements";
            };
            Map<String, Object> body = n == 0
                    ? Map.of("personId", person, "displayName", "Racer", "unit", "sales", "role", "Member")
                    : switch (n % 3) {
                        case 0 -> Map.of("participants", List.of(person, initiative.sponsor()),
                                "mutualUnderstanding", "We settle the plan together");
                        case 1 -> Map.of("from", person, "to", initiative.sponsor(), "text", "Clear priorities");
                        default -> Map.of("from", initiative.sponsor(), "to", person, "text", "Thanks for the push");
                    };
            known = commandWithRetries(http, base, path, body, known);
        }
    }

    /** Sends one command at the version last seen until it wins; answers the version it won. */
    private long commandWithRetries(AccordHttp http, String base, String path, Map<String, Object> body, long known) {
        long version = known;
        for (int attempt = 1; attempt <= ATTEMPTS_PER_COMMAND; attempt++) {
            try {
                AccordHttp.Answer answer = http.post(base + path, body, Map.of("If-Match", "\"" + version + "\""));
                if (answer.accepted()) {
                    Receipt receipt = Receipt.of(answer.body());
                    receipts.add(receipt);
                    return receipt.version();
                }
                if (answer.status() >= 500) {
                    answers5xx.incrementAndGet();
                } else if (answer.status() == 412) {
                    preconditionFailed.incrementAndGet();
                } else {
                    otherRefusals.incrementAndGet();
                }
                version = latestVersion(http, base, version);
            } catch (IOException e) {
                otherRefusals.incrementAndGet();
            }
            // Exponential backoff with full jitter: fifty losers coming back at once would only lose again.
            long ceiling = Math.min(MAX_BACKOFF_MILLIS, 20L << Math.min(attempt, 6));
            ServiceProcess.pause(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, ceiling)));
        }
        abandoned.incrementAndGet();
        return version;
    }

    /** The latest version in the store, from the events endpoint (which reads the store of record). */
    private static long latestVersion(AccordHttp http, String initiative, long known) throws IOException {
        long latest = known;
        while (true) {
            JsonNode page = http.get(initiative + "/events?fromVersion=" + (latest + 1) + "&limit=1000").body();
            if (!page.isArray() || page.isEmpty()) {
                return latest;
            }
            latest = page.get(page.size() - 1).path("streamversion").asLong();
        }
    }
}
