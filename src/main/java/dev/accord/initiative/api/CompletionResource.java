package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.CompleteInitiative;
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

/** Stage 5: a participant declares the initiative complete; it takes no further commands. */
@Path("/api/v1/initiatives/{initiativeId}/completion")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CompletionResource {

    @Inject
    CommandEndpoint endpoint;

    public record CompletionRequest(String declaredBy, String summary, String occurredAt) {
    }

    @POST
    public Uni<Response> complete(@PathParam("initiativeId") String initiativeId, CompletionRequest body,
                                  @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        CompletionRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new CompleteInitiative(id, request.declaredBy(), request.summary(),
                        request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/completion", request);
    }
}
