package dev.accord.alignment.api;

import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.initiative.api.InitiativeClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For many generated, valid histories played through the API, the live projection, a rebuild
 * from the event store and {@code asOf} now must give the same alignment: one fold, three ways in.
 */
@QuarkusTest
class AlignmentConsistencyTest {

    private static final List<String> UNITS = List.of("exec", "sales", "finance", "operations");
    private static final List<String> STANCES = List.of("CO_CREATED", "OWNS", "BUYS_IN", "HAS_CONCERNS", "DECLINES");

    @Inject
    AlignmentViews views;

    @Test
    void live_projection_rebuild_and_as_of_now_agree() {
        long seed = Long.getLong("accord.consistency.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int run = 0; run < 8; run++) {
            History history = new History(random);
            history.play(25 + random.nextInt(20));
            String id = history.initiative.id;
            long version = history.initiative.version();

            JsonPath live = given().queryParam("minVersion", version).get("/api/v1/initiatives/{id}/alignment", id)
                    .then().statusCode(200).extract().jsonPath();
            Instant recorded = Instant.now();
            JsonPath asOf = given().queryParam("asOf", recorded.toString())
                    .get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200).extract().jsonPath();
            AlignmentFacts liveFacts = views.find(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5))
                    .orElseThrow();
            AlignmentFacts rebuilt = views.rebuilt(UUID.fromString(id)).await().atMost(Duration.ofSeconds(5))
                    .orElseThrow();

