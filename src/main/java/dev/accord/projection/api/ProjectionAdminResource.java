package dev.accord.projection.api;

import dev.accord.http.PathIds;
import dev.accord.initiative.domain.Rejection;
import dev.accord.projection.ProjectionStatus;
import dev.accord.projection.Projections;
import dev.accord.projection.RebuildStatus;
import dev.accord.projection.Rebuilds;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** Operating the read side: its status, rebuilds from the event store, and retries of parked initiatives. */
@Path("/api/v1/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionAdminResource {

    @Inject
    ProjectionStatus status;

    @Inject
    Rebuilds rebuilds;

    @Inject
    Projections projections;

    /** Which initiative to rebuild; absent (or no body at all) rebuilds every initiative. */
    public record RebuildRequest(String initiativeId) {
    }

    @GET
    public Uni<ProjectionStatus.Report> status() {
        return status.report();
    }

    /** The name openapi.yaml also gives the same status (getProjectionStatusByItsSpecName). */
    @GET
    @Path("/status")
    public Uni<ProjectionStatus.Report> statusAlias() {
        return status.report();
    }

    @POST
    @Path("/rebuild")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> rebuild(RebuildRequest body) {
        Optional<UUID> initiativeId = Optional.ofNullable(body).map(RebuildRequest::initiativeId)
                .map(ProjectionAdminResource::initiativeId);
        return rebuilds.start(initiativeId).map(started -> Response.accepted(started)
                .location(URI.create("/api/v1/admin/projections/rebuild/" + started.rebuildId())).build());
    }

    @GET
    @Path("/rebuild/{rebuildId}")
    public RebuildStatus rebuild(@PathParam("rebuildId") String rebuildId) {
        return rebuilds.find(rebuildId).orElseThrow(() -> new Rebuilds.UnknownRebuild(rebuildId));
    }

    @POST
    @Path("/parked/{initiativeId}/retry")
    public Uni<Projections.Retried> retry(@PathParam("initiativeId") String initiativeId) {
        return projections.retry(PathIds.initiativeId(initiativeId));
    }

    private static UUID initiativeId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new Rejection.Invalid("initiativeId", "must be an initiative id (a UUID), or absent to rebuild all");
        }
    }
}
