package dev.accord.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body sent without a Content-Type is refused (415) rather than guessed to be JSON: a client
 * that forgot the header may well have sent something else. A request without a body needs
 * none. Judged on the raw request, before the REST layer supplies a default.
 */
@ApplicationScoped
public class ContentTypeRequired {

    /** Just after BodyLimit, so an oversized body is still a 413 first. */
    private static final int ORDER = -2;

    void install(@Observes Router router, ObjectMapper json) {
        router.route().order(ORDER).handler(context -> {
            HttpServerRequest request = context.request();
            if (request.getHeader("Content-Type") == null && hasBody(request)) {
                BodyLimit.refuse(context, json, Problem.of(Problem.Kind.UNSUPPORTED_MEDIA_TYPE,
                        "the body has no Content-Type; send it as application/json", request.path()));
            } else {
                context.next();
            }
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return length != null ? !length.strip().equals("0") : request.getHeader("Transfer-Encoding") != null;
    }
}
