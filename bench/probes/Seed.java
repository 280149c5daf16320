import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Seeds initiatives through Accord's API, {@code --concurrency} at once: each is launched by its
 * sponsor, then its other participants join one after the other (spread over the initiative's
 * 4-6 units), so that no two commands race on one initiative.
 * <pre>
 *   CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*:target/quarkus-app/quarkus-run.jar"
 *   javac -d bench/target/probes -cp "$CP" bench/probes/*.java
 *   java -cp "bench/target/probes:$CP" Seed --base http://127.0.0.1:8080 --initiatives 1000 \
 *       --people-per-initiative 8 --out bench/target/seed.txt [--concurrency 32] [--smoke]
 * </pre>
 * Writes one line per initiative, {@code <initiativeId> p1:unit,p2:unit,...} (the sponsor first),
 * and prints {@code figure seeded_initiatives}, {@code seed_seconds} and {@code seed_commands_per_second}.
 * Smoke: 20 initiatives of 4 people.
 */
public class Seed {

    static final String[] UNITS = {"engineering", "sales", "operations", "marketing", "finance", "hr", "legal", "exec"};

    record Participant(String personId, String unit) {
        String line() {
            return personId + ":" + unit;
        }
    }

    record Seeded(String initiativeId, List<Participant> participants) {
        String line() {
            return initiativeId + " " + String.join(",", participants.stream().map(Participant::line).toList());
        }

        static Seeded parse(String line) {
            String[] fields = line.trim().split(" ", 2);
            List<Participant> participants = new ArrayList<>();
            for (String participant : fields[1].split(",")) {
                int colon = participant.indexOf(':');
                participants.add(new Participant(participant.substring(0, colon), participant.substring(colon + 1)));
            }
            return new Seeded(fields[0], List.copyOf(participants));
        }

        List<String> people() {
            return participants.stream().map(Participant::personId).toList();
        }
    }

    /** The initiatives of a seed file this probe wrote. */
    static List<Seeded> read(Path file) throws java.io.IOException {
        List<Seeded> seeded = Files.readAllLines(file).stream().filter(line -> !line.isBlank())
                .map(Seeded::parse).toList();
        if (seeded.isEmpty()) {
            throw new IllegalArgumentException(file + " names no initiative");
        }
        return seeded;
    }

    public static void main(String[] args) {
        Probe.main("Seed", () -> run(Probe.of(args)));
    }

    static void run(Probe probe) throws Exception {
        int initiatives = (int) probe.number("initiatives", 1000, 20);
        int people = (int) probe.number("people-per-initiative", 8, 4);
        int concurrency = (int) probe.number("concurrency", 32, 32);
        Path out = Path.of(probe.required("out"));
        if (people < 2) {
            throw new IllegalArgumentException("--people-per-initiative must be at least 2");
        }
        Semaphore permits = new Semaphore(concurrency);
        long started = System.nanoTime();
        List<CompletableFuture<Seeded>> seeding = new ArrayList<>();
        for (int i = 0; i < initiatives; i++) {
            permits.acquire();
            seeding.add(seedOne(probe, i, people).whenComplete((done, failure) -> permits.release()));
        }
        List<Seeded> seeded = new ArrayList<>();
        for (CompletableFuture<Seeded> one : seeding) {
            seeded.add(one.join());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out))) {
            seeded.forEach(one -> writer.println(one.line()));
        }
        Probe.log("seeded %d initiatives of %d people in %.1f s into %s", seeded.size(), people, seconds, out);
        Probe.figure("seeded_initiatives", seeded.size(), "count");
        Probe.figure("seed_seconds", seconds, "s");
        Probe.figure("seed_commands_per_second", seeded.size() * (double) people / seconds, "1/s");
    }

    /**
     * Launches initiative {@code n}, then lets its participants join one after the other: the
     * initiatives run in parallel, the commands of one never race each other.
     */
    static CompletableFuture<Seeded> seedOne(Probe probe, int n, int people) {
        int unitCount = 4 + n % 3;
        List<String> units = new ArrayList<>();
        for (int u = 0; u < unitCount; u++) {
            units.add(UNITS[(n + u) % UNITS.length]);
        }
        List<Participant> participants = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            participants.add(new Participant(String.format("p%04d", p), units.get(p % unitCount)));
        }
        CompletableFuture<JsonNode> launched = probe.postAsync("/initiatives", Probe.obj(
                "title", "Bench initiative " + n,
                "strategy", "Connect " + people + " people across " + unitCount + " units, for the benchmark",
                "sponsor", person(participants.get(0), "Sponsor"),
                "units", units), 201);
        return launched.thenCompose(receipt -> {
            String id = receipt.path("initiativeId").asText();
            CompletableFuture<JsonNode> joins = CompletableFuture.completedFuture(receipt);
            for (Participant participant : participants.subList(1, participants.size())) {
                joins = joins.thenCompose(previous -> probe.postAsync("/initiatives/" + id + "/participants",
                        person(participant, "Member of " + participant.unit()), 200));
            }
            return joins.thenApply(done -> new Seeded(id, participants));
        });
    }

    static Object person(Participant participant, String role) {
        return Probe.obj("personId", participant.personId(), "displayName", "Person " + participant.personId(),
                "unit", participant.unit(), "role", role);
    }

}
