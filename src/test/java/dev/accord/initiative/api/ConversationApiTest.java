package dev.accord.initiative.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static dev.accord.initiative.api.InitiativeClient.pathwayBody;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every conversation endpoint: what it answers when accepted, and each way a client can get it wrong. */
@QuarkusTest
class ConversationApiTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String PROBLEM = "application/problem+json";

    private static Instant inDays(int days) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(days, ChronoUnit.DAYS);
    }

    @Nested
    class Relationships {

        @Test
        void a_relationship_answers_201_with_its_id_and_shows_in_the_details() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            String relationshipId = initiative.post("/relationships", Map.of(
                            "participants", List.of(initiative.sponsor, ana),
                            "mutualUnderstanding", "Ana owns the accounts, Sam clears the budget",
                            "occurredAt", "2026-11-20T10:30:00+01:00"))
                    .statusCode(201)
                    .header("ETag", equalTo("\"3\""))
                    .body("type", equalTo("accord.RelationshipEstablished.v1"))
                    .body("version", equalTo(3))
                    .body("relationshipId", matchesPattern(UUID_PATTERN))
                    .extract().path("relationshipId");

            given().queryParam("minVersion", 3).get("/api/v1/initiatives/{id}", initiative.id).then()
                    .statusCode(200)
                    .body("relationships", hasSize(1))
                    .body("relationships[0].relationshipId", equalTo(relationshipId))
                    .body("relationships[0].participants", contains(initiative.sponsor, ana))
                    .body("relationships[0].occurredAt", equalTo("2026-11-20T09:30:00Z"));
        }

        @Test
        void a_relationship_needs_two_different_active_participants() {
            InitiativeClient initiative = aLaunchedInitiative();
            initiative.post("/relationships", Map.of("participants", List.of(initiative.sponsor),
                            "mutualUnderstanding", "alone"))
                    .statusCode(422).contentType(PROBLEM)
                    .body("errors.field", contains("participants"));
            initiative.post("/relationships", Map.of("participants", List.of(initiative.sponsor, "stranger"),
                            "mutualUnderstanding", "strangers"))
                    .statusCode(422)
                    .body("errors.field", contains("participants[1]"))
                    .body("errors[0].message", equalTo("stranger is not an active participant"));
        }

        @Test
        void a_conversation_cannot_have_happened_in_the_future() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            initiative.post("/relationships", Map.of("participants", List.of(initiative.sponsor, ana),
                            "mutualUnderstanding", "later", "occurredAt", inDays(1).toString()))
                    .statusCode(422)
                    .body("errors.field", contains("occurredAt"));
            initiative.post("/relationships", Map.of("participants", List.of(initiative.sponsor, ana),
                            "mutualUnderstanding", "when?", "occurredAt", "last tuesday"))
                    .statusCode(422)
                    .body("errors.field", contains("occurredAt"));
        }
    }

    @Nested
    class Possibilities {

        @Test
        void a_possibility_is_shared_and_responded_to() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            String bo = initiative.joined("finance");
            String possibilityId = initiative.post("/possibilities", Map.of("statement", "Bundle pricing for DACH",
                            "sharedBy", initiative.sponsor, "audience", List.of(ana, bo), "coAuthors", List.of()))
                    .statusCode(201)
                    .body("type", equalTo("accord.PossibilityShared.v1"))
                    .body("possibilityId", matchesPattern(UUID_PATTERN))
                    .extract().path("possibilityId");

            initiative.post("/possibilities/" + possibilityId + "/responses",
                            Map.of("personId", ana, "stance", "OWNS", "note", "I will drive it"))
                    .statusCode(200)
                    .header("ETag", equalTo("\"5\""))
                    .body("type", equalTo("accord.PossibilityResponded.v1"));
            initiative.respond(possibilityId, bo, "HAS_CONCERNS");

            initiative.details()
                    .body("possibilities", hasSize(1))
                    .body("possibilities[0].possibilityId", equalTo(possibilityId))
                    .body("possibilities[0].audience", contains(ana, bo))
                    .body("possibilities[0].responses.personId", contains(ana, bo))
                    .body("possibilities[0].responses.stance", contains("OWNS", "HAS_CONCERNS"))
                    .body("possibilities[0].responses[0].note", equalTo("I will drive it"));
        }

        @Test
        void an_unknown_stance_is_a_malformed_request() {
            InitiativeClient initiative = aLaunchedInitiative();
            String possibilityId = initiative.possibility(initiative.sponsor, List.of(), List.of());
            initiative.post("/possibilities/" + possibilityId + "/responses",
                            Map.of("personId", initiative.sponsor, "stance", "MAYBE"))
                    .statusCode(400).contentType(PROBLEM);
        }

        @Test
        void a_response_needs_an_existing_possibility_and_a_stance() {
            InitiativeClient initiative = aLaunchedInitiative();
            initiative.post("/possibilities/no-such-possibility/responses",
                            Map.of("personId", initiative.sponsor, "stance", "OWNS"))
                    .statusCode(422)
                    .body("errors.field", contains("possibilityId"));
            String possibilityId = initiative.possibility(initiative.sponsor, List.of(), List.of());
            initiative.post("/possibilities/" + possibilityId + "/responses", Map.of("personId", initiative.sponsor))
                    .statusCode(422)
                    .body("errors.field", contains("stance"));
        }

        @Test
        void the_audience_must_be_active_participants_named_once() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            initiative.post("/possibilities", Map.of("statement", "s", "sharedBy", initiative.sponsor,
                            "audience", List.of(ana, ana, "ghost")))
                    .statusCode(422)
                    .body("errors.field", contains("audience[1]", "audience[2]"));
        }
    }

    @Nested
    class Pathways {

        @Test
        void a_pathway_answers_its_id_and_the_milestone_ids_in_request_order() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            String possibilityId = initiative.possibility(initiative.sponsor, List.of(ana), List.of());
            JsonPath receipt = initiative.pathway(possibilityId, List.of(initiative.sponsor, ana),
                    inDays(30), inDays(60));
            assertEquals("accord.PathwayMapped.v1", receipt.getString("type"));
            List<String> milestoneIds = receipt.getList("milestoneIds");
            assertEquals(2, milestoneIds.size());

            initiative.details()
                    .body("pathways", hasSize(1))
                    .body("pathways[0].pathwayId", equalTo(receipt.getString("pathwayId")))
                    .body("pathways[0].possibilityId", equalTo(possibilityId))
                    .body("pathways[0].who", equalTo("Sales leads with finance partners"))
                    .body("pathways[0].milestones.milestoneId", equalTo(milestoneIds))
                    .body("pathways[0].milestones.title", contains("Milestone 1", "Milestone 2"));
        }

        @Test
        void a_pathway_needs_an_existing_possibility_and_milestones_due_after_it() {
            InitiativeClient initiative = aLaunchedInitiative();
            initiative.post("/pathways", pathwayBody("nope", List.of(initiative.sponsor), List.of()))
                    .statusCode(422)
                    .body("errors.field", contains("possibilityId"));

            String possibilityId = initiative.possibility(initiative.sponsor, List.of(), List.of());
            Map<String, Object> body = pathwayBody(possibilityId, List.of(initiative.sponsor),
                    List.of(Map.of("title", "Kick-off", "dueBy", "2026-01-01T00:00:00Z")));
            body.remove("how");
            initiative.post("/pathways", body)
                    .statusCode(422)
                    .body("errors.field", contains("how", "milestones[0].dueBy"));
        }
    }

    @Nested
    class Commitments {

        @Test
        void a_request_is_declined_once_and_then_is_no_longer_open() {
            InitiativeClient initiative = aLaunchedInitiative();
            String bo = initiative.joined("finance");
            String requestId = initiative.request(initiative.sponsor, bo, inDays(14));
            initiative.post("/commitment-requests/" + requestId + "/decline", Map.of("reason", "No capacity in Q1"))
                    .statusCode(200)
                    .body("type", equalTo("accord.CommitmentRequestDeclined.v1"));
            initiative.post("/commitment-requests/" + requestId + "/decline", Map.of("reason", "Still no"))
                    .statusCode(409).contentType(PROBLEM);
            initiative.post("/commitments", Map.of("personId", bo, "role", "Analyst", "result", "r",
                            "dueBy", inDays(3).toString(), "requestId", requestId))
                    .statusCode(409);

            initiative.details()
                    .body("requests", hasSize(1))
                    .body("requests[0].status", equalTo("DECLINED"))
                    .body("requests[0].declineReason", equalTo("No capacity in Q1"));
        }

        @Test
        void a_commitment_answering_a_request_promises_it() {
            InitiativeClient initiative = aLaunchedInitiative();
            String bo = initiative.joined("finance");
            String requestId = initiative.request(initiative.sponsor, bo, inDays(14));
            String commitmentId = initiative.post("/commitments", Map.of("personId", bo, "role", "Pricing analyst",
                            "result", "A pricing model, a week later than asked", "dueBy", inDays(21).toString(),
                            "requestId", requestId))
                    .statusCode(201)
                    .body("type", equalTo("accord.CommitmentMade.v1"))
                    .body("commitmentId", matchesPattern(UUID_PATTERN))
                    .extract().path("commitmentId");
            initiative.post("/commitment-requests/" + requestId + "/decline", Map.of("reason", "too late"))
                    .statusCode(409);

            initiative.details()
                    .body("requests[0].status", equalTo("PROMISED"))
                    .body("requests[0].commitmentId", equalTo(commitmentId))
                    .body("commitments[0].requestId", equalTo(requestId))
                    .body("commitments[0].status", equalTo("OPEN"))
                    .body("commitments[0].overdue", equalTo(false));
        }

        @Test
        void only_the_person_asked_can_promise_a_request_and_references_must_exist() {
            InitiativeClient initiative = aLaunchedInitiative();
            String bo = initiative.joined("finance");
            String requestId = initiative.request(initiative.sponsor, bo, inDays(14));
            initiative.post("/commitments", Map.of("personId", initiative.sponsor, "role", "r", "result", "r",
                            "dueBy", inDays(3).toString(), "requestId", requestId, "pathwayId", "no-pathway"))
                    .statusCode(422)
                    .body("errors.field", contains("personId", "pathwayId"));
            initiative.post("/commitment-requests/unknown/decline", Map.of("reason", "r"))
                    .statusCode(422)
                    .body("errors.field", contains("requestId"));
        }

        @Test
        void a_due_date_before_the_conversation_is_invalid() {
            InitiativeClient initiative = aLaunchedInitiative();
            initiative.post("/commitments", Map.of("personId", initiative.sponsor, "role", "Sponsor",
                            "result", "Budget", "dueBy", "2026-11-01T00:00:00Z",
                            "occurredAt", "2026-11-02T00:00:00Z"))
                    .statusCode(422)
                    .body("errors.field", contains("dueBy"));
        }

        @Test
        void a_commitment_is_renegotiated_then_fulfilled_and_then_is_final() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            String commitmentId = initiative.commitment(ana, inDays(10));
            Instant later = inDays(20);
            initiative.post("/commitments/" + commitmentId + "/renegotiation",
                            Map.of("dueBy", later.toString(), "reason", "Legal review takes longer"))
                    .statusCode(200)
                    .body("type", equalTo("accord.CommitmentRenegotiated.v1"));
            initiative.post("/commitments/" + commitmentId + "/fulfilment", Map.of("evidence", "CRM report"))
                    .statusCode(200)
                    .body("type", equalTo("accord.CommitmentFulfilled.v1"));

            initiative.post("/commitments/" + commitmentId + "/fulfilment", Map.of()).statusCode(409);
            initiative.post("/commitments/" + commitmentId + "/withdrawal", Map.of("reason", "r")).statusCode(409);
            initiative.post("/commitments/" + commitmentId + "/renegotiation",
                    Map.of("result", "more", "reason", "r")).statusCode(409);

            initiative.details()
                    .body("commitments[0].status", equalTo("FULFILLED"))
                    .body("commitments[0].dueBy", equalTo(later.toString()))
                    .body("commitments[0].renegotiations", hasSize(1))
                    .body("commitments[0].renegotiations[0].reason", equalTo("Legal review takes longer"))
                    .body("commitments[0].evidence", equalTo("CRM report"))
                    .body("commitments[0].fulfilledOnTime", equalTo(true));
        }

        @Test
        void fulfilling_a_withdrawn_commitment_is_a_conflict() {
            InitiativeClient initiative = aLaunchedInitiative();
            String commitmentId = initiative.commitment(initiative.sponsor, inDays(10));
            initiative.withdraw(commitmentId);
            initiative.post("/commitments/" + commitmentId + "/fulfilment", Map.of())
                    .statusCode(409).contentType(PROBLEM)
                    .body("detail", equalTo("commitment " + commitmentId
                            + " is WITHDRAWN; only an OPEN commitment can be fulfilled"));
            initiative.details()
                    .body("commitments[0].status", equalTo("WITHDRAWN"))
                    .body("commitments[0].withdrawalReason", equalTo("Budget moved to 2028"));
        }

        @Test
        void a_renegotiation_must_change_the_terms_of_an_existing_commitment() {
            InitiativeClient initiative = aLaunchedInitiative();
            String commitmentId = initiative.commitment(initiative.sponsor, inDays(10));
            initiative.post("/commitments/" + commitmentId + "/renegotiation", Map.of("reason", "just because"))
                    .statusCode(422)
                    .body("errors.field", contains("dueBy"));
            initiative.post("/commitments/nope/renegotiation", Map.of("dueBy", inDays(3).toString(), "reason", "r"))
                    .statusCode(422)
                    .body("errors.field", contains("commitmentId"));
        }

        @Test
        void an_open_commitment_past_its_due_date_reads_as_overdue() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            String late = initiative.backDatedCommitment(ana, 10, 5);
            String onTrack = initiative.commitment(ana, inDays(5));
            initiative.details()
                    .body("commitments.commitmentId", contains(late, onTrack))
                    .body("commitments.overdue", contains(true, false));
        }
    }

    @Nested
    class Completion {

        @Test
        void feedback_and_acknowledgements_answer_their_ids() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            String commitmentId = initiative.commitment(ana, inDays(10));
            initiative.fulfil(commitmentId);
            initiative.post("/feedback", Map.of("from", initiative.sponsor, "to", ana, "text", "Clear plan",
                            "commitmentId", commitmentId))
                    .statusCode(201)
                    .body("type", equalTo("accord.FeedbackGiven.v1"))
                    .body("feedbackId", matchesPattern(UUID_PATTERN));
            String acknowledgementId = initiative.post("/acknowledgements", Map.of("from", initiative.sponsor,
                            "to", ana, "text", "Thank you", "commitmentId", commitmentId))
                    .statusCode(201)
                    .body("type", equalTo("accord.ContributionAcknowledged.v1"))
                    .extract().path("acknowledgementId");

            initiative.details()
                    .body("feedback", hasSize(1))
                    .body("feedback[0].to", equalTo(ana))
                    .body("acknowledgements[0].acknowledgementId", equalTo(acknowledgementId))
                    .body("acknowledgements[0].commitmentId", equalTo(commitmentId));
        }

        @Test
        void nobody_gives_feedback_to_themselves() {
            InitiativeClient initiative = aLaunchedInitiative();
            initiative.post("/feedback", Map.of("from", initiative.sponsor, "to", initiative.sponsor, "text", "t"))
                    .statusCode(422)
                    .body("errors.field", contains("to"));
            initiative.post("/acknowledgements", Map.of("from", initiative.sponsor, "to", "ghost", "text", "t",
                            "commitmentId", "nope"))
                    .statusCode(422)
                    .body("errors.field", contains("to", "commitmentId"));
        }

        @Test
        void a_completed_initiative_takes_no_further_commands() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            initiative.post("/completion", Map.of("declaredBy", initiative.sponsor, "summary", "Done and dusted"))
                    .statusCode(200)
                    .body("type", equalTo("accord.InitiativeCompleted.v1"));

            initiative.post("/relationships", Map.of("participants", List.of(initiative.sponsor, ana),
                    "mutualUnderstanding", "too late")).statusCode(409).contentType(PROBLEM);
            initiative.post("/participants", Initiatives.person("late-joiner", "sales")).statusCode(409);
            initiative.post("/completion", Map.of("declaredBy", ana, "summary", "again")).statusCode(409);
            given().delete("/api/v1/initiatives/{id}/participants/{p}", initiative.id, ana).then().statusCode(409);

            initiative.details()
                    .body("status", equalTo("COMPLETED"))
                    .body("completion.declaredBy", equalTo(initiative.sponsor))
                    .body("completion.summary", equalTo("Done and dusted"));
            given().queryParam("status", "COMPLETED").queryParam("size", 100).get("/api/v1/initiatives").then()
                    .statusCode(200)
                    .body("items.initiativeId", hasItem(initiative.id));
        }
    }

    @Nested
    class EveryEndpoint {

        private static final List<String> COMMANDS = List.of("/relationships", "/possibilities",
                "/possibilities/p/responses", "/pathways", "/commitment-requests", "/commitment-requests/r/decline",
                "/commitments", "/commitments/c/renegotiation", "/commitments/c/fulfilment",
                "/commitments/c/withdrawal", "/feedback", "/acknowledgements", "/completion");

        @Test
        void an_unknown_initiative_is_not_found() {
            for (String path : COMMANDS) {
                given().contentType(ContentType.JSON).body(Map.of())
                        .post("/api/v1/initiatives/" + UUID.randomUUID() + path).then()
                        .statusCode(404).contentType(PROBLEM);
                given().contentType(ContentType.JSON).body(Map.of())
                        .post("/api/v1/initiatives/not-a-uuid" + path).then()
                        .statusCode(404).contentType(PROBLEM);
            }
        }

        @Test
        void bodies_must_be_json_objects() {
            InitiativeClient initiative = aLaunchedInitiative();
            for (String path : COMMANDS) {
                given().contentType(ContentType.TEXT).body("hello").post("/api/v1/initiatives/" + initiative.id + path)
                        .then().statusCode(415).contentType(PROBLEM);
                given().contentType(ContentType.JSON).body("{\"participants\": [").post(
                        "/api/v1/initiatives/" + initiative.id + path).then().statusCode(400).contentType(PROBLEM);
                given().contentType(ContentType.JSON).body("[]").post(
                        "/api/v1/initiatives/" + initiative.id + path).then().statusCode(400).contentType(PROBLEM);
            }
        }

        @Test
        void an_empty_object_lists_every_missing_field() {
            InitiativeClient initiative = aLaunchedInitiative();
            initiative.post("/pathways", Map.of()).statusCode(422)
                    .body("errors.field", contains("possibilityId", "participants", "who", "what", "when", "where",
                            "how"));
            initiative.post("/commitments", Map.of()).statusCode(422)
                    .body("errors.field", contains("personId", "role", "result", "dueBy"));
        }

        @Test
        void a_stale_if_match_is_412_and_an_idempotent_retry_answers_the_first_receipt() {
            InitiativeClient initiative = aLaunchedInitiative();
            String ana = initiative.joined("sales");
            Map<String, Object> body = Map.of("participants", List.of(initiative.sponsor, ana),
                    "mutualUnderstanding", "m");
            given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                    .post("/api/v1/initiatives/{id}/relationships", initiative.id).then()
                    .statusCode(412).contentType(PROBLEM);

            String key = UUID.randomUUID().toString();
            String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/initiatives/{id}/relationships", initiative.id).then()
                    .statusCode(201).extract().path("relationshipId");
            given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/initiatives/{id}/relationships", initiative.id).then()
                    .statusCode(201)
                    .header("ETag", equalTo("\"3\""))
                    .body("relationshipId", equalTo(first));
            given().queryParam("minVersion", 3).get("/api/v1/initiatives/{id}", initiative.id).then()
                    .body("version", equalTo(3))
                    .body("relationships", hasSize(1));
        }

        @Test
        void an_idempotent_pathway_retry_answers_the_same_milestone_ids() {
            InitiativeClient initiative = aLaunchedInitiative();
            String possibilityId = initiative.possibility(initiative.sponsor, List.of(), List.of());
            Map<String, Object> body = pathwayBody(possibilityId, List.of(initiative.sponsor),
                    List.of(Map.of("title", "a", "dueBy", inDays(3).toString()),
                            Map.of("title", "b", "dueBy", inDays(4).toString(), "unit", "sales")));
            String key = UUID.randomUUID().toString();
            List<String> first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/initiatives/{id}/pathways", initiative.id).then()
                    .statusCode(201).extract().path("milestoneIds");
            List<String> again = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                    .post("/api/v1/initiatives/{id}/pathways", initiative.id).then()
                    .statusCode(201).extract().path("milestoneIds");
            assertEquals(2, first.size());
            assertEquals(first, again);
        }
    }
}
