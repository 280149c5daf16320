package dev.accord.initiative.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.http.BadRequest;
import dev.accord.http.CommandHeaders;
import dev.accord.initiative.application.CommandHandler;
import dev.accord.initiative.application.Receipt;
import dev.accord.initiative.domain.InitiativeCommand;
import dev.accord.security.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What every command endpoint shares: the clock and the ids a command carries, the handler,
 * and the answer — a receipt with its ETag, 201 when the command created something (its id is
 * in the receipt), else 200.
 */
@ApplicationScoped
public class CommandEndpoint {

    @Inject
    CommandHandler handler;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Actor actor;

    /** The instant a command is decided at (microseconds: what PostgreSQL keeps). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** An id for something a command creates: Accord makes them, clients never send them. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * @param operation the request line the Idempotency-Key fingerprint covers, with the ids in it
     * @param request   the parsed body (or parameters): a retry with the same key must repeat it
     */
    public Uni<Receipt> submit(InitiativeCommand command, CommandHeaders headers, String operation, Object request) {
        return handler.handle(command, headers.options(json, operation, request).withActor(actor.subject()));
    }

    public Uni<Response> answer(InitiativeCommand command, CommandHeaders headers, String operation, Object request) {
        return submit(command, headers, operation, request).map(receipt -> answer(receipt, headers).build());
    }

    static Response.ResponseBuilder answer(Receipt receipt, CommandHeaders headers) {
        return Response.status(receipt.createdSomething() ? Response.Status.CREATED : Response.Status.OK)
                .entity(receipt)
                .tag(Long.toString(receipt.version()))
                .header("X-Correlation-Id", headers.correlationId());
    }

    static <T> T required(T body) {
        if (body == null) {
            throw new BadRequest("a JSON body is required");
        }
        return body;
    }
}
