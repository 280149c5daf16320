package dev.accord.alignment.api;

import dev.accord.alignment.readmodel.AlignmentQueries;
import dev.accord.http.PathIds;
import dev.accord.http.QueryParameters;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The answer to "which stage is missing, and what conversation should we begin now?" (docs/alignment-model.md). */
@Path("/api/v1/initiatives/{initiativeId}/alignment")
@Produces(MediaType.APPLICATION_JSON)
public class AlignmentResource {

    @Inject
    AlignmentQueries queries;

    @Inject
    AlignmentStreams streams;

    @GET
    public Uni<Response> alignment(@PathParam("initiativeId") String initiativeId, @QueryParam("asOf") String asOf,
                                   @QueryParam("minVersion") String minVersion) {
        // the state's JSON as written once per evaluation (AlignmentQueries.json), not serialized per request
        return queries.json(PathIds.initiativeId(initiativeId), QueryParameters.asOf(asOf),
                        QueryParameters.minVersion(minVersion))
                .map(state -> Response.ok(state.json()).tag(Long.toString(state.version())).build());
    }

    /**
     * Server-Sent Events: the state now, then the state after each change (an event applied, or
     * a due date passing), each with its version as the event id. A client that reconnects with
     * {@code Last-Event-ID} gets nothing it already has.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<OutboundSseEvent> stream(@PathParam("initiativeId") String initiativeId,
                                         @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return streams.open(PathIds.initiativeId(initiativeId), parseLastEventId(lastEventId), sse);
    }

    /** Blank is no id: an EventSource that has none sends none, and an empty id clears it. */
    private static Long parseLastEventId(String value) {
        return value == null || value.isBlank() ? null : QueryParameters.version("Last-Event-ID", value);
    }
}
