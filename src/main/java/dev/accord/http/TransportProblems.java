package dev.accord.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.UUID;

/**
 * Answers with a problem document what the HTTP routing refuses before Accord's resources see
 * the request (a path with a broken percent-escape, for one), which it would otherwise answer
 * with an empty body. Requests the transport itself cannot parse (a request line over
 * {@code quarkus.http.limits.max-initial-line-length}, headers over
 * {@code quarkus.http.limits.max-header-size}, bytes HTTP does not allow) never reach a route:
 * the transport answers those with a bare status and closes the connection.
 */
@ApplicationScoped
public class TransportProblems {

    private static final Logger LOG = Logger.getLogger(TransportProblems.class);

    /** Ahead of every other route, so its failure handler is the first asked. */
    private static final int ORDER = -10;

    void install(@Observes Router router, ObjectMapper json) {
        router.route().order(ORDER).handler(RoutingContext::next).failureHandler(context -> {
            // BodyLimit words its own 413.
            if (context.response().headWritten() || context.statusCode() == 413) {
                context.next();
                return;
            }
            BodyLimit.refuse(context, json, problemFor(context));
        });
    }

    private static Problem problemFor(RoutingContext context) {
        int status = context.statusCode();
        String instance = context.request().path();
        if (status >= 400 && status < 500) {
            Problem.Kind kind = Arrays.stream(Problem.Kind.values()).filter(k -> k.status == status).findFirst()
                    .orElse(Problem.Kind.MALFORMED_REQUEST);
            return Problem.of(kind, kind == Problem.Kind.MALFORMED_REQUEST ? "the request cannot be read" : kind.title,
                    instance).withStatus(status);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(context.failure(), "Unexpected failure %s routing %s %s", reference, context.request().method(),
                instance);
        return Problem.of(Problem.Kind.INTERNAL_ERROR, "unexpected failure; reference " + reference, instance);
    }
}
