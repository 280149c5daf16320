package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.FulfilCommitment;
import dev.accord.initiative.domain.InitiativeCommand.MakeCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RenegotiateCommitment;
import dev.accord.initiative.domain.InitiativeCommand.WithdrawCommitment;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * Stage 4, the promise and its life: a commitment (answering a request when it names one),
 * renegotiated while open, then fulfilled or withdrawn.
 */
@Path("/api/v1/initiatives/{initiativeId}/commitments")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CommitmentResource {

    @Inject
    CommandEndpoint endpoint;

    public record CommitmentRequest(String personId, String role, String result, String dueBy, String requestId,
                                    String pathwayId, String milestoneId, String occurredAt) {
    }

    public record RenegotiationRequest(String result, String dueBy, String reason, String occurredAt) {
    }

    public record FulfilmentRequest(String evidence, String occurredAt) {
    }

    public record WithdrawalRequest(String reason, String occurredAt) {
    }

    @POST
    public Uni<Response> make(@PathParam("initiativeId") String initiativeId, CommitmentRequest body,
                              @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        CommitmentRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new MakeCommitment(id, CommandEndpoint.newId(), request.personId(), request.role(),
                        request.result(), request.dueBy(), request.requestId(), request.pathwayId(),
                        request.milestoneId(), request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/commitments", request);
    }

    @POST
    @Path("/{commitmentId}/renegotiation")
    public Uni<Response> renegotiate(@PathParam("initiativeId") String initiativeId,
                                     @PathParam("commitmentId") String commitmentId, RenegotiationRequest body,
                                     @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        RenegotiationRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new RenegotiateCommitment(id, commitmentId, request.result(), request.dueBy(),
                        request.reason(), request.occurredAt(), endpoint.now()),
                headers, operation(id, commitmentId, "renegotiation"), request);
    }

    /** The body is optional: fulfilling now without evidence needs nothing more. */
    @POST
    @Path("/{commitmentId}/fulfilment")
    public Uni<Response> fulfil(@PathParam("initiativeId") String initiativeId,
                                @PathParam("commitmentId") String commitmentId, FulfilmentRequest body,
                                @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        FulfilmentRequest request = body == null ? new FulfilmentRequest(null, null) : body;
        return endpoint.answer(new FulfilCommitment(id, commitmentId, request.evidence(), request.occurredAt(),
                        endpoint.now()),
                headers, operation(id, commitmentId, "fulfilment"), request);
    }

    @POST
    @Path("/{commitmentId}/withdrawal")
    public Uni<Response> withdraw(@PathParam("initiativeId") String initiativeId,
                                  @PathParam("commitmentId") String commitmentId, WithdrawalRequest body,
                                  @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        WithdrawalRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new WithdrawCommitment(id, commitmentId, request.reason(), request.occurredAt(),
                        endpoint.now()),
                headers, operation(id, commitmentId, "withdrawal"), request);
    }

    private static String operation(UUID id, String commitmentId, String change) {
        return "POST /api/v1/initiatives/" + id + "/commitments/" + commitmentId + "/" + change;
    }
}
