package dev.accord.alignment.api;

import dev.accord.alignment.readmodel.PeopleQueries;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Rejection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** HR: how one person takes part, initiative by initiative. */
@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    @Inject
    PeopleQueries people;

    /** A person Accord has never seen in any initiative is a 404. */
    @GET
    @Path("/{personId}/engagement")
    public Uni<PeopleQueries.Engagement> engagement(@PathParam("personId") String personId) {
        if (!Person.isValidId(personId)) {
            throw new Rejection.NotFound("no person '" + personId + "' takes part in any initiative");
        }
        return people.engagement(personId).map(engagement -> {
            if (engagement.initiatives().isEmpty()) {
                throw new Rejection.NotFound("no person '" + personId + "' takes part in any initiative");
            }
            return engagement;
        });
    }
}
