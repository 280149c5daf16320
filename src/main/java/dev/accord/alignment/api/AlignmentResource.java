package dev.accord.alignment.api;

import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.readmodel.AlignmentChanges;
import dev.accord.alignment.readmodel.AlignmentQueries;
import dev.accord.http.PathIds;
import dev.accord.http.QueryParameters;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** The answer to "which stage is missing, and what conversation should we begin now?" (SPEC §4). */
@Path("/api/v1/initiatives/{initiativeId}/alignment")
@Produces(MediaType.APPLICATION_JSON)
public class AlignmentResource {

    private static final Duration FIRST_STATE_WAIT = Duration.ofSeconds(10);

    @Inject
    AlignmentQueries queries;

    @Inject
    AlignmentChanges changes;

    @GET
    public Uni<Response> alignment(@PathParam("initiativeId") String initiativeId, @QueryParam("asOf") String asOf,
                                   @QueryParam("minVersion") String minVersion) {
        return queries.state(PathIds.initiativeId(initiativeId), QueryParameters.asOf(asOf),
                        QueryParameters.minVersion(minVersion))
                .map(state -> Response.ok(state).tag(Long.toString(state.version())).build());
    }

    /**
     * Server-Sent Events: the state now, then the state after each change (an event applied, or
     * a due date passing). Changes are listened for before the current state is read, so none
     * falls between the two; a state older than one already sent is not sent.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<AlignmentState> stream(@PathParam("initiativeId") String initiativeId) {
        UUID id = PathIds.initiativeId(initiativeId);
        AtomicLong sent = new AtomicLong(-1);
        Multi<AlignmentState> afterChanges = changes.of(id)
                .onItem().transformToUniAndConcatenate(change -> queries.current(id))
                .filter(Optional::isPresent)
                .map(Optional::get);
        // The first state is read before the response starts (hence a worker thread), so an
        // unknown initiative is a plain 404 rather than a stream that breaks off.
        AlignmentState first = queries.state(id, Optional.empty(), null).await().atMost(FIRST_STATE_WAIT);
        return Multi.createBy().merging().streams(Multi.createFrom().item(first), afterChanges)
                .filter(state -> sent.getAndAccumulate(state.version(), Math::max) <= state.version());
    }
}