            String context = "seed " + seed + ", run " + run + ", initiative " + id;
            assertEquals(version, live.getLong("version"), context);
            assertEquals(rebuilt, liveFacts, context + ": the live facts equal a rebuild from the store");
            assertEquals(Alignment.evaluate(rebuilt, recorded), Alignment.evaluate(liveFacts, recorded), context);
            assertEquals(withoutClock(live), withoutClock(asOf), context + ": live and asOf now answer the same");
            assertTrue(live.getList("stages").size() == 5, context);
        }
    }

    private static Map<String, Object> withoutClock(JsonPath state) {
        Map<String, Object> map = new LinkedHashMap<>(state.getMap(""));
        map.remove("asOf");
        return map;
    }

    /**
     * A random but valid initiative: people join (and some leave and rejoin elsewhere), and every
     * kind of conversation happens, back-dated over the last weeks. Due dates keep at least a
     * day away from now, so reads a few milliseconds apart agree on what is overdue.
     */
    private static final class History {
        private final Random random;
        private final InitiativeClient initiative = aLaunchedInitiative();
        private final Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.MINUTES);
        private Instant clock = base.minus(60, ChronoUnit.DAYS);
        private final List<String> active = new ArrayList<>();
        private final List<String> former = new ArrayList<>();
        private final List<String> possibilities = new ArrayList<>();
        private final List<String> pathways = new ArrayList<>();
        private final List<String> openRequests = new ArrayList<>();
        private final Map<String, String> openCommitments = new HashMap<>();
        private final List<String> commitments = new ArrayList<>();

        History(Random random) {
            this.random = random;
            active.add(initiative.sponsor);
        }

        void play(int steps) {
            for (int i = 0; i < 4; i++) {
                active.add(initiative.joined(unit()));
            }
            for (int step = 0; step < steps; step++) {
                switch (random.nextInt(14)) {
                    case 0 -> join();
                    case 1 -> leave();
                    case 2, 3 -> relationship();
                    case 4 -> share();
                    case 5 -> respond();
                    case 6 -> pathway();
                    case 7 -> request();
                    case 8 -> answerRequest();
                    case 9, 10 -> commit();
                    case 11 -> closeCommitment();
                    case 12 -> acknowledge();
                    default -> feedback();
                }
            }
        }

        private String unit() {
            return UNITS.get(random.nextInt(UNITS.size()));
        }

        private String someone() {
            return active.get(random.nextInt(active.size()));
        }

        private List<String> some(int min) {
            List<String> shuffled = new ArrayList<>(active);
            Collections.shuffle(shuffled, random);
            return shuffled.subList(0, Math.min(shuffled.size(), min + random.nextInt(3)));
        }

        /**
         * When the next conversation happened: the history's clock moves forward by up to a day
         * at a time, since nothing may predate what it is about (a promise its request, a
         * fulfilment its commitment).
         */
        private String occurredAt() {
            clock = clock.plus(random.nextInt(24 * 60), ChronoUnit.MINUTES);
            return clock.toString();
        }

        /** Due around now (overdue or not), or a day or two after the clock (so a fulfilment may be late). */
        private String dueBy() {
            if (random.nextInt(3) == 0) {
                return clock.plus(24 + random.nextInt(48), ChronoUnit.HOURS).toString();
            }
            int days = random.nextBoolean() ? -(1 + random.nextInt(9)) : 1 + random.nextInt(30);
            return base.plus(days, ChronoUnit.DAYS).toString();
        }

        private void join() {
            if (!former.isEmpty() && random.nextBoolean()) {
                String back = former.remove(0);
                initiative.post("/participants", Map.of("personId", back, "displayName", back, "unit", unit(),
                        "role", "Returning")).statusCode(200);
                track();
                active.add(back);
            } else {
                active.add(initiative.joined(unit()));
            }
        }

        private void leave() {
            if (active.size() > 3) {
                String person = active.remove(1 + random.nextInt(active.size() - 1));
                given().delete("/api/v1/initiatives/{id}/participants/{p}", initiative.id, person).then()
                        .statusCode(200);
                track();
                former.add(person);
            }
        }

        private void relationship() {
            post("/relationships", Map.of("participants", some(2), "mutualUnderstanding", "m",
                    "occurredAt", occurredAt()), 201);
        }

        private void share() {
            List<String> people = some(1);
            String sharedBy = someone();
            people.remove(sharedBy);
            int split = people.isEmpty() ? 0 : random.nextInt(people.size() + 1);
            possibilities.add(post("/possibilities", Map.of("statement", "s", "sharedBy", sharedBy,
                    "audience", people.subList(0, split), "coAuthors", people.subList(split, people.size()),
                    "occurredAt", occurredAt()), 201).getString("possibilityId"));
        }

        private void respond() {
            if (!possibilities.isEmpty()) {
                post("/possibilities/" + possibilities.get(random.nextInt(possibilities.size())) + "/responses",
                        Map.of("personId", someone(), "stance", STANCES.get(random.nextInt(STANCES.size())),
                                "occurredAt", occurredAt()), 200);
            }
        }

        private void pathway() {
            if (!possibilities.isEmpty()) {
                String occurredAt = occurredAt();
                Map<String, Object> body = InitiativeClient.pathwayBody(
                        possibilities.get(random.nextInt(possibilities.size())), some(1),
                        List.of(Map.of("title", "m", "dueBy", dueBy())));
                body.put("occurredAt", occurredAt);
                pathways.add(post("/pathways", body, 201).getString("pathwayId"));
            }
        }

        private void request() {
            openRequests.add(post("/commitment-requests", Map.of("requestedBy", someone(), "personId", someone(),
                    "result", "r", "dueBy", dueBy(), "occurredAt", occurredAt()), 201).getString("requestId"));
        }

        private void answerRequest() {
            if (openRequests.isEmpty()) {
                return;
            }
            String requestId = openRequests.remove(0);
            if (random.nextBoolean()) {
                post("/commitment-requests/" + requestId + "/decline", Map.of("reason", "no"), 200);
            } else {
                String asked = given().queryParam("minVersion", initiative.version())
                        .get("/api/v1/initiatives/{id}", initiative.id).then().statusCode(200).extract()
                        .path("requests.find { it.requestId == '" + requestId + "' }.personId");
                if (active.contains(asked)) {
                    commit(asked, requestId);
                }
            }
        }

        private void commit() {
            commit(someone(), null);
        }

        private void commit(String person, String requestId) {
            Map<String, Object> body = new HashMap<>(Map.of("personId", person, "role", "r", "result", "r",
                    "dueBy", dueBy(), "occurredAt", occurredAt()));
            if (requestId != null) {
                body.put("requestId", requestId);
            }
            if (!pathways.isEmpty() && random.nextBoolean()) {
                body.put("pathwayId", pathways.get(random.nextInt(pathways.size())));
            }
            String commitmentId = post("/commitments", body, 201).getString("commitmentId");
            openCommitments.put(commitmentId, person);
            commitments.add(commitmentId);
        }

        private void closeCommitment() {
            if (openCommitments.isEmpty()) {
                return;
            }
            String commitmentId = openCommitments.keySet().stream().sorted().findFirst().orElseThrow();
            switch (random.nextInt(3)) {
                case 0 -> {
                    post("/commitments/" + commitmentId + "/fulfilment", Map.of("occurredAt", occurredAt()), 200);
                    openCommitments.remove(commitmentId);
                }
                case 1 -> {
                    post("/commitments/" + commitmentId + "/withdrawal", Map.of("reason", "r"), 200);
                    openCommitments.remove(commitmentId);
                }
                default -> post("/commitments/" + commitmentId + "/renegotiation",
                        Map.of("dueBy", dueBy(), "reason", "r", "occurredAt", occurredAt()),
                        200);
            }
        }

        private void acknowledge() {
            if (active.size() < 2) {
                return;
            }
            List<String> pair = some(2).subList(0, 2);
            Map<String, Object> body = new HashMap<>(Map.of("from", pair.get(0), "to", pair.get(1), "text", "t"));
            if (!commitments.isEmpty()) {
                body.put("commitmentId", commitments.get(random.nextInt(commitments.size())));
            }
            post("/acknowledgements", body, 201);
        }

        private void feedback() {
            if (active.size() >= 2) {
                List<String> pair = some(2).subList(0, 2);
                post("/feedback", Map.of("from", pair.get(0), "to", pair.get(1), "text", "t"), 201);
            }
        }

        private JsonPath post(String path, Map<String, Object> body, int status) {
            JsonPath receipt = initiative.post(path, body).log().ifValidationFails().statusCode(status)
                    .extract().jsonPath();
            track();
            return receipt;
        }

        /** Keeps the client's version in step with commands posted outside its helpers. */
        private void track() {
            initiative.observe(given().get("/api/v1/initiatives/{id}/events?fromVersion=1&limit=1000",
                    initiative.id).then().statusCode(200).extract().jsonPath().getList("").size());
        }
    }
}
