package dev.accord.contract;

import dev.accord.client.ApiClient;
import dev.accord.client.ApiException;
import dev.accord.client.api.AdminApi;
import dev.accord.client.api.AlignmentApi;
import dev.accord.client.api.CommitmentsApi;
import dev.accord.client.api.CompletionApi;
import dev.accord.client.api.InitiativesApi;
import dev.accord.client.api.ParticipantsApi;
import dev.accord.client.api.PathwaysApi;
import dev.accord.client.api.PeopleApi;
import dev.accord.client.api.PortfolioApi;
import dev.accord.client.api.PossibilitiesApi;
import dev.accord.client.api.RelationshipsApi;
import dev.accord.client.model.AcknowledgeContribution;
import dev.accord.client.model.AcknowledgementReceipt;
import dev.accord.client.model.AlignmentState;
import dev.accord.client.model.CloudEvent;
import dev.accord.client.model.CommitmentReceipt;
import dev.accord.client.model.CompleteInitiative;
import dev.accord.client.model.DeclineCommitmentRequest;
import dev.accord.client.model.EnrollmentStage;
import dev.accord.client.model.EstablishRelationship;
import dev.accord.client.model.FulfilCommitment;
import dev.accord.client.model.GiveFeedback;
import dev.accord.client.model.InitiativeDetails;
import dev.accord.client.model.LaunchRequest;
import dev.accord.client.model.MakeCommitment;
import dev.accord.client.model.MapPathway;
import dev.accord.client.model.PathwayReceipt;
import dev.accord.client.model.Person;
import dev.accord.client.model.PlannedMilestone;
import dev.accord.client.model.PossibilityReceipt;
import dev.accord.client.model.Receipt;
import dev.accord.client.model.RebuildRequest;
import dev.accord.client.model.RebuildStatus;
import dev.accord.client.model.Recommendation;
import dev.accord.client.model.RenegotiateCommitment;
import dev.accord.client.model.RequestCommitment;
import dev.accord.client.model.RespondToPossibility;
import dev.accord.client.model.SharePossibility;
import dev.accord.client.model.Stance;
import dev.accord.client.model.WithdrawCommitment;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's walk-through, played through the Java client openapi-generator makes from
 * openapi.yaml (pom.xml, execution "generated-client": library native, unknown enum values
 * tolerated), so the contract stays usable as written: every operation, If-Match,
 * Idempotency-Key, minVersion, asOf and the alignment stream.
 *
 * <p>The stream is opened with the client's own HttpClient, base URI and request interceptor
 * (where authentication would go) but read line by line: the generated {@code streamAlignment}
 * reads the whole body into a String, which for a stream that never ends never returns.
 */
@QuarkusTest
class GeneratedClientWalkThroughTest {

    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    @TestHTTPResource("/")
    URL root;

    @Test
    void the_readme_walk_through_runs_through_the_generated_client() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(root.toString().replaceAll("/$", ""));
        InitiativesApi initiatives = new InitiativesApi(client);
        ParticipantsApi participants = new ParticipantsApi(client);
        RelationshipsApi relationships = new RelationshipsApi(client);
        PossibilitiesApi possibilities = new PossibilitiesApi(client);
        PathwaysApi pathways = new PathwaysApi(client);
        CommitmentsApi commitments = new CommitmentsApi(client);
        CompletionApi completion = new CompletionApi(client);
        AlignmentApi alignment = new AlignmentApi(client);

        // Launch; the sponsor is the first participant.
        Receipt launched = initiatives.launchInitiative(new LaunchRequest().title("Grow EMEA mid-market")
                .strategy("Be the partner mid-size firms trust with their growth")
                .sponsor(new Person().personId("sam").displayName("Sam Sponsor").unit("exec").role("Sponsor"))
                .units(Set.of("exec", "sales", "finance")).targetDate(NOW.plusMonths(7).toLocalDate().toString())
                .launchedAt(NOW.minusDays(60)), null, null, null);
        UUID id = launched.getInitiativeId();
        assertEquals(1L, launched.getVersion());
        assertEquals("accord.InitiativeLaunched.v1", launched.getType());

