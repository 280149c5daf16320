package dev.accord.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A generating fuzzer over every operation of openapi.yaml. It builds valid requests from the
 * schemas against initiatives it launched itself, breaks them in the ways {@link Hostility}
 * lists, and checks every answer ({@link Answers}), that accepted text was stored verbatim, and
 * at the end that every initiative it touched is readable at its latest version.
 * <p>
 * Entry point for any harness: {@code HostileTraffic.run(URI.create("http://localhost:8080"), seed, n)}.
 * The same seed sends the same requests (ids Accord makes differ, so later choices may too).
 */
public final class HostileTraffic {

    /** A kind of input that has shown this many violations on one field is not sent there again. */
    private static final int VIOLATIONS_PER_CLASS = 3;
    private static final int ACTIVE_INITIATIVES = 3;
    private static final int PARTICIPANTS_KEPT = 5;
    private static final double VALID_SHARE = 0.25;
    private static final Duration STALL_BUDGET = Duration.ofSeconds(60);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration DEFAULT_BUDGET = Duration.ofMinutes(3);
    private static final Set<String> NOT_VERBATIM = Set.of("occurredAt", "dueBy", "targetDate");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RawHttp http;
    private final ApiOperations api = ApiOperations.fromContract();
    private final Draw draw;
    private final ValidRequests valid;
    private final Hostility hostility;
    private final World world = new World();
    private final FuzzReport report;

    private HostileTraffic(URI base, long seed) {
        this.http = new RawHttp(base);
        this.draw = new Draw(seed);
        this.valid = new ValidRequests(api, draw);
        this.hostility = new Hostility(api, draw);
        this.report = new FuzzReport(seed);
    }

    /** Sends about {@code requests} requests to the service at {@code base} and reports what broke. */
    public static FuzzReport run(URI base, long seed, int requests) {
        return run(base, seed, requests, DEFAULT_BUDGET);
    }

    /**
     * As {@link #run(URI, long, int)}, stopping early when {@code budget} is spent: a stalled
     * projection makes every read wait, and the report then says how far the run got.
     */
    public static FuzzReport run(URI base, long seed, int requests, Duration budget) {
        HostileTraffic traffic = new HostileTraffic(base, seed);
        traffic.send(requests, Instant.now().plus(budget));
        traffic.checkNothingStalled();
        return traffic.report;
    }

    private void send(int requests, Instant deadline) {
        while (report.requestsSent() < requests && Instant.now().isBefore(deadline)) {
            while (world.activeCount() < ACTIVE_INITIATIVES) {
                buildInitiative();
            }
            ApiOperations.Operation operation = draw.oneOf(api.all());
            World.Initiative initiative = target(operation);
            if (initiative != null && operation.isCommand() && initiative.participants.size() < PARTICIPANTS_KEPT) {
                sendValid(valid.build(api.byId("joinInitiative"), initiative));
            }
            Draft draft = valid.build(operation, initiative);
            Optional<Hostility.Attack> attack = draw.chance(VALID_SHARE) ? Optional.empty() : anAttackOn(draft);
            if (attack.isPresent()) {
                exchange(attack.get(), draft);
            } else {
                sendValid(draft);
            }
        }
    }

    private World.Initiative target(ApiOperations.Operation operation) {
        if (!operation.path().contains("{initiativeId}") && !operation.path().contains("{personId}")) {
            return null;
        }
        return (operation.isCommand() ? world.anyActive(draw.random) : world.any(draw.random)).orElseThrow();
    }

