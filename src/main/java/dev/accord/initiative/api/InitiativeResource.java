package dev.accord.initiative.api;

import dev.accord.alignment.domain.Band;
import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.StructuredCloudEvent;
import dev.accord.http.CommandHeaders;
import dev.accord.http.PathIds;
import dev.accord.http.QueryParameters;
import dev.accord.http.Unavailable;
import dev.accord.initiative.domain.InitiativeCommand;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Rejection;
import dev.accord.initiative.readmodel.InitiativeDetails;
import dev.accord.initiative.readmodel.InitiativeSummary;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.ReadYourWrites;
import dev.accord.initiative.readmodel.Page;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Launch, join, leave, and read initiatives. Thin: request → command → handler → receipt. */
@Path("/api/v1/initiatives")
@Produces(MediaType.APPLICATION_JSON)
public class InitiativeResource {

    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_EVENTS_PAGE = 1000;
    static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json";

    @Inject
    CommandEndpoint endpoint;

    @Inject
    InitiativeViews views;

    @Inject
    EventStore eventStore;

    @Inject
    ReadYourWrites readYourWrites;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> launch(LaunchRequest body, @BeanParam CommandHeaders headers) {
        LaunchRequest request = CommandEndpoint.required(body);
        PersonRequest sponsor = request.sponsor();
        var command = new InitiativeCommand.LaunchInitiative(UUID.randomUUID(), request.title(), request.strategy(),
                sponsor == null ? null : new Person(sponsor.personId(), sponsor.displayName(), sponsor.unit(),
                        sponsor.role()),
                request.units(), request.targetDate(), request.launchedAt(), endpoint.now());
        return endpoint.submit(command, headers, "POST /api/v1/initiatives", request)
                .map(receipt -> CommandEndpoint.answer(receipt, headers)
                        .status(Response.Status.CREATED)
                        .location(URI.create("/api/v1/initiatives/" + receipt.initiativeId()))
                        .build());
    }

    @POST
    @Path("/{initiativeId}/participants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> join(@PathParam("initiativeId") String initiativeId, PersonRequest body,
                              @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        PersonRequest request = CommandEndpoint.required(body);
        var command = new InitiativeCommand.JoinInitiative(id, request.personId(), request.displayName(),
                request.unit(), request.role(), endpoint.now());
        return endpoint.answer(command, headers, "POST /api/v1/initiatives/" + id + "/participants", request);
    }

    @DELETE
    @Path("/{initiativeId}/participants/{personId}")
    public Uni<Response> leave(@PathParam("initiativeId") String initiativeId, @PathParam("personId") String personId,
                               @QueryParam("reason") String reason, @BeanParam CommandHeaders headers) {
        UUID id = PathIds.initiativeId(initiativeId);
        var command = new InitiativeCommand.LeaveInitiative(id, personId, reason, endpoint.now());
        return endpoint.answer(command, headers, "DELETE /api/v1/initiatives/" + id + "/participants/" + personId,
                new LeaveParameters(reason));
    }

    @GET
    @Path("/{initiativeId}")
    public Uni<Response> details(@PathParam("initiativeId") String initiativeId,
                                 @QueryParam("minVersion") String minVersion) {
        UUID id = PathIds.initiativeId(initiativeId);
        Long wanted = QueryParameters.minVersion(minVersion);
        Uni<Optional<InitiativeDetails>> read = wanted == null
                ? views.find(id)
                : readYourWrites.await(views, id, wanted, () -> eventStore.latestVersion(id));
        return read.chain(found -> found.isPresent()
                ? Uni.createFrom().item(Response.ok(found.get().at(clock.instant()))
                        .tag(Long.toString(found.get().version())).build())
                : notYetOrNever(id));
    }

    /**
     * The initiative's stream as structured CloudEvents (the JSON batch format), oldest first.
     * A full page links to the next one; an empty page past the end is not an error.
     */
    @GET
    @Path("/{initiativeId}/events")
    @Produces({MediaType.APPLICATION_JSON, CLOUDEVENTS_BATCH})
    public Uni<Response> events(@PathParam("initiativeId") String initiativeId,
                                @QueryParam("fromVersion") String fromVersion, @QueryParam("limit") String limit) {
        UUID id = PathIds.initiativeId(initiativeId);
        int from = QueryParameters.wholeNumber("fromVersion", fromVersion, 1, 1, Integer.MAX_VALUE);
        int pageSize = QueryParameters.wholeNumber("limit", limit, 100, 1, MAX_EVENTS_PAGE);
        return eventStore.read(id, from, pageSize)
                .chain(events -> events.isEmpty()
                        ? eventStore.exists(id).map(exists -> {
                            if (!exists) {
                                throw new Rejection.NotFound("initiative " + id + " does not exist");
                            }
                            return events;
                        })
                        : Uni.createFrom().item(events))
                .map(events -> {
                    Response.ResponseBuilder answer = Response.ok(events.stream()
                            .map(StructuredCloudEvent::of).toList());
                    if (events.size() == pageSize) {
                        long next = events.get(events.size() - 1).version() + 1;
                        answer.link(URI.create("/api/v1/initiatives/" + id + "/events?fromVersion=" + next
                                + "&limit=" + pageSize), "next");
                    }
                    return answer.build();
                });
    }

    @GET
    public Uni<Page<InitiativeSummary>> list(@QueryParam("page") String page, @QueryParam("size") String size,
                                             @QueryParam("status") String status, @QueryParam("unit") String unit,
                                             @QueryParam("band") String band) {
        int pageNumber = QueryParameters.wholeNumber("page", page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int pageSize = QueryParameters.wholeNumber("size", size, 20, 1, MAX_PAGE_SIZE);
        return views.list(pageNumber, pageSize, QueryParameters.status(status), QueryParameters.unit(unit),
                QueryParameters.choice("band", band, Band.class).map(Enum::name));
    }

    /** An initiative the store has but the read model has not applied yet is "not yet", not "never". */
    private Uni<Response> notYetOrNever(UUID id) {
        return eventStore.exists(id).map(exists -> {
            if (exists) {
                throw new Unavailable("initiative " + id + " is recorded but not readable yet; retry shortly",
                        Duration.ofSeconds(1));
            }
            throw new Rejection.NotFound("initiative " + id + " does not exist");
        });
    }

    record LeaveParameters(String reason) {
    }
}
