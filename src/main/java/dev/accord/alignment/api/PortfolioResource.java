package dev.accord.alignment.api;

import dev.accord.alignment.readmodel.PortfolioQueries;
import dev.accord.http.QueryParameters;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** PMO: the portfolio of initiatives by band, the weakest stage, the units most often disconnected. */
@Path("/api/v1/portfolio")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    @Inject
    PortfolioQueries portfolio;

    @GET
    public Uni<PortfolioQueries.Portfolio> portfolio(@QueryParam("status") String status) {
        return portfolio.portfolio(QueryParameters.status(status));
    }
}
