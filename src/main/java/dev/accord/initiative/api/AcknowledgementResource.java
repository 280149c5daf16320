package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.AcknowledgeContribution;
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

/** Stage 5: one participant acknowledges another's contribution; naming a commitment acknowledges it. */
@Path("/api/v1/initiatives/{initiativeId}/acknowledgements")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AcknowledgementResource {

    @Inject
    CommandEndpoint endpoint;

    public record AcknowledgementRequest(String from, String to, String commitmentId, String text,
                                         String occurredAt) {
    }

    @POST
    public Uni<Response> acknowledge(@PathParam("initiativeId") String initiativeId, AcknowledgementRequest body,
                                     @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        AcknowledgementRequest request = CommandEndpoint.required(body);
        return endpoint.answer(new AcknowledgeContribution(id, CommandEndpoint.newId(), request.from(), request.to(),
                        request.commitmentId(), request.text(), request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/acknowledgements", request);
    }
}
