package dev.accord.faults;

import dev.accord.fuzz.FuzzReport;
import dev.accord.fuzz.HostileTraffic;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile input against the packaged service: the fuzz engine over every operation, and the
 * requests that once crashed Accord or stalled its projection. No answer may be a 5xx, every
 * error must be problem+json, and afterwards every initiative still answers at its latest version.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    @RegisterExtension
    static final Scenario scenario = new Scenario("hostile-input");

    // Tests run one after another (in order); these add up what all of them saw for the figures.
    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong answers5xx = new AtomicLong();
    private static final List<String> notProblems = new ArrayList<>();

    @Test
    @Order(1)
    void the_fuzz_engine_finds_no_5xx_no_bare_error_and_no_stalled_initiative() {
        long seed = Long.getLong("accord.fuzz.seed", 20261130L);
        int count = Integer.getInteger("accord.fuzz.requests", 3000);
        FuzzReport report = HostileTraffic.run(scenario.environment().http().base(), seed, count,
                Duration.ofMinutes(4));
        requests.addAndGet(report.requestsSent());
        answers5xx.addAndGet(report.serverErrors());
        assertTrue(report.requestsSent() > 0, "the fuzz engine sent nothing");
        assertEquals(0, report.serverErrors(), report.summary());
        report.assertClean();
    }

    @Test
    @Order(2)
    void the_requests_that_once_crashed_accord_get_4xx_problems() {
        AccordHttp http = scenario.environment().http();
        LoadClients.Target target = LoadClients.launch(http, 1, new ArrayList<>()).get(0);
        String base = "/api/v1/initiatives/" + target.initiativeId();
        send(() -> http.post(base + "/commitments", Map.of("personId", target.sponsor(), "role", "Lead",
                "result", "Far future", "dueBy", "+999999999-12-31T23:59:59-18:00")));
        send(() -> http.post("/api/v1/initiatives", Map.of("title", "NUL \u0000 inside", "strategy", "Grow",
                "sponsor", Map.of("personId", "sam", "displayName", "Sam", "unit", "exec", "role", "Sponsor"),
                "units", List.of("exec"))));
        send(() -> http.post(base + "/participants", "{\"personId\":\"p-1\",\"personId\":\"p-2\","
                + "\"displayName\":\"Twice\",\"unit\":\"sales\",\"role\":\"Member\"}"));
        send(() -> http.get("/api/v1/initiatives?unit=%00"));
        send(() -> http.get(base + "/alignment?asOf=%2B999999999-12-31T23:59:59-18:00"));
        assertEquals(0, answers5xx.get(), "5xx answers; errors that are not problem+json: " + notProblems);
        assertEquals(List.of(), notProblems, "errors that are not problem+json");
    }

    @Test
    @Order(3)
    void every_initiative_answers_its_latest_version_afterwards() {
        FaultEnvironment environment = scenario.environment();
        LoadClients load = new LoadClients(environment.http(), LoadClients.launch(environment.http(), 3, new ArrayList<>()), 4);
        load.start();
        ServiceProcess.pause(Duration.ofSeconds(3));
        load.stop();

        Figures figures = scenario.figures();
        List<String> stalled = new ArrayList<>();
        Map<UUID, Long> latest = environment.store().latestVersions();
        latest.forEach((initiative, version) -> {
            AccordHttp.Answer answer = environment.http()
                    .getOrFail("/api/v1/initiatives/" + initiative + "/alignment?minVersion=" + version);
            if (answer.status() != 200 || answer.body().path("version").asLong() != version) {
                stalled.add(initiative + " at " + version + ": " + answer.status());
            }
        });
        figures.put("fuzzRequestsSent", requests.get()).put("answers5xx", answers5xx.get())
                .put("errorsWithoutProblemJson", notProblems.size()).put("initiativesChecked", latest.size())
                .put("stalledInitiatives", stalled.size());
        figures.check("no 5xx", answers5xx.get() == 0, answers5xx.get() + " answers");
        figures.check("every initiative's alignment answers 200 at its latest version", stalled.isEmpty(), stalled);
        figures.writeAndAssert();
    }

    interface Request {
        AccordHttp.Answer send() throws IOException;
    }

    private static void send(Request request) {
        try {
            AccordHttp.Answer answer = request.send();
            requests.incrementAndGet();
            if (answer.status() >= 500) {
                answers5xx.incrementAndGet();
            }
            if (answer.status() >= 400 && !answer.isProblem()) {
                notProblems.add(answer.status() + " " + answer.contentType() + " " + answer.text());
            }
        } catch (IOException e) {
            throw new AssertionError("no answer: " + e.getMessage(), e);
        }
    }
}
