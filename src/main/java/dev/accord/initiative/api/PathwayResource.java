package dev.accord.initiative.api;

import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.initiative.domain.InitiativeCommand.MapPathway;
import dev.accord.initiative.domain.InitiativeCommand.PlannedMilestone;
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

/** Stage 3: the pathway of a possibility, fleshed out together — who, what, when, where, how. */
@Path("/api/v1/initiatives/{initiativeId}/pathways")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PathwayResource {

    @Inject
    CommandEndpoint endpoint;

    public record PathwayRequest(String possibilityId, List<String> participants, String who, String what,
                                 String when, String where, String how, List<MilestoneRequest> milestones,
                                 String occurredAt) {
    }

    public record MilestoneRequest(String title, String dueBy, String unit) {
    }

    /** Milestone ids are made here, one per milestone, and answered in the order the client sent them. */
    @POST
    public Uni<Response> map(@PathParam("initiativeId") String initiativeId, PathwayRequest body,
                             @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        PathwayRequest request = CommandEndpoint.required(body);
        List<PlannedMilestone> milestones = request.milestones() == null ? null : request.milestones().stream()
                .map(milestone -> milestone == null ? null : new PlannedMilestone(CommandEndpoint.newId(),
                        milestone.title(), milestone.dueBy(), milestone.unit()))
                .toList();
        return endpoint.answer(new MapPathway(id, CommandEndpoint.newId(), request.possibilityId(),
                        request.participants(), request.who(), request.what(), request.when(), request.where(),
                        request.how(), milestones, request.occurredAt(), endpoint.now()),
                headers, "POST /api/v1/initiatives/" + id + "/pathways", request);
    }
}
