package dev.accord.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The alignment stream answers {@code text/event-stream}, and its failures (404, 503) as
 * {@code application/problem+json}. A client generated from openapi.yaml may send only the
 * latter in {@code Accept} (openapi-generator's Python client picks the JSON type of the
 * operation's media types): it asked to read what the stream answers, so the stream opens.
 * A client accepting neither still gets a 406 that says what this endpoint answers.
 */
@ApplicationScoped
public class StreamAccept {

    static final String EVENT_STREAM = "text/event-stream";
    private static final Pattern STREAM_PATH = Pattern.compile("/api/v1/initiatives/[^/]+/alignment/stream/?");
    /** Before the REST layer reads Accept; after the head and body checks. */
    private static final int ORDER = -1;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            HttpServerRequest request = context.request();
            if (request.method() == HttpMethod.GET && isStream(request.path())) {
                String accept = request.getHeader("Accept");
                if (accept != null && !admitsEventStream(accept) && admitsProblems(accept)) {
                    request.headers().set("Accept", EVENT_STREAM + ", " + accept);
                }
            }
            context.next();
        });
    }

    /** Whether a request path is the alignment stream's. */
    static boolean isStream(String path) {
        return path != null && STREAM_PATH.matcher(path).matches();
    }

    private static boolean admitsEventStream(String accept) {
        String types = accept.toLowerCase(Locale.ROOT);
        return types.contains(EVENT_STREAM) || types.contains("text/*") || types.contains("*/*");
    }

    private static boolean admitsProblems(String accept) {
        String types = accept.toLowerCase(Locale.ROOT);
        return types.contains(Problem.MEDIA_TYPE) || types.contains("application/json")
                || types.contains("application/*");
    }
}
