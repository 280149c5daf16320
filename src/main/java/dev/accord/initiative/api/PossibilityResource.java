package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.RespondToPossibility;
import dev.accord.initiative.domain.InitiativeCommand.SharePossibility;
import dev.accord.initiative.domain.Stance;
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

/** Stage 2: a possibility is shared, and people respond with their stance. */
@Path("/api/v1/initiatives/{initiativeId}/possibilities")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PossibilityResource {

    @Inject
    CommandEndpoint endpoint;

    public record PossibilityRequest(String statement, String sharedBy, List<String> audience, List<String> coAuthors,
                                     String occurredAt) {
    }

    /** An unknown stance is a malformed request (400), as docs/api-guide.md says of every unknown enum. */
    public record ResponseRequest(String personId, Stance stance, String note, String occurredAt) {
    }

    @POST
    public Uni<Response> share(@PathParam("initiativeId") String initiativeId, PossibilityRequest body,
                               @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        PossibilityRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new SharePossibility(id, CommandEndpoint.newId(), request.statement(),
                        request.sharedBy(), request.audience(), request.coAuthors(), request.occurredAt(),
                        endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/possibilities", request);
    }

    @POST
    @Path("/{possibilityId}/responses")
    public Uni<Response> respond(@PathParam("initiativeId") String initiativeId,
                                 @PathParam("possibilityId") String possibilityId, ResponseRequest body,
                                 @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        ResponseRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new RespondToPossibility(id, possibilityId, request.personId(), request.stance(),
                        request.note(), request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/possibilities/" + possibilityId + "/responses",
                request);
    }
}
