package dev.accord.alignment.api;

import dev.accord.alignment.readmodel.AlignmentQueries;
import dev.accord.http.PathIds;
import dev.accord.http.QueryParameters;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The next conversations to begin: the recommendations of the alignment state, in the order
 * docs/alignment-model.md gives.
 */
@Path("/api/v1/initiatives/{initiativeId}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    @Inject
    AlignmentQueries queries;

    @GET
    public Uni<Response> recommendations(@PathParam("initiativeId") String initiativeId,
                                         @QueryParam("asOf") String asOf,
                                         @QueryParam("minVersion") String minVersion) {
        return queries.state(PathIds.initiativeId(initiativeId), QueryParameters.asOf(asOf),
                        QueryParameters.minVersion(minVersion))
                .map(state -> Response.ok(state.recommendations()).tag(Long.toString(state.version())).build());
    }
}
