package dev.accord.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body over {@code quarkus.http.limits.max-body-size} (256 KiB) from its
 * Content-Length, before any of it is read, with a 413 problem. It runs just ahead of the
 * transport's own check, which would answer a bare 413. A body whose length is not known up
 * front (chunked, HTTP/2) is read and counted here first.
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus's upload-limit route (order -2). */
    private static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router, ObjectMapper json) {
        long limit = maxBodySize.asLongValue();
        BodyHandler unsizedBodies = BodyHandler.create(false).setBodyLimit(limit);
        router.route().order(ORDER).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length == null) {
                // Not over HTTP/2: the REST layer pauses every request it is handed, and an HTTP/2
                // request whose body was read here has ended, which Vert.x refuses with a 500
                // (quarkusio/quarkus#56595). There the transport's own limit answers a bare 413.
                if (mayCarryABody(context.request().method()) && context.request().version() != HttpVersion.HTTP_2) {
                    // No length up front (chunked): read the body here, counting, so an
                    // overlong one fails into the failure handler below, not the transport's bare 413.
                    unsizedBodies.handle(context);
                } else {
                    context.next();
                }
                return;
            }
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                refuse(context, json, Problem.of(Problem.Kind.MALFORMED_REQUEST, "Content-Length is not a number",
                        context.request().path()));
                return;
            }
            if (bytes > limit) {
                refuse(context, json, Problem.of(Problem.Kind.PAYLOAD_TOO_LARGE,
                        "the body has " + bytes + " bytes; Accord accepts at most " + limit, context.request().path()));
                return;
            }
            context.next();
        }).failureHandler(context -> {
            if (context.statusCode() == 413) {
                refuse(context, json, Problem.of(Problem.Kind.PAYLOAD_TOO_LARGE,
                        "the body is over " + limit + " bytes, the most Accord accepts", context.request().path()));
            } else {
                context.next();
            }
        });
    }

    private static boolean mayCarryABody(HttpMethod method) {
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    static void refuse(RoutingContext context, ObjectMapper json, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
        // The unread body stays on the connection, so the connection cannot be reused.
        context.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body);
    }
}