    private Optional<Hostility.Attack> anAttackOn(Draft draft) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Optional<Hostility.Attack> attack = hostility.draw(draw).breaks().apply(draft)
                    .filter(a -> report.violationsOf(a.kind(), a.field()) < VIOLATIONS_PER_CLASS);
            if (attack.isPresent()) {
                return attack;
            }
        }
        return Optional.empty();
    }

    /** A launch and the conversations that give later requests something to refer to. */
    private void buildInitiative() {
        Optional<JsonNode> launched = sendValid(valid.build(api.byId("launchInitiative"), null));
        if (launched.isEmpty()) {
            throw new IllegalStateException("a valid launch was refused; the fuzz run cannot start: " + report);
        }
        World.Initiative initiative = world.find(launched.get().path("initiativeId").asText()).orElseThrow();
        for (int i = 0; i < PARTICIPANTS_KEPT; i++) {
            sendValid(valid.build(api.byId("joinInitiative"), initiative));
        }
        for (String step : List.of("establishRelationship", "sharePossibility", "mapPathway", "requestCommitment",
                "makeCommitment", "makeCommitment")) {
            sendValid(valid.build(api.byId(step), initiative));
        }
    }

    private Optional<JsonNode> sendValid(Draft draft) {
        Hostility.Attack plain = new Hostility.Attack("valid " + draft.operation.id(), draft.toRequest(), Set.of(),
                null);
        if (report.violationsOf(plain.kind(), null) >= VIOLATIONS_PER_CLASS) {
            return Optional.empty();
        }
        return exchange(plain, draft);
    }

    /** Sends one request, checks the answer, learns from a receipt; answers the receipt if any. */
    private Optional<JsonNode> exchange(Hostility.Attack attack, Draft draft) {
        RawHttp.Response response;
        long started = System.nanoTime();
        try {
            response = http.send(attack.request());
            if (response.status() == 503 && attack.expected().isEmpty() && !draft.operation.isCommand()) {
                // A read may find an initiative not projected yet; a client retries once, as told.
                sleep(RETRY_AFTER);
                response = http.send(attack.request());
            }
        } catch (RuntimeException e) {
            report.sent(attack.kind(), 0, (System.nanoTime() - started) / 1_000_000);
            report.violation(attack.kind(), attack.field(), "no answer: " + e.getMessage(), attack.request(), null);
            return Optional.empty();
        }
        report.sent(attack.kind(), response.status(), (System.nanoTime() - started) / 1_000_000);
        trace(attack, response);
        for (String finding : Answers.broken(response, attack.expected(), attack.field(), attack.byTransport())) {
            report.violation(attack.kind(), attack.field(), finding, attack.request(), response);
        }
        if (!draft.operation.isCommand() || response.status() / 100 != 2) {
            return Optional.empty();
        }
        JsonNode receipt = Answers.parse(response);
        if (receipt == null || !receipt.has("version")) {
            report.violation(attack.kind(), attack.field(), "accepted without a receipt", attack.request(), response);
            return Optional.empty();
        }
        JsonNode sentBody = strict(attack.request().body());
        world.learn(receipt, sentBody == null ? lenient(attack.request().body()) : sentBody, draft.path);
        if (sentBody != null) {
            checkStoredVerbatim(attack, draft, sentBody, receipt);
        }
        return Optional.of(receipt);
    }

    /** Every text and id the command carried is in the recorded event exactly as sent. */
    private void checkStoredVerbatim(Hostility.Attack attack, Draft draft, JsonNode sent, JsonNode receipt) {
        String target = "/api/v1/initiatives/" + receipt.path("initiativeId").asText() + "/events?fromVersion="
                + receipt.path("version").asLong() + "&limit=1";
        RawHttp.Response events = http.send(RawHttp.get(target));
        JsonNode data = Optional.ofNullable(Answers.parse(events)).map(e -> e.path(0).path("data")).orElse(null);
        if (events.status() != 200 || data == null || data.isMissingNode()) {
            report.violation(attack.kind(), attack.field(), "recorded event not readable (" + events.status() + ")",
                    attack.request(), events);
            return;
        }
        for (BodyFields.Field field : BodyFields.of(api, draft.operation, sent)) {
            boolean text = field.kind() == BodyFields.Kind.TEXT || field.kind() == BodyFields.Kind.ID;
            JsonNode value = sent.at(field.pointer());
            if (!text || !value.isTextual() || NOT_VERBATIM.contains(field.name())) {
                continue;
            }
            JsonNode stored = data.at(field.pointer());
            if (!value.asText().equals(stored.asText(null))) {
                report.violation(attack.kind(), attack.field(), "text altered in " + field.name() + ": sent "
                        + RawHttp.printable(value.asText().getBytes(StandardCharsets.UTF_8), 40) + ", stored "
                        + RawHttp.printable(stored.toString().getBytes(StandardCharsets.UTF_8), 40),
                        attack.request(), events);
            }
        }
    }

    /** Every initiative the run touched is readable, details and alignment, at the latest version it recorded. */
    private void checkNothingStalled() {
        Instant deadline = Instant.now().plus(STALL_BUDGET);
        List<World.Initiative> initiatives = new ArrayList<>(world.initiatives());
        report.initiativesChecked(initiatives.size());
        for (World.Initiative initiative : initiatives) {
            for (String view : List.of("", "/alignment")) {
                RawHttp.Request read = RawHttp.get("/api/v1/initiatives/" + initiative.id + view + "?minVersion="
                        + initiative.version);
                RawHttp.Response answer = http.send(read);
                while (answer.status() == 503 && Instant.now().isBefore(deadline)) {
                    answer = http.send(read);
                }
                JsonNode state = Answers.parse(answer);
                if (answer.status() != 200 || state == null || state.path("version").asLong() < initiative.version) {
                    report.violation("projection", null, (view.isEmpty() ? "details" : "alignment")
                            + " not readable at the latest version", read, answer);
                }
            }
        }
    }

    /** With -Daccord.fuzz.trace=<file>, every exchange is appended to that file for later reading. */
    private static void trace(Hostility.Attack attack, RawHttp.Response response) {
        String file = System.getProperty("accord.fuzz.trace");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), attack.kind() + " | " + attack.request().describe() + "\n    -> "
                    + response.describe() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How Accord read a body it accepted although it is not strict JSON: the last duplicate wins. */
    private static JsonNode lenient(byte[] body) {
        try {
            return body == null || body.length == 0 ? Draft.JSON.createObjectNode() : Draft.JSON.readTree(body);
        } catch (Exception e) {
            return Draft.JSON.createObjectNode();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode strict(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return STRICT.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}