        // Ana joins only if nobody changed the initiative since version 1; the same key again is the same receipt.
        Person ana = new Person().personId("ana").displayName("Ana").unit("sales").role("Account lead");
        Receipt joined = participants.joinInitiative(id, ana, "\"1\"", "join-ana-" + id, null);
        Receipt again = participants.joinInitiative(id, ana, "\"1\"", "join-ana-" + id, null);
        assertEquals(2L, joined.getVersion());
        assertEquals(joined.getEventId(), again.getEventId());
        ApiException stale = assertThrows(ApiException.class, () -> participants.joinInitiative(id,
                new Person().personId("bo").displayName("Bo").unit("finance").role("Pricing analyst"), "\"1\"",
                null, null));
        assertEquals(412, stale.getCode());
        participants.joinInitiative(id, new Person().personId("bo").displayName("Bo").unit("finance")
                .role("Pricing analyst"), null, null, null);

        InitiativeDetails details = initiatives.getInitiative(id, 3L);
        assertEquals(3, details.getParticipants().size());

        // Stage 1 to 5, as the README plays them.
        relationships.establishRelationship(id, new EstablishRelationship().participants(Set.of("sam", "ana"))
                .mutualUnderstanding("Ana owns the accounts; Sam clears budget within a week")
                .occurredAt(NOW.minusDays(28)), null, null, null);
        PossibilityReceipt shared = possibilities.sharePossibility(id, new SharePossibility()
                .statement("Bundle onboarding and pricing for DACH mid-size firms").sharedBy("sam")
                .audience(Set.of("ana", "bo")).coAuthors(Set.of()), null, null, null);
        String possibility = shared.getPossibilityId().toString();
        possibilities.respondToPossibility(id, possibility, new RespondToPossibility().personId("ana")
                .stance(Stance.OWNS).note("I will drive it"), null, null, null);
        possibilities.respondToPossibility(id, possibility, new RespondToPossibility().personId("bo")
                .stance(Stance.BUYS_IN), null, null, null);
        PathwayReceipt mapped = pathways.mapPathway(id, new MapPathway().possibilityId(possibility)
                .participants(Set.of("sam", "ana")).who("Ana with two account managers").what("Ten signed bundles")
                .when("By the end of Q2").where("DACH").how("Weekly account reviews")
                .milestones(List.of(new PlannedMilestone().title("Pilot customer signed").dueBy(NOW.plusDays(120))
                        .unit("sales"))), null, null, null);
        assertEquals(1, mapped.getMilestoneIds().size());
        CommitmentReceipt committed = commitments.makeCommitment(id, new MakeCommitment().personId("ana")
                .role("Account lead").result("Pilot customer signed").dueBy(NOW.plusDays(120)), null, null, null);
        String commitment = committed.getCommitmentId().toString();
        commitments.fulfilCommitment(id, commitment, null, null, null,
                new FulfilCommitment().evidence("Contract 4711 in the CRM"));
        String request = commitments.requestCommitment(id, new RequestCommitment().requestedBy("sam").personId("bo")
                .result("Bundle price list").dueBy(NOW.plusDays(90)), null, null, null).getRequestId().toString();
        commitments.declineCommitmentRequest(id, request, new DeclineCommitmentRequest()
                .reason("Quarter close takes the whole team until March"), null, null, null);
        AcknowledgementReceipt acknowledged = completion.acknowledgeContribution(id, new AcknowledgeContribution()
                .from("sam").to("ana").commitmentId(commitment).text("The pilot opened the DACH market for us"), null,
                null, null);
        assertEquals(13L, acknowledged.getVersion());

        // The alignment, focus first: begin with relationships — Bo has none, and finance is linked to nobody.
        AlignmentState state = alignment.getAlignment(id, null, 13L);
        assertEquals(13L, state.getVersion());
        assertEquals(EnrollmentStage.RELATIONSHIP, state.getFocus().getStage());
        assertEquals("Begin with relationships: 1 of 3 people has none yet, and finance has no link to exec or"
                + " sales.", state.getFocus().getHeadline());
        assertEquals(List.of("UNIT_LINK", "UNIT_LINK", "RELATIONSHIP", "ENROLLMENT", "COMMIT"),
                state.getRecommendations().stream().map(item -> item.getKind().getValue()).toList());
        List<Recommendation> next = alignment.listRecommendations(id, null, 13L);
        assertEquals(state.getRecommendations(), next);
        assertEquals(List.of("bo"), next.get(2).getParticipants());
        assertEquals(1, new PeopleApi(client).getPersonEngagement("ana").getInitiatives().stream()
                .filter(engagement -> engagement.getInitiativeId().equals(id)).count());
        assertNotNull(new PortfolioApi(client).getPortfolio(null).getBands());

