package dev.accord.alignment.api;

import dev.accord.alignment.readmodel.PeopleQueries;
import dev.accord.initiative.domain.Rejection;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.regex.Pattern;

/** HR: how one person takes part, initiative by initiative. */
@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    @Inject
    PeopleQueries people;

    /** A person Accord has never seen in any initiative is a 404. */
    @GET
    @Path("/{personId}/engagement")
    public Uni<PeopleQueries.Engagement> engagement(@PathParam("personId") String personId) {
        if (!PERSON_ID.matcher(personId).matches()) {
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
