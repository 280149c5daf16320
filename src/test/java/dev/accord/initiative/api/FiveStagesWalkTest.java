package dev.accord.initiative.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.accord.initiative.api.InitiativeClient.aLaunchedInitiative;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A realistic initiative walked through all five stages over HTTP: three units, eight people,
 * relationships across units, two possibilities with their responses, a pathway with
 * milestones, requests that are promised and declined, commitments renegotiated, fulfilled and
 * withdrawn, feedback, acknowledgement and completion. The details and the event stream must
 * tell the same story.
 */
@QuarkusTest
class FiveStagesWalkTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static Instant days(int offset) {
        return NOW.plus(offset, ChronoUnit.DAYS);
    }

    @Test
    void an_initiative_walks_through_all_five_stages() {
        InitiativeClient initiative = aLaunchedInitiative();
        String sponsor = initiative.sponsor;
        String chiefOfStaff = initiative.joined("exec");
        String ana = initiative.joined("sales");
        String ben = initiative.joined("sales");
        String cleo = initiative.joined("sales");
        String fay = initiative.joined("finance");
        String gus = initiative.joined("finance");
        String hal = initiative.joined("finance");

        // Stage 1: relationships, within and across units.
        initiative.relationship(sponsor, ana);
        initiative.relationship(ana, fay, gus);
        initiative.relationship(sponsor, chiefOfStaff);

        // Stage 2: two possibilities and the stances people take.
        String bundle = initiative.possibility(sponsor, List.of(ana, ben, fay), List.of(chiefOfStaff));
        initiative.respond(bundle, ana, "OWNS");
        initiative.respond(bundle, ben, "BUYS_IN");
        initiative.respond(bundle, fay, "HAS_CONCERNS");
        initiative.respond(bundle, fay, "OWNS");
        String referrals = initiative.possibility(ana, List.of(cleo), List.of(gus));

        // Stage 3: the pathway of the bundle, with two milestones.
        JsonPath pathway = initiative.pathway(bundle, List.of(sponsor, ana, fay), days(30), days(60));
        String pathwayId = pathway.getString("pathwayId");
        List<String> milestoneIds = pathway.getList("milestoneIds");

        // Stage 4: requests promised (with a counter-offer) and declined; commitments live their lives.
        String pricingRequest = initiative.request(sponsor, fay, days(14));
        String pricing = initiative.commitment(Map.of("personId", fay, "role", "Pricing analyst",
                "result", "Bundle pricing model", "dueBy", days(21).toString(), "requestId", pricingRequest,
                "pathwayId", pathwayId, "milestoneId", milestoneIds.get(0)));
        String trainingRequest = initiative.request(ana, hal, days(10));
        initiative.post("/commitment-requests/" + trainingRequest + "/decline",
                Map.of("reason", "Quarter close needs the whole team")).statusCode(200);
        String accounts = initiative.commitment(Map.of("personId", ana, "role", "Account lead",
                "result", "Five signed DACH accounts", "dueBy", days(45).toString(), "pathwayId", pathwayId,
                "milestoneId", milestoneIds.get(1)));
        String events = initiative.commitment(ben, days(20));
        initiative.post("/commitments/" + events + "/renegotiation", Map.of("dueBy", days(40).toString(),
                "result", "Two partner events", "reason", "Venue availability")).statusCode(200);
        initiative.withdraw(events);
        initiative.fulfil(pricing);

        // Stage 5: feedback, acknowledgement and completion.
        initiative.feedback(sponsor, fay);
        initiative.acknowledgement(sponsor, fay, pricing);
        initiative.acknowledgement(ana, gus, null);
        initiative.complete(sponsor);

        initiative.details()
                .body("status", equalTo("COMPLETED"))
                .body("participants", hasSize(8))
                .body("participants.unit", containsInAnyOrder("exec", "exec", "sales", "sales", "sales", "finance",
                        "finance", "finance"))
                .body("relationships", hasSize(3))
                .body("relationships[1].participants", contains(ana, fay, gus))
                .body("possibilities.possibilityId", contains(bundle, referrals))
                .body("possibilities[0].coAuthors", contains(chiefOfStaff))
                .body("possibilities[0].responses.stance", contains("OWNS", "BUYS_IN", "HAS_CONCERNS", "OWNS"))
                .body("possibilities[1].responses", hasSize(0))
                .body("pathways", hasSize(1))
                .body("pathways[0].participants", contains(sponsor, ana, fay))
                .body("pathways[0].milestones.milestoneId", equalTo(milestoneIds))
                .body("requests.requestId", contains(pricingRequest, trainingRequest))
                .body("requests.status", contains("PROMISED", "DECLINED"))
                .body("requests[0].commitmentId", equalTo(pricing))
                .body("commitments.commitmentId", contains(pricing, accounts, events))
                .body("commitments.status", contains("FULFILLED", "OPEN", "WITHDRAWN"))
                .body("commitments.overdue", everyItem(equalTo(false)))
                .body("commitments[0].milestoneId", equalTo(milestoneIds.get(0)))
                .body("commitments[2].result", equalTo("Two partner events"))
                .body("commitments[2].dueBy", equalTo(days(40).toString()))
                .body("feedback", hasSize(1))
                .body("acknowledgements.commitmentId", contains(pricing, null))
                .body("completion.declaredBy", equalTo(sponsor));

        long version = initiative.version();
        List<String> expectedTypes = List.of("InitiativeLaunched", "ParticipantJoined", "ParticipantJoined",
                "ParticipantJoined", "ParticipantJoined", "ParticipantJoined", "ParticipantJoined",
                "ParticipantJoined", "RelationshipEstablished", "RelationshipEstablished", "RelationshipEstablished",
                "PossibilityShared", "PossibilityResponded", "PossibilityResponded", "PossibilityResponded",
                "PossibilityResponded", "PossibilityShared", "PathwayMapped", "CommitmentRequested",
                "CommitmentMade", "CommitmentRequested", "CommitmentRequestDeclined", "CommitmentMade",
                "CommitmentMade", "CommitmentRenegotiated", "CommitmentWithdrawn", "CommitmentFulfilled",
                "FeedbackGiven", "ContributionAcknowledged", "ContributionAcknowledged", "InitiativeCompleted");
        assertEquals(expectedTypes.size(), version);
        given().queryParam("limit", 1000).get("/api/v1/initiatives/{id}/events", initiative.id).then()
                .statusCode(200)
                .body("type", equalTo(expectedTypes.stream().map(type -> "accord." + type + ".v1").toList()))
                .body("streamversion", equalTo(IntStream.rangeClosed(1, (int) version).boxed().toList()))
                .body("data.initiativeId", everyItem(equalTo(initiative.id)))
                .body("[19].data.commitmentId", equalTo(pricing))
                .body("[19].data.requestId", equalTo(pricingRequest))
                .body("[17].data.milestones.milestoneId", equalTo(milestoneIds))
                .body("[30].data.declaredBy", equalTo(sponsor));
    }
}
