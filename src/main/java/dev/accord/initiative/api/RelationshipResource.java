package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.EstablishRelationship;
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

import java.util.List;
import java.util.UUID;

/** Stage 1: people record the relationship they established and what they understand of each other. */
@Path("/api/v1/initiatives/{initiativeId}/relationships")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RelationshipResource {

    @Inject
    CommandEndpoint endpoint;

    public record RelationshipRequest(List<String> participants, String mutualUnderstanding, String occurredAt) {
    }

    @POST
    public Uni<Response> establish(@PathParam("initiativeId") String initiativeId, RelationshipRequest body,
                                   @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        RelationshipRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new EstablishRelationship(id, CommandEndpoint.newId(), request.participants(),
                        request.mutualUnderstanding(), request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/relationships", request);
    }
}