        // Mistakes name what is wrong: a declined request cannot be promised (409), zoe is no participant (422).
        ApiException declined = assertThrows(ApiException.class, () -> commitments.makeCommitment(id,
                new MakeCommitment().personId("bo").role("Analyst").result("Price list").dueBy(NOW.plusDays(100))
                        .requestId(request), null, null, null));
        assertEquals(409, declined.getCode());
        ApiException outsider = assertThrows(ApiException.class, () -> relationships.establishRelationship(id,
                new EstablishRelationship().participants(Set.of("sam", "zoe")).mutualUnderstanding("-"), null,
                null, null));
        assertEquals(422, outsider.getCode());
        assertTrue(outsider.getResponseBody().contains("\"field\":\"participants["), outsider.getResponseBody());

        // The listing and the history.
        assertTrue(initiatives.listInitiatives(0, 20, null, null, null).getTotalItems() >= 1);
        List<CloudEvent> history = initiatives.listInitiativeEvents(id, 1, 100);
        assertEquals(13, history.size());

        // asOf: now (as the client writes it), and with an offset written without a colon.
        assertEquals(13L, alignment.getAlignment(id, OffsetDateTime.now(ZoneOffset.UTC), null).getVersion());
        String colonless = OffsetDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx"));
        HttpResponse<String> past = send(client, "/api/v1/initiatives/" + id + "/alignment?asOf="
                + URLEncoder.encode(colonless, StandardCharsets.UTF_8), "application/json, application/problem+json",
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, past.statusCode(), past.body());
        assertTrue(past.body().contains("\"version\":13"), past.body());

        // The stream, with the Accept header the generated streamAlignment sends.
        HttpResponse<java.io.InputStream> stream = send(client, "/api/v1/initiatives/" + id + "/alignment/stream",
                "text/event-stream, application/problem+json", HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals(200, stream.statusCode());
            String line = lines.readLine();
            while (line != null && !line.startsWith("data:")) {
                line = lines.readLine();
            }
            assertNotNull(line, "the stream sends the state");
            AlignmentState streamed = client.getObjectMapper().readValue(line.substring(5), AlignmentState.class);
            assertEquals(13L, streamed.getVersion());
            assertEquals(EnrollmentStage.RELATIONSHIP, streamed.getFocus().getStage());
        }

        // The rest of a commitment's life, feedback, leaving and completion.
        String second = commitments.makeCommitment(id, new MakeCommitment().personId("bo").role("Analyst")
                .result("Price list").dueBy(NOW.plusDays(30)), null, null, null).getCommitmentId().toString();
        commitments.renegotiateCommitment(id, second, new RenegotiateCommitment().dueBy(NOW.plusDays(45))
                .reason("Quarter close"), "\"14\"", null, null);
        commitments.withdrawCommitment(id, second, new WithdrawCommitment().reason("Priorities changed"), null, null,
                null);
        completion.giveFeedback(id, new GiveFeedback().from("ana").to("sam").text("Budget came within the week"),
                null, null, null);
        participants.leaveInitiative(id, "bo", "Moved to another team", null, null, null);
        Receipt completed = completion.completeInitiative(id, new CompleteInitiative().declaredBy("sam")
                .summary("The pilot is signed"), null, "complete-" + id, null);
        assertEquals(19L, completed.getVersion());

        // The read side's administration.
        AdminApi admin = new AdminApi(client);
        assertNotNull(admin.getProjectionStatus());
        assertNotNull(admin.getProjectionStatusByItsSpecName());
        RebuildStatus rebuild = admin.rebuildProjections(new RebuildRequest().initiativeId(id));
        assertEquals(rebuild.getRebuildId(), admin.getRebuild(rebuild.getRebuildId()).getRebuildId());
        assertEquals(404, assertThrows(ApiException.class, () -> admin.retryParkedInitiative(id)).getCode());
    }

    private static <T> HttpResponse<T> send(ApiClient client, String pathAndQuery, String accept,
                                            HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.getBaseUri() + pathAndQuery))
                .header("Accept", accept);
        if (client.getRequestInterceptor() != null) {
            client.getRequestInterceptor().accept(request);
        }
        return client.getHttpClient().send(request.build(), body);
    }
}
