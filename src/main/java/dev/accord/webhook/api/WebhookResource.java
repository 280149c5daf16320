package dev.accord.webhook.api;

import dev.accord.http.BadRequest;
import dev.accord.http.QueryParameters;
import dev.accord.initiative.readmodel.Page;
import dev.accord.webhook.Delivery;
import dev.accord.webhook.NewSubscription;
import dev.accord.webhook.Subscription;
import dev.accord.webhook.Subscriptions;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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
import java.util.UUID;

/** Webhook subscriptions (docs/webhooks.md): managing them needs the admin role (security.AccessPolicy). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final int MAX_PAGE_SIZE = 100;

    @Inject
    Subscriptions subscriptions;

    /** Answers the secret this once; no read shows it again. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> subscribe(SubscriptionRequest body) {
        if (body == null) {
            // As for commands: no body at all is unreadable (400), an empty object is invalid (422).
            throw new BadRequest("a JSON body is required");
        }
        NewSubscription subscription = NewSubscription.of(body.url(), body.types(), body.initiativeId());
        return subscriptions.create(subscription).map(created -> Response.created(
                URI.create("/api/v1/webhooks/" + created.id())).entity(created).build());
    }

    @GET
    public Uni<Page<Subscription>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return subscriptions.list(page(page), size(size));
    }

    @GET
    @Path("/{id}")
    public Uni<Subscription> find(@PathParam("id") String id) {
        return subscriptions.find(subscriptionId(id));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return subscriptions.delete(subscriptionId(id)).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/deliveries")
    public Uni<Page<Delivery>> deliveries(@PathParam("id") String id, @QueryParam("page") String page,
                                          @QueryParam("size") String size) {
        return subscriptions.deliveries(subscriptionId(id), page(page), size(size));
    }

    private static int page(String page) {
        return QueryParameters.wholeNumber("page", page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
    }

    private static int size(String size) {
        return QueryParameters.wholeNumber("size", size, 20, 1, MAX_PAGE_SIZE);
    }

    /** An id that is not a UUID names no subscription: a 404, as for initiatives. */
    private static UUID subscriptionId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Subscriptions.unknown(value);
        }
    }
}
