import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds one large, valid initiative through Accord's public REST API, for the load benchmark
 * (bench/load/run.sh): by default 200 participants and 2,000 conversations spread over the last
 * six months.
 *
 * <pre>
 *   java bench/load/LargeInitiative.java [baseUrl] [--people N] [--conversations N] [--seed N]
 * </pre>
 *
 * Only the JDK, like demo/AccordDemo.java. Everything it sends is valid by construction: nobody
 * leaves, so every person named is an active participant; every possibility, pathway, milestone,
 * request and commitment referenced was created earlier in the same run; requests and commitments
 * change only while open; every dueBy is at or after its occurredAt; occurredAt strictly increases
 * and the last conversation is an hour ago (launch and joins are recorded now, as in the demo).
 * Any status other than the expected one stops it with exit status 1.
 *
 * The last line of standard output is {@code initiative <id> version <n>}.
 */
public class LargeInitiative {

    enum Kind {
        RELATIONSHIP, POSSIBILITY, RESPONSE, PATHWAY, REQUEST, DECLINE, COMMITMENT, RENEGOTIATION, FULFILMENT,
        WITHDRAWAL, FEEDBACK, ACKNOWLEDGEMENT
    }

    /** Relative weights of the conversation kinds (per 1,000 conversations). */
    static final Map<Kind, Integer> WEIGHTS = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.RELATIONSHIP, 170), Map.entry(Kind.POSSIBILITY, 30), Map.entry(Kind.RESPONSE, 260),
            Map.entry(Kind.PATHWAY, 30), Map.entry(Kind.REQUEST, 80), Map.entry(Kind.DECLINE, 20),
            Map.entry(Kind.COMMITMENT, 130), Map.entry(Kind.RENEGOTIATION, 40), Map.entry(Kind.FULFILMENT, 100),
            Map.entry(Kind.WITHDRAWAL, 20), Map.entry(Kind.FEEDBACK, 70), Map.entry(Kind.ACKNOWLEDGEMENT, 50)));

    /** Units and their share of the people (exec holds the sponsor). */
    static final String[] UNITS = {"engineering", "sales", "operations", "marketing", "finance", "hr", "legal", "exec"};
    static final int[] UNIT_SHARE = {30, 20, 15, 12, 10, 6, 4, 3};
    static final String[] STANCES = {"CO_CREATED", "OWNS", "BUYS_IN", "HAS_CONCERNS", "DECLINES"};
    static final int[] STANCE_SHARE = {10, 22, 35, 22, 11};
    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    record Person(String id, String unit) {
    }

    record Possibility(String id, List<Person> authors, List<Person> audience) {
    }

    record Milestone(String pathwayId, String milestoneId) {
    }

    record Request(String id, Person asked) {
    }

    record Commitment(String id, Person person) {
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Random random;
    final String api;
    final List<Person> people = new ArrayList<>();
    final List<Possibility> possibilities = new ArrayList<>();
    final List<Possibility> withoutPathway = new ArrayList<>();
    final List<Milestone> milestones = new ArrayList<>();
    final List<Request> openRequests = new ArrayList<>();
    final List<Commitment> openCommitments = new ArrayList<>();
    final List<Commitment> fulfilled = new ArrayList<>();
    final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    String initiativeId;
    long version;
    Instant occurredAt;

    LargeInitiative(String baseUrl, long seed) {
        this.api = baseUrl + "/api/v1";
        this.random = new Random(seed);
    }

    public static void main(String[] args) {
        String baseUrl = "http://localhost:8080";
        int peopleCount = 200;
        int conversations = 2000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--people" -> peopleCount = Integer.parseInt(args[++i]);
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("Usage: java bench/load/LargeInitiative.java [baseUrl] [--people N]"
                            + " [--conversations N] [--seed N]   (defaults http://localhost:8080, 200, 2000, 42)");
                    return;
                }
                default -> baseUrl = args[i].replaceAll("/+$", "");
            }
        }
        if (peopleCount < 10 || conversations < 1) {
            System.err.println("need at least 10 people and 1 conversation");
            System.exit(2);
        }
        LargeInitiative seeder = new LargeInitiative(baseUrl, seed);
        long started = System.nanoTime();
        try {
            seeder.run(peopleCount, conversations);
        } catch (RuntimeException e) {
            System.err.println("SEEDING STOPPED: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("seeded in %.1f s: %d people, %d conversations %s%n",
                (System.nanoTime() - started) / 1e9, seeder.people.size(), conversations, seeder.counts);
        try {
            seeder.awaitReadModel(Duration.ofMinutes(3));
        } catch (RuntimeException e) {
            System.err.println("READ MODEL NOT CAUGHT UP: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("read model caught up after %.1f s in all%n", (System.nanoTime() - started) / 1e9);
        System.out.println("initiative " + seeder.initiativeId + " version " + seeder.version);
    }

    void run(int peopleCount, int conversations) {
        // Conversations run from ~6 months ago to one hour ago, strictly increasing.
        Instant end = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        long stepSeconds = Duration.ofDays(182).toSeconds() / conversations;
        occurredAt = end.minusSeconds(stepSeconds * conversations);

        for (int i = 0; i < peopleCount; i++) {
            people.add(new Person("p" + String.format("%04d", i), unitOf(i, peopleCount)));
        }
        Person sponsor = people.get(0);
        String launch = post("/initiatives", 201, obj(
                "title", "Large load-test initiative",
                "strategy", "Move " + peopleCount + " people in eight units from a first relationship to completed"
                        + " commitments, so the load benchmark reads a realistically large alignment",
                "sponsor", person(sponsor, "Sponsor"),
                "units", arr(List.of(UNITS)),
                "targetDate", end.plus(120, ChronoUnit.DAYS).toString().substring(0, 10)));
        initiativeId = field(launch, "initiativeId");
        for (Person p : people.subList(1, people.size())) {
            post("/initiatives/" + initiativeId + "/participants", 200, person(p, "Member of " + p.unit()));
        }

        for (int i = 0; i < conversations; i++) {
            occurredAt = occurredAt.plusSeconds(stepSeconds - random.nextInt((int) Math.max(1, stepSeconds / 4)));
            if (occurredAt.isAfter(end)) {
                occurredAt = end;
            }
            Kind kind = pick();
            counts.merge(kind, 1, Integer::sum);
            play(kind, i);
        }
    }

    /** A kind by weight, falling back to a relationship when the kind has nothing to act on yet. */
    Kind pick() {
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        Kind kind = Kind.RELATIONSHIP;
        for (Map.Entry<Kind, Integer> weight : WEIGHTS.entrySet()) {
            roll -= weight.getValue();
            if (roll < 0) {
                kind = weight.getKey();
                break;
            }
        }
        boolean possible = switch (kind) {
            case RESPONSE, PATHWAY -> !possibilities.isEmpty();
            case DECLINE -> !openRequests.isEmpty();
            case RENEGOTIATION, FULFILMENT, WITHDRAWAL -> !openCommitments.isEmpty();
            default -> true;
        };
        return possible ? kind : Kind.RELATIONSHIP;
    }

    void play(Kind kind, int n) {
        String base = "/initiatives/" + initiativeId;
        switch (kind) {
            case RELATIONSHIP -> {
                List<Person> who = random.nextInt(10) < 5 ? withinUnit(2 + random.nextInt(3))
                        : distinct(2 + random.nextInt(3), people);
                post(base + "/relationships", 201, obj(
                        "participants", ids(who),
                        "mutualUnderstanding", "Conversation " + n + ": each of us says early when a date is at risk"
                                + " and what the other's commitments need from us",
                        "occurredAt", at()));
            }
            case POSSIBILITY -> {
                List<Person> chosen = distinct(1 + random.nextInt(3) + 8 + random.nextInt(23), people);
                int authors = 1 + random.nextInt(3); // sharedBy + 0-2 co-authors
                List<Person> authorList = chosen.subList(0, authors);
                List<Person> audience = chosen.subList(authors, chosen.size());
                String receipt = post(base + "/possibilities", 201, obj(
                        "statement", "Possibility " + n + ": a shared way of working across "
                                + audience.get(0).unit() + " and " + authorList.get(0).unit(),
                        "sharedBy", authorList.get(0).id(),
                        "coAuthors", ids(authorList.subList(1, authorList.size())),
                        "audience", ids(audience),
                        "occurredAt", at()));
                Possibility possibility = new Possibility(field(receipt, "possibilityId"), List.copyOf(authorList),
                        List.copyOf(audience));
                possibilities.add(possibility);
                withoutPathway.add(possibility);
            }
            case RESPONSE -> {
                // Mostly the audience of one of the five latest possibilities; some word of mouth.
                Possibility possibility = recent(possibilities, 5);
                Person who = random.nextInt(10) < 8 ? any(possibility.audience()) : any(people);
                post(base + "/possibilities/" + possibility.id() + "/responses", 200, obj(
                        "personId", who.id(),
                        "stance", weighted(STANCES, STANCE_SHARE),
                        "note", "Response " + n,
                        "occurredAt", at()));
            }
            case PATHWAY -> {
                Possibility possibility = withoutPathway.isEmpty() || random.nextInt(10) < 2
                        ? any(possibilities) : withoutPathway.remove(0);
                List<Person> pool = new ArrayList<>(possibility.authors());
                pool.addAll(possibility.audience());
                List<Person> who = distinct(Math.min(pool.size(), 2 + random.nextInt(7)), pool);
                List<Object> planned = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int m = 0; m < count; m++) {
                    planned.add(obj("title", "Milestone " + (m + 1) + " of pathway " + n,
                            "dueBy", dueAfter(14 + random.nextInt(70)),
                            "unit", who.get(m % who.size()).unit()));
                }
                String receipt = post(base + "/pathways", 201, obj(
                        "possibilityId", possibility.id(),
                        "participants", ids(who),
                        "who", who.get(0).id() + " leads, with the others",
                        "what", "Pathway " + n,
                        "when", "Milestones over the next three months",
                        "where", "Where the units already meet",
                        "how", "Weekly review of the milestones",
                        "milestones", new Raw(value(planned)),
                        "occurredAt", at()));
                String pathwayId = field(receipt, "pathwayId");
                for (String milestoneId : strings(receipt, "milestoneIds")) {
                    milestones.add(new Milestone(pathwayId, milestoneId));
                }
            }
            case REQUEST -> {
                List<Person> two = distinct(2, people);
                String receipt = post(base + "/commitment-requests", 201, obj(
                        "requestedBy", two.get(0).id(),
                        "personId", two.get(1).id(),
                        "result", "Requested result " + n,
                        "dueBy", dueAfter(7 + random.nextInt(42)),
                        "occurredAt", at()));
                openRequests.add(new Request(field(receipt, "requestId"), two.get(1)));
            }
            case DECLINE -> {
                Request request = openRequests.remove(random.nextInt(openRequests.size()));
                post(base + "/commitment-requests/" + request.id() + "/decline", 200, obj(
                        "reason", "No capacity this quarter (" + n + ")",
                        "occurredAt", at()));
            }
            case COMMITMENT -> {
                int roll = random.nextInt(10);
                Request request = roll < 4 && !openRequests.isEmpty()
                        ? openRequests.remove(random.nextInt(openRequests.size())) : null;
                Milestone milestone = request == null && roll < 7 && !milestones.isEmpty() ? any(milestones) : null;
                Person who = request != null ? request.asked() : any(people);
                String receipt = post(base + "/commitments", 201, obj(
                        "personId", who.id(),
                        "role", "Member of " + who.unit(),
                        "result", "Committed result " + n,
                        "dueBy", dueAfter(7 + random.nextInt(49)),
                        "requestId", request == null ? null : request.id(),
                        "pathwayId", milestone == null ? null : milestone.pathwayId(),
                        "milestoneId", milestone == null ? null : milestone.milestoneId(),
                        "occurredAt", at()));
                openCommitments.add(new Commitment(field(receipt, "commitmentId"), who));
            }
            case RENEGOTIATION -> {
                Commitment commitment = any(openCommitments);
                post(base + "/commitments/" + commitment.id() + "/renegotiation", 200, obj(
                        "dueBy", dueAfter(7 + random.nextInt(28)),
                        "reason", "Another priority moved the date (" + n + ")",
                        "occurredAt", at()));
            }
            case FULFILMENT -> {
                // Three in ten fulfil the oldest open commitment, which is often late by then.
                Commitment commitment = openCommitments.remove(random.nextInt(10) < 3 ? 0
                        : random.nextInt(openCommitments.size()));
                post(base + "/commitments/" + commitment.id() + "/fulfilment", 200, obj(
                        "evidence", "Delivered (" + n + ")",
                        "occurredAt", at()));
                fulfilled.add(commitment);
            }
            case WITHDRAWAL -> {
                Commitment commitment = openCommitments.remove(random.nextInt(openCommitments.size()));
                post(base + "/commitments/" + commitment.id() + "/withdrawal", 200, obj(
                        "reason", "Reassigned (" + n + ")",
                        "occurredAt", at()));
            }
            case FEEDBACK, ACKNOWLEDGEMENT -> {
                boolean about = !fulfilled.isEmpty() && random.nextInt(6) < (kind == Kind.FEEDBACK ? 3 : 4);
                Commitment commitment = about ? recent(fulfilled, 20) : null;
                Person to = commitment != null ? commitment.person() : any(people);
                Person from = any(people);
                while (from.equals(to)) {
                    from = any(people);
                }
                post(base + (kind == Kind.FEEDBACK ? "/feedback" : "/acknowledgements"), 201, obj(
                        "from", from.id(),
                        "to", to.id(),
                        "commitmentId", commitment == null ? null : commitment.id(),
                        "text", (kind == Kind.FEEDBACK ? "Feedback " : "Thanks ") + n,
                        "occurredAt", at()));
            }
        }
    }

    /** Waits until GET …/alignment?minVersion=version answers 200 (the projection applies events asynchronously). */
    void awaitReadModel(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        URI uri = URI.create(api + "/initiatives/" + initiativeId + "/alignment?minVersion=" + version);
        while (true) {
            int status;
            String body;
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
            } catch (IOException e) {
                throw new IllegalStateException("GET " + uri + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (status == 200) {
                return;
            }
            if (status != 503 || System.nanoTime() > deadline) {
                throw new IllegalStateException("GET " + uri + " answered " + status + ": " + body);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    // ---------------------------------------------------------------- choosing

    String unitOf(int index, int total) {
        if (index == 0) {
            return "exec";
        }
        int slot = (int) ((long) index * 100 / total);
        for (int u = 0; u < UNITS.length; u++) {
            slot -= UNIT_SHARE[u];
            if (slot < 0) {
                return UNITS[u];
            }
        }
        return UNITS[UNITS.length - 1];
    }

    <T> T any(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <T> T recent(List<T> values, int window) {
        int from = Math.max(0, values.size() - window);
        return values.get(from + random.nextInt(values.size() - from));
    }

    List<Person> distinct(int count, List<Person> from) {
        List<Person> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, random);
        return new ArrayList<>(shuffled.subList(0, Math.min(count, shuffled.size())));
    }

    List<Person> withinUnit(int count) {
        String unit = any(people).unit();
        List<Person> colleagues = people.stream().filter(p -> p.unit().equals(unit)).toList();
        return colleagues.size() >= 2 ? distinct(count, colleagues) : distinct(count, people);
    }

    String weighted(String[] values, int[] shares) {
        int roll = random.nextInt(java.util.Arrays.stream(shares).sum());
        for (int i = 0; i < values.length; i++) {
            roll -= shares[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    String at() {
        return occurredAt.toString();
    }

    /** A due date some days after this conversation's occurredAt, at 17:00 UTC (never before it). */
    String dueAfter(int days) {
        return occurredAt.plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(17, ChronoUnit.HOURS)
                .toString();
    }

    // ---------------------------------------------------------------- HTTP and JSON

    String post(String path, int expected, Raw body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-Correlation-Id", "accord-load-seed")
                .POST(HttpRequest.BodyPublishers.ofString(body.json()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + api + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + api + path + " answered " + response.statusCode()
                    + ", expected " + expected + "\n  response: " + response.body() + "\n  request:  " + body.json());
        }
        Matcher v = VERSION.matcher(response.body());
        if (v.find()) {
            version = Math.max(version, Long.parseLong(v.group(1)));
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static List<String> strings(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        List<String> values = new ArrayList<>();
        if (m.find()) {
            Matcher item = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1));
            while (item.find()) {
                values.add(item.group(1));
            }
        }
        return values;
    }

    record Raw(String json) {
    }

    static Raw person(Person p, String role) {
        return obj("personId", p.id(), "displayName", "Person " + p.id().substring(1), "unit", p.unit(),
                "role", role);
    }

    static Raw ids(List<Person> people) {
        Set<String> ids = new LinkedHashSet<>();
        people.forEach(p -> ids.add(p.id()));
        return arr(List.copyOf(ids));
    }

    static Raw arr(List<?> items) {
        return new Raw(value(items));
    }

    /** A JSON object from key, value pairs; null values are left out. */
    static Raw obj(Object... keysAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(value(keysAndValues[i])).append(':').append(value(keysAndValues[i + 1]));
        }
        return new Raw(json.append('}').toString());
    }

    static String value(Object value) {
        if (value instanceof Raw raw) {
            return raw.json();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(value(item)));
            return "[" + String.join(",", items) + "]";
        }
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
