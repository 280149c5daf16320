package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.DeclineCommitmentRequest;
import dev.accord.initiative.domain.InitiativeCommand.RequestCommitment;
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
 * Stage 4, the ask: one participant requests a commitment from another. The request is
 * answered by a commitment naming it (POST …/commitments with requestId) or by a decline.
 */
@Path("/api/v1/initiatives/{initiativeId}/commitment-requests")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CommitmentRequestResource {

    @Inject
    CommandEndpoint endpoint;

    public record CommitmentRequestRequest(String requestedBy, String personId, String result, String dueBy,
                                           String occurredAt) {
    }

    public record DeclineRequest(String reason, String occurredAt) {
    }

    @POST
    public Uni<Response> request(@PathParam("initiativeId") String initiativeId, CommitmentRequestRequest body,
                                 @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        CommitmentRequestRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new RequestCommitment(id, CommandEndpoint.newId(), request.requestedBy(),
                        request.personId(), request.result(), request.dueBy(), request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/commitment-requests", request);
    }

    @POST
    @Path("/{requestId}/decline")
    public Uni<Response> decline(@PathParam("initiativeId") String initiativeId,
                                 @PathParam("requestId") String requestId, DeclineRequest body,
                                 @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        DeclineRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new DeclineCommitmentRequest(id, requestId, request.reason(), request.occurredAt(),
                        endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/commitment-requests/" + requestId + "/decline",
                request);
    }
}
