package dev.accord.initiative.api;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.accord.initiative.api.Initiatives.aLaunchRequest;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.launch;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;

/**
 * One launched initiative driven through the public API as a client would: each step posts a
 * command, expects it accepted, and remembers the version so reads can wait for their writes.
 */
public final class InitiativeClient {

    public final String id;
    public final String sponsor;
    private long version;

    private InitiativeClient(String id, String sponsor, long version) {
        this.id = id;
        this.sponsor = sponsor;
        this.version = version;
    }

    /** A new initiative with units exec, sales and finance, its sponsor in exec. */
    public static InitiativeClient aLaunchedInitiative() {
        String sponsor = anyPersonId();
        String id = launch(aLaunchRequest(sponsor)).statusCode(201).extract().path("initiativeId");
        return new InitiativeClient(id, sponsor, 1);
    }

    public long version() {
        return version;
    }

    /** Records a version reached by a command posted without this client's helpers. */
    public void observe(long newVersion) {
        version = Math.max(version, newVersion);
    }

    /** A new person joins from {@code unit}; answers their personId. */
    public String joined(String unit) {
        String personId = anyPersonId();
        accepted(post("/participants", person(personId, unit)), 200);
        return personId;
    }

    public String relationship(String... people) {
        return accepted(post("/relationships", Map.of("participants", List.of(people),
                "mutualUnderstanding", "We rely on each other for the quarterly plan")), 201).path("relationshipId");
    }

    public String possibility(String sharedBy, List<String> audience, List<String> coAuthors) {
        return accepted(post("/possibilities", Map.of("statement", "Win twenty mid-size accounts in DACH",
                "sharedBy", sharedBy, "audience", audience, "coAuthors", coAuthors)), 201).path("possibilityId");
    }

    public void respond(String possibilityId, String personId, String stance) {
        accepted(post("/possibilities/" + possibilityId + "/responses",
                Map.of("personId", personId, "stance", stance)), 200);
    }

    /** Maps a pathway with one milestone per due date given; answers the receipt. */
    public JsonPath pathway(String possibilityId, List<String> participants,
                                                     Instant... milestoneDates) {
        List<Map<String, Object>> milestones = new ArrayList<>();
        for (int i = 0; i < milestoneDates.length; i++) {
            milestones.add(Map.of("title", "Milestone " + (i + 1), "dueBy", milestoneDates[i].toString()));
        }
        return accepted(post("/pathways", pathwayBody(possibilityId, participants, milestones)), 201).jsonPath();
    }

    public static Map<String, Object> pathwayBody(String possibilityId, List<String> participants,
                                                  List<Map<String, Object>> milestones) {
        Map<String, Object> body = new HashMap<>();
        body.put("possibilityId", possibilityId);
        body.put("participants", participants);
        body.put("who", "Sales leads with finance partners");
        body.put("what", "Twenty signed mid-size accounts");
        body.put("when", "By the end of Q2");
        body.put("where", "DACH region");
        body.put("how", "Joint account plans reviewed weekly");
        body.put("milestones", milestones);
        return body;
    }

    public String request(String requestedBy, String personId, Instant dueBy) {
        return accepted(post("/commitment-requests", Map.of("requestedBy", requestedBy, "personId", personId,
                "result", "A pricing model for the DACH bundle", "dueBy", dueBy.toString())), 201).path("requestId");
    }

    public String commitment(String personId, Instant dueBy) {
        return commitment(Map.of("personId", personId, "role", "Account lead", "result", "Five signed accounts",
                "dueBy", dueBy.toString()));
    }

    public String commitment(Map<String, Object> body) {
        return accepted(post("/commitments", body), 201).path("commitmentId");
    }

    /** A commitment made {@code daysAgo} days back, due {@code dueDaysAgo} days back. */
    public String backDatedCommitment(String personId, int daysAgo, int dueDaysAgo) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return commitment(Map.of("personId", personId, "role", "Analyst", "result", "Churn analysis",
                "dueBy", now.minus(dueDaysAgo, ChronoUnit.DAYS).toString(),
                "occurredAt", now.minus(daysAgo, ChronoUnit.DAYS).toString()));
    }

    public void fulfil(String commitmentId) {
        accepted(post("/commitments/" + commitmentId + "/fulfilment",
                Map.of("evidence", "Signed contracts in the CRM")), 200);
    }

    public void withdraw(String commitmentId) {
        accepted(post("/commitments/" + commitmentId + "/withdrawal", Map.of("reason", "Budget moved to 2028")), 200);
    }

    public String feedback(String from, String to) {
        return accepted(post("/feedback", Map.of("from", from, "to", to, "text", "The account plans were clear")),
                201).path("feedbackId");
    }

    public String acknowledgement(String from, String to, String commitmentId) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("from", from, "to", to,
                "text", "Thank you for landing the first accounts"));
        if (commitmentId != null) {
            body.put("commitmentId", commitmentId);
        }
        return accepted(post("/acknowledgements", body), 201).path("acknowledgementId");
    }

    public void complete(String declaredBy) {
        accepted(post("/completion", Map.of("declaredBy", declaredBy, "summary", "Twenty accounts signed")), 200);
    }

    /**
     * Posts a command to a path under this initiative and answers the raw response; an accepted
     * command moves the version {@link #details()} waits for.
     */
    public ValidatableResponse post(String path, Object body) {
        Response response = given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/initiatives/" + id + path);
        if (response.statusCode() < 300) {
            observe(response.jsonPath().getLong("version"));
        }
        return response.then();
    }

    /** The details once the read model caught up with every command this client made. */
    public ValidatableResponse details() {
        return given().queryParam("minVersion", version).get("/api/v1/initiatives/{id}", id).then().statusCode(200);
    }

    private ExtractableResponse<Response> accepted(ValidatableResponse response, int status) {
        ExtractableResponse<Response> extracted = response.statusCode(status).extract();
        version = extracted.jsonPath().getLong("version");
        return extracted;
    }
}
